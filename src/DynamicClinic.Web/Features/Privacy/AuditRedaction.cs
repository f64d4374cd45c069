using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Patients;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Privacy;

/// <summary>
/// The one exception to the append-only audit trail, and a narrow one: when a patient is erased or anonymised, the
/// entries about them written before (edits and merges used to record contact details in before/after) have those
/// contact details replaced with <see cref="ContactRedaction.Marker"/>. Only the summary, before and after of the
/// patient's own entries are touched, only matching values are replaced, and the number of entries redacted is
/// recorded in the erasure or anonymisation entry. Who did what and when is never changed. Runs inside the caller's
/// transaction (ExecuteUpdate, so <see cref="ClinicDbContext"/>'s guard against tracked rewrites stays on for
/// everything else).
/// </summary>
public sealed class AuditRedaction(ClinicDbContext db)
{
    /// <summary>The properties of a before/after state that held a patient's contact details.</summary>
    private static readonly HashSet<string> ContactProperties = new(StringComparer.Ordinal) { "FullName", "PhoneE164", "Email", "Phone", "ToName", "ToAddress" };

    /// <summary>Every earlier spelling of the patients' contact details that their audit entries hold.</summary>
    public async Task<IReadOnlyList<string>> EarlierContactValuesAsync(IReadOnlyCollection<int> patientIds, CancellationToken cancellationToken)
    {
        var states = await db.AuditEntries.AsNoTracking()
            .Where(e => e.PatientId != null && patientIds.Contains(e.PatientId.Value) && (e.Before != null || e.After != null))
            .Select(e => new { e.Before, e.After })
            .ToListAsync(cancellationToken);
        return states
            .SelectMany(s => ContactRedaction.StringsUnder(s.Before, ContactProperties).Concat(ContactRedaction.StringsUnder(s.After, ContactProperties)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Replaces <paramref name="values"/> in the patients' entries; returns how many entries changed.</summary>
    public async Task<int> RedactAsync(IReadOnlyCollection<int> patientIds, IReadOnlyList<string> values, CancellationToken cancellationToken)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.PatientId != null && patientIds.Contains(e.PatientId.Value))
            .Select(e => new { e.Id, e.Summary, e.Before, e.After })
            .ToListAsync(cancellationToken);

        var redacted = 0;
        foreach (var entry in entries)
        {
            var summary = ContactRedaction.Text(entry.Summary, values);
            var before = entry.Before is null ? null : ContactRedaction.JsonState(entry.Before, values);
            var after = entry.After is null ? null : ContactRedaction.JsonState(entry.After, values);
            if (ReferenceEquals(summary, entry.Summary) && ReferenceEquals(before, entry.Before) && ReferenceEquals(after, entry.After))
            {
                continue;
            }

            await db.AuditEntries
                .Where(e => e.Id == entry.Id)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(e => e.Summary, Truncate(summary, AuditEntry.SummaryMaxLength))
                        .SetProperty(e => e.Before, before == null ? null : Truncate(before, AuditEntry.StateMaxLength))
                        .SetProperty(e => e.After, after == null ? null : Truncate(after, AuditEntry.StateMaxLength)),
                    cancellationToken);
            redacted++;
        }

        return redacted;
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
