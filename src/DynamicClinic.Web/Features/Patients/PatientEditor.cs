using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Features.Booking;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Patients;

public abstract record PatientEditOutcome
{
    /// <summary>Saved. <paramref name="SamePhone"/> lists other active records with the same mobile number (a warning, not a refusal).</summary>
    public sealed record Saved(IReadOnlyList<string> ChangedFields, IReadOnlyList<PatientLink> SamePhone) : PatientEditOutcome;

    /// <summary>The form matched what is stored: nothing to save.</summary>
    public sealed record Unchanged : PatientEditOutcome;

    /// <summary>Someone else saved the record after the form was opened; nothing was saved. Here is what is stored now.</summary>
    public sealed record Conflict(PatientContact Current, Guid CurrentVersion) : PatientEditOutcome;

    /// <summary>The record was merged into another and can no longer be edited.</summary>
    public sealed record MergedAway(int IntoPatientId) : PatientEditOutcome;

    public sealed record NotFound : PatientEditOutcome;

    /// <summary>The record was anonymised at the patient's request: its contact details stay empty; nothing saved.</summary>
    public sealed record Anonymised : PatientEditOutcome;
}

/// <summary>
/// Saves reception's changes to a patient's contact details: only when the record is still the version the form
/// was filled from (optimistic concurrency on <see cref="Patient.Version"/>), audited with the changed fields.
/// </summary>
public sealed class PatientEditor(ClinicDbContext db, AuditTrail audit, ClinicClock clock, ILogger<PatientEditor> logger)
{
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
            Version = patient.Version,
        };
        return (form, ContactOf(patient), patient.MergedIntoPatientId);
    }

    /// <summary>Saves a form that passed <see cref="PatientEditFormValidator"/>.</summary>
    public async Task<PatientEditOutcome> SaveAsync(int id, PatientEditForm form, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (patient is null)
        {
            return new PatientEditOutcome.NotFound();
        }

        if (patient.MergedIntoPatientId is { } into)
        {
            return new PatientEditOutcome.MergedAway(into);
        }

        if (patient.AnonymisedUtc is not null)
        {
            // Anonymised at the patient's request: giving it contact details again would undo that.
            return new PatientEditOutcome.Anonymised();
        }

        if (patient.Version != form.Version)
        {
            return new PatientEditOutcome.Conflict(ContactOf(patient), patient.Version);
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
        if (changed.Count == 0)
        {
            return new PatientEditOutcome.Unchanged();
        }

        patient.FullName = fullName;
        patient.PhoneE164 = phone;
        patient.Email = email;
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
            return current is null ? new PatientEditOutcome.NotFound() : new PatientEditOutcome.Conflict(ContactOf(current), current.Version);
        }

        logger.LogInformation("Patient {PatientId} updated", id);
        var samePhone = await db.Patients.AsNoTracking()
            .Where(p => p.PhoneE164 == phone && p.Id != id && p.MergedIntoPatientId == null)
            .OrderBy(p => p.Id)
            .Select(p => new PatientLink(p.Id, p.FullName))
            .ToListAsync(cancellationToken);
        return new PatientEditOutcome.Saved(changed, samePhone);
    }

    private PatientContact ContactOf(Patient p) =>
        new(p.Id, p.FullName, p.PhoneE164, PatientPhone.Display(p.PhoneE164), p.Email, clock.ToClinicTime(p.CreatedUtc), clock.ToClinicTime(p.UpdatedUtc));
}
