using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Patients;

/// <summary>The clinical part of the record as the chart shows it; the age is worked out for the clinic's today.</summary>
public sealed record PatientChartDetails(
    DateOnly? DateOfBirth, int? Age, PatientSex? Sex, string? Allergies, string? Alerts,
    string? SecondContactName, string? SecondContactPhone, bool ConsentsToClinicalPhotos, bool ConsentsToTeachingUse)
{
    public bool HasAlerts => Allergies is not null || Alerts is not null;
}

/// <summary>Allergies and alerts, for the banner on every clinical page.</summary>
public sealed record ChartAlerts(string? Allergies, string? Alerts)
{
    /// <summary>Contraindications recorded at the latest consultation before the visit shown.</summary>
    public IReadOnlyList<string> Contraindications { get; init; } = [];

    /// <summary>When that consultation was, in clinic time.</summary>
    public string? ContraindicationsRecorded { get; init; }

    public bool Any => Allergies is not null || Alerts is not null || Contraindications.Count > 0;
}

/// <summary>
/// Reads and saves the clinician's part of a record (date of birth, sex, allergies, alerts, second contact, photo
/// consents). Saving checks the record's version, as reception's edit does, and audits which fields changed, never
/// their values.
/// </summary>
public sealed class PatientChartEditor(ClinicDbContext db, AuditTrail audit, ClinicClock clock)
{
    public const string SavedMessage = "Clinical details saved.";
    public const string ChangedMessage = "Someone else changed this record a moment ago, so your changes were not saved. What you typed is still below: check it and save again.";

    public async Task<PatientChartDetails?> DetailsAsync(int id, CancellationToken cancellationToken)
    {
        var p = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return p is null ? null : Details(p);
    }

    public async Task<(PatientChartDetailsForm Form, string Name)?> FormAsync(int id, CancellationToken cancellationToken)
    {
        var p = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (p is null)
        {
            return null;
        }

        return (new PatientChartDetailsForm
        {
            DateOfBirth = p.DateOfBirth?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Sex = p.Sex?.ToString(),
            Allergies = p.Allergies,
            Alerts = p.Alerts,
            SecondContactName = p.SecondContactName,
            SecondContactPhone = p.SecondContactPhoneE164 is { } phone ? PatientPhone.Display(phone) : null,
            ConsentsToClinicalPhotos = p.ConsentsToClinicalPhotos,
            ConsentsToTeachingUse = p.ConsentsToTeachingUse,
            Version = p.Version,
        }, p.FullName);
    }

    /// <summary>Saves a form the validator accepted. Refused carries a field error; Changed a conflicting save meanwhile.</summary>
    public async Task<Outcome> SaveAsync(int id, PatientChartDetailsForm form, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (patient is null)
        {
            return new Outcome.NotFound();
        }

        if (patient.MergedIntoPatientId is not null || patient.AnonymisedUtc is not null)
        {
            return new Outcome.Refused("This record was merged or anonymised: its clinical details can't be changed here.");
        }

        // The validator has already refused a date that does not parse; the rules check what is left.
        var problem = PatientChartDetailsForm.TryParseDate(form.DateOfBirth, out var dateOfBirth)
            ? PatientClinicalRules.DateOfBirthProblem(dateOfBirth, clock.Today)
            : "Enter the date of birth as a date, for example 1990-04-23.";
        if (problem is not null)
        {
            return new Outcome.Refused("Please check the date of birth.") { FieldErrors = [new(nameof(form.DateOfBirth), problem)] };
        }

        if (form.Version != patient.Version)
        {
            return new Outcome.Changed(ChangedMessage);
        }

        var before = Snapshot(patient);
        patient.DateOfBirth = dateOfBirth;
        patient.Sex = PatientChartDetailsForm.ParseSex(form.Sex);
        patient.Allergies = Clean(form.Allergies);
        patient.Alerts = Clean(form.Alerts);
        patient.SecondContactName = Clean(form.SecondContactName);
        patient.SecondContactPhoneE164 = PatientPhone.Normalise(form.SecondContactPhone);
        patient.ConsentsToClinicalPhotos = form.ConsentsToClinicalPhotos;
        patient.ConsentsToTeachingUse = form.ConsentsToClinicalPhotos && form.ConsentsToTeachingUse;
        var after = Snapshot(patient);
        var changed = before.Where(b => after[b.Key] != b.Value).Select(b => b.Key).ToArray();
        if (changed.Length == 0)
        {
            return new Outcome.Done("Nothing changed.");
        }

        patient.UpdatedUtc = clock.UtcNow;
        patient.Version = Guid.NewGuid();
        audit.Record(AuditActions.ChartDetailsUpdated, AuditEntityTypes.Patient, patient.Id, patient.Id, "Clinical details updated", null, new { Fields = changed });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Outcome.Changed(ChangedMessage);
        }

        return new Outcome.Done(SavedMessage);
    }

    public PatientChartDetails Details(Patient p) => new(
        p.DateOfBirth,
        p.DateOfBirth is { } dob ? PatientClinicalRules.Age(dob, clock.Today) : null,
        p.Sex,
        p.Allergies,
        p.Alerts,
        p.SecondContactName,
        p.SecondContactPhoneE164 is { } phone ? PatientPhone.Display(phone) : null,
        p.ConsentsToClinicalPhotos,
        p.ConsentsToTeachingUse);

    // Field names and a value to compare by; the values never leave this method (the audit names fields only).
    private static Dictionary<string, string?> Snapshot(Patient p) => new()
    {
        [nameof(Patient.DateOfBirth)] = p.DateOfBirth?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        [nameof(Patient.Sex)] = p.Sex?.ToString(),
        [nameof(Patient.Allergies)] = p.Allergies,
        [nameof(Patient.Alerts)] = p.Alerts,
        [nameof(Patient.SecondContactName)] = p.SecondContactName,
        [nameof(Patient.SecondContactPhoneE164)] = p.SecondContactPhoneE164,
        [nameof(Patient.ConsentsToClinicalPhotos)] = p.ConsentsToClinicalPhotos.ToString(),
        [nameof(Patient.ConsentsToTeachingUse)] = p.ConsentsToTeachingUse.ToString(),
    };

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
