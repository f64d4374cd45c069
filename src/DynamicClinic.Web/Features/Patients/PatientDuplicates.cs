using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Features.Booking;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Patients;

/// <summary>A record's open flag as its own page shows it: the other record, what the two share, and the version to dismiss it at.</summary>
public sealed record PatientDuplicateFlag(PatientLink Other, string Shared, Guid Version);

/// <summary>One open flag in reception's list: the flagged record beside the one it may duplicate.</summary>
public sealed record PatientDuplicatePair(PatientContact Flagged, PatientContact Other, string Shared, Guid FlaggedVersion);

public sealed record PatientDuplicatesPage(IReadOnlyList<PatientDuplicatePair> Pairs, int Total);

/// <summary>The "Not the same person" form: the flagged record's version when the page was shown, and where to go back to.</summary>
public sealed class PatientDuplicateDismissForm
{
    public const string FromList = "list";

    public Guid Version { get; set; }

    public string? From { get; set; }
}

/// <summary>
/// The "possible duplicate of ..." flags a booking sets when a new record shares a phone or email with another
/// (ADR 0004): the open ones for reception's list and the record page, and dismissing one ("not the same person").
/// A flag is open while both records are in use: a merged-away or anonymised record has nothing left to compare.
/// </summary>
public sealed class PatientDuplicates(ClinicDbContext db, AuditTrail audit, ClinicClock clock, ILogger<PatientDuplicates> logger)
{
    /// <summary>Reception works through the oldest flags first; more than this at once is shown as a count.</summary>
    public const int ListLimit = 50;

    public Task<int> CountOpenAsync(CancellationToken cancellationToken) => OpenFlags().CountAsync(cancellationToken);

    /// <summary>The open flags, oldest first, each pair side by side.</summary>
    public async Task<PatientDuplicatesPage> ListAsync(CancellationToken cancellationToken)
    {
        var total = await CountOpenAsync(cancellationToken);
        var rows = await OpenFlags()
            .Join(db.Patients.AsNoTracking(), p => p.PossibleDuplicateOfPatientId!.Value, o => o.Id, (p, o) => new { Flagged = p, Other = o })
            .OrderBy(r => r.Flagged.CreatedUtc)
            .ThenBy(r => r.Flagged.Id)
            .Take(ListLimit)
            .ToListAsync(cancellationToken);
        var pairs = rows
            .Select(r => new PatientDuplicatePair(ContactOf(r.Flagged), ContactOf(r.Other), Shared(r.Flagged, r.Other), r.Flagged.Version))
            .ToList();
        return new PatientDuplicatesPage(pairs, total);
    }

    /// <summary>For a record's page: its own open flag, if any, and the records flagged as possible duplicates of it.</summary>
    public async Task<(PatientDuplicateFlag? Of, IReadOnlyList<PatientLink> OfThis)> ForRecordAsync(int id, CancellationToken cancellationToken)
    {
        var own = await OpenFlags()
            .Where(p => p.Id == id)
            .Join(db.Patients.AsNoTracking(), p => p.PossibleDuplicateOfPatientId!.Value, o => o.Id, (p, o) => new { Flagged = p, Other = o })
            .FirstOrDefaultAsync(cancellationToken);
        var ofThis = await OpenFlags()
            .Where(p => p.PossibleDuplicateOfPatientId == id)
            .OrderBy(p => p.Id)
            .Select(p => new PatientLink(p.Id, p.FullName))
            .ToListAsync(cancellationToken);
        var flag = own is null
            ? null
            : new PatientDuplicateFlag(new PatientLink(own.Other.Id, own.Other.FullName), Shared(own.Flagged, own.Other), own.Flagged.Version);
        return (flag, ofThis);
    }

    /// <summary>
    /// Reception says the flagged record is someone else: the flag goes, the record's version changes, and both
    /// records' histories say so (by record number only). Dismissing a flag that is already gone changes nothing.
    /// </summary>
    public async Task<Outcome> DismissAsync(int id, Guid version, CancellationToken cancellationToken)
    {
        var record = id.ToString(CultureInfo.InvariantCulture);
        var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (patient is null)
        {
            return new Outcome.NotFound();
        }

        // Checked before the version, so a second click (or a second tab) is told there is nothing left to dismiss.
        if (patient.PossibleDuplicateOfPatientId is not { } otherId)
        {
            // Already dismissed, or cleared by a merge: nothing to do, and nothing wrong either.
            return new Outcome.Done($"Record {record} is not marked as a possible duplicate (any more): nothing to dismiss.");
        }

        if (patient.Version != version)
        {
            return new Outcome.Changed($"Record {record} was changed meanwhile, so its flag was not dismissed. Check the two records again.");
        }

        patient.PossibleDuplicateOfPatientId = null;
        patient.UpdatedUtc = clock.UtcNow;
        patient.Version = Guid.NewGuid();
        var before = new { PossibleDuplicateOfPatientId = otherId };
        var after = new { PossibleDuplicateOfPatientId = (int?)null };
        audit.Record(AuditActions.PatientDuplicateDismissed, AuditEntityTypes.Patient, id, id, $"Not the same person as record {otherId}: possible-duplicate flag dismissed", before, after);
        audit.Record(AuditActions.PatientDuplicateDismissed, AuditEntityTypes.Patient, otherId, otherId, $"Record {id} is not the same person as this one: possible-duplicate flag dismissed", before, after);

        try
        {
            // Conditional on the version read above, so a change landing in between is caught too.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            logger.LogInformation("Dismissing the possible-duplicate flag on patient {PatientId} refused: the record changed meanwhile", id);
            return new Outcome.Changed($"Record {record} was changed meanwhile, so its flag was not dismissed. Check the two records again.");
        }

        logger.LogInformation("Possible-duplicate flag on patient {PatientId} (of {OtherPatientId}) dismissed", id, otherId);
        return new Outcome.Done($"Record {record} is no longer marked as a possible duplicate of record {otherId.ToString(CultureInfo.InvariantCulture)}.");
    }

    /// <summary>What two records share, in reception's words. Either may have been edited since the booking flagged them.</summary>
    public static string Shared(Patient a, Patient b)
    {
        var phone = a.PhoneE164.Length > 0 && a.PhoneE164 == b.PhoneE164;
        var email = PatientIdentity.NormaliseEmail(a.Email) is { Length: > 0 } normalised && normalised == PatientIdentity.NormaliseEmail(b.Email);
        return (phone, email) switch
        {
            (true, true) => "same mobile number and email",
            (true, false) => "same mobile number",
            (false, true) => "same email",
            _ => "shared a mobile number or email when booked",
        };
    }

    private IQueryable<Patient> OpenFlags() => db.Patients.AsNoTracking()
        .Where(p => p.PossibleDuplicateOfPatientId != null && p.MergedIntoPatientId == null && p.AnonymisedUtc == null
            && db.Patients.Any(o => o.Id == p.PossibleDuplicateOfPatientId && o.MergedIntoPatientId == null && o.AnonymisedUtc == null));

    private PatientContact ContactOf(Patient p) =>
        new(p.Id, p.FullName, p.PhoneE164, PatientPhone.Display(p.PhoneE164), p.Email, clock.ToClinicTime(p.CreatedUtc), clock.ToClinicTime(p.UpdatedUtc));
}
