using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Features.Booking;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Patients;

/// <summary>What is stored now, shown beside the form when someone else saved the record meanwhile.</summary>
public sealed record StoredContact(PatientContact Contact, Guid Version);

/// <summary>
/// Saves reception's changes to a patient's contact details: only when the record is still the version the form
/// was filled from (optimistic concurrency on <see cref="Patient.Version"/>), audited with the changed fields.
/// </summary>
public sealed class PatientEditor(ClinicDbContext db, AuditTrail audit, ClinicClock clock, ILogger<PatientEditor> logger)
{
    private const string ChangedMessage = "Someone else saved this record after the form was opened; nothing was saved.";

    public Task<bool> IsAnonymisedAsync(int id, CancellationToken cancellationToken) =>
        db.Patients.AsNoTracking().AnyAsync(p => p.Id == id && p.AnonymisedUtc != null, cancellationToken);

    public async Task<(PatientEditForm Form, PatientContact Contact, int? MergedInto)?> FormForAsync(int id, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (patient is null || patient.AnonymisedUtc is not null)
        {
            return null;
        }

        var form = new PatientEditForm
        {
            FullName = patient.FullName,
            Phone = PatientPhone.Display(patient.PhoneE164),
            Email = patient.Email,
            Channel = patient.PreferredChannel?.ToString() ?? "",
            Version = patient.Version,
        };
        return (form, ContactOf(patient), patient.MergedIntoPatientId);
    }

    public static string MergedAwayMessage(int into) =>
        $"This record was merged into record {into.ToString(CultureInfo.InvariantCulture)} and can no longer be changed.";

    public const string AnonymisedMessage = "This record was anonymised at the patient's request, so its contact details can't be edited.";

    /// <summary>
    /// Saves a form that passed <see cref="PatientEditFormValidator"/>. Done names the changed fields ("Nothing was
    /// changed." when none did), with <c>SamePhone</c> listing other active records with the same mobile number (a
    /// warning, not a refusal). Changed (someone else saved meanwhile) comes with what is stored now in <c>Current</c>.
    /// Refused: the record was merged away or anonymised.
    /// </summary>
    public async Task<(Outcome Outcome, IReadOnlyList<PatientLink> SamePhone, StoredContact? Current)> SaveAsync(int id, PatientEditForm form, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (patient is null)
        {
            return (new Outcome.NotFound(), [], null);
        }

        if (patient.MergedIntoPatientId is { } into)
        {
            return (new Outcome.Refused(MergedAwayMessage(into)), [], null);
        }

        if (patient.AnonymisedUtc is not null)
        {
            // Anonymised at the patient's request: giving it contact details again would undo that.
            return (new Outcome.Refused(AnonymisedMessage), [], null);
        }

        if (patient.Version != form.Version)
        {
            return (new Outcome.Changed(ChangedMessage), [], new StoredContact(ContactOf(patient), patient.Version));
        }

        var fullName = form.FullName.Trim();
        var phone = PatientPhone.Normalise(form.Phone) ?? throw new InvalidOperationException("The form was not validated.");
        var email = string.IsNullOrWhiteSpace(form.Email) ? null : form.Email.Trim();

        // The audit entry names the changed fields, never their values: contact details stay out of the audit
        // trail, which outlives an erasure or anonymisation (docs/security.md, "Privacy requests").
        var fields = new List<string>();
        var changed = new List<string>();
        void Change(string field, string label, string? from, string? to)
        {
            if (!string.Equals(from, to, StringComparison.Ordinal))
            {
                fields.Add(field);
                changed.Add(label);
            }
        }

        Change(nameof(Patient.FullName), "name", patient.FullName, fullName);
        Change(nameof(Patient.PhoneE164), "mobile number", patient.PhoneE164, phone);
        Change(nameof(Patient.Email), "email", patient.Email, email);
        Domain.Messaging.ContactChannel? channel = Enum.TryParse<Domain.Messaging.ContactChannel>(form.Channel, false, out var chosen) ? chosen : null;
        Change(nameof(Patient.PreferredChannel), "channel for messages", patient.PreferredChannel?.ToString(), channel?.ToString());
        if (changed.Count == 0)
        {
            return (new Outcome.Done("Nothing was changed."), [], null);
        }

        patient.FullName = fullName;
        patient.PhoneE164 = phone;
        patient.Email = email;
        patient.PreferredChannel = channel;
        patient.UpdatedUtc = clock.UtcNow;
        patient.Version = Guid.NewGuid();
        audit.Record(AuditActions.PatientUpdated, AuditEntityTypes.Patient, patient.Id, patient.Id, "Changed the " + string.Join(", ", changed), after: new { ChangedFields = fields });

        try
        {
            // The UPDATE is conditional on the version read above, so a save that lands in between is caught too.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            logger.LogInformation("Edit of patient {PatientId} refused: the record changed meanwhile", id);
            var current = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            return current is null ? (new Outcome.NotFound(), [], null) : (new Outcome.Changed(ChangedMessage), [], new StoredContact(ContactOf(current), current.Version));
        }

        logger.LogInformation("Patient {PatientId} updated", id);
        var samePhone = await db.Patients.AsNoTracking()
            .Where(p => p.PhoneE164 == phone && p.Id != id && p.MergedIntoPatientId == null)
            .OrderBy(p => p.Id)
            .Select(p => new PatientLink(p.Id, p.FullName))
            .ToListAsync(cancellationToken);
        return (new Outcome.Done("Saved: the " + string.Join(", ", changed) + "."), samePhone, null);
    }

    private PatientContact ContactOf(Patient p) =>
        new(p.Id, p.FullName, p.PhoneE164, PatientPhone.Display(p.PhoneE164), p.Email, clock.ToClinicTime(p.CreatedUtc), clock.ToClinicTime(p.UpdatedUtc));
}
