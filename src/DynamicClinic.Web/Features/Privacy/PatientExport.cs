using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Notes;
using DynamicClinic.Domain.Photos;
using DynamicClinic.Web.Features.Booking;
using DynamicClinic.Web.Features.Patients;
using DynamicClinic.Web.Features.Photos;
using DynamicClinic.Web.Infrastructure;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Privacy;

/// <summary>
/// Everything the clinic holds about one patient, for a subject access request: the JSON download serialises this
/// as it is (the shape is documented in docs/patient-export.md; <see cref="FormatVersion"/> changes when it does),
/// and the printable page shows the same facts. Times are UTC with the clinic-time equivalent beside them.
/// </summary>
public sealed record PatientExportDocument(
    string Format,
    int FormatVersion,
    DateTime ExportedUtc,
    string ClinicName,
    string ClinicTimeZone,
    ExportedPatient Patient,
    IReadOnlyList<ExportedAppointment> Appointments,
    IReadOnlyList<ExportedSessionPlan> SessionPlans,
    IReadOnlyList<ExportedNote> Notes,
    IReadOnlyList<ExportedEmail> Emails)
{
    public const string FormatName = "dynamicclinic.patient-export";
    public const int CurrentVersion = 1;

    /// <summary>Progress photos (issue 15): what each is; the pictures themselves are in the zip download, under <see cref="ExportedPhoto.FileName"/>.</summary>
    public IReadOnlyList<ExportedPhoto> Photos { get; init; } = [];
}

/// <param name="FileName">The photo's path inside the zip download (<c>photos/...jpg</c>).</param>
public sealed record ExportedPhoto(int Id, string AppointmentReference, string View, DateTime TakenUtc, DateTime TakenLocal, int Width, int Height, string FileName);

/// <param name="MergedRecordNumbers">Duplicate records that were merged into this one (their appointments are listed here).</param>
/// <param name="PossibleDuplicateOfRecordNumber">
/// Set while the record is flagged as possibly the same person as another record (ADR 0004). The other record's number
/// only: its details are someone else's data.
/// </param>
public sealed record ExportedPatient(
    int RecordNumber,
    string FullName,
    string? Mobile,
    string? Email,
    DateTime RecordCreatedUtc,
    DateTime RecordCreatedLocal,
    DateTime RecordUpdatedUtc,
    DateTime? AnonymisedUtc,
    IReadOnlyList<int> MergedRecordNumbers,
    int? PossibleDuplicateOfRecordNumber)
{
    /// <summary>The clinician's part of the record (issue 15).</summary>
    public ExportedClinicalDetails? ClinicalDetails { get; init; }
}

/// <param name="SecondContactMobile">Shown as staff see it, like <see cref="ExportedPatient.Mobile"/>.</param>
public sealed record ExportedClinicalDetails(
    DateOnly? DateOfBirth,
    string? Sex,
    string? Allergies,
    string? Alerts,
    string? SecondContactName,
    string? SecondContactMobile,
    bool ConsentsToClinicalPhotos,
    bool ConsentsToTeachingUse);

/// <param name="BookedUtc">When the appointment was made (online bookings are when the patient accepted the privacy notice).</param>
public sealed record ExportedAppointment(
    string Reference,
    DateTime StartUtc,
    DateTime StartLocal,
    DateTime EndUtc,
    string Clinician,
    string Treatment,
    string Status,
    string BookedBy,
    DateTime BookedUtc,
    string? MainConcern,
    string? PatientMessage,
    string? CancellationReason,
    int? SessionPlanId,
    int? SessionNumber);

public sealed record ExportedSessionPlan(
    int Id,
    string Treatment,
    string Clinician,
    string Status,
    DateOnly StartDate,
    string Phases,
    int TotalSessions,
    int SessionsCompleted,
    string? EndReason,
    DateTime? EndedUtc,
    DateTime CreatedUtc);

public sealed record ExportedNoteField(string Field, string Label, string Value);

public sealed record ExportedAmendment(string Author, DateTime CreatedUtc, string Reason, IReadOnlyList<ExportedNoteField> Fields);

/// <summary>A signed note as signed, and each later correction in full (drafts are not yet part of the record).</summary>
public sealed record ExportedNote(
    string AppointmentReference,
    string Kind,
    string Author,
    DateTime SignedUtc,
    IReadOnlyList<ExportedNoteField> Fields,
    IReadOnlyList<ExportedAmendment> Amendments);

/// <summary>An email the clinic sent or will send the patient: what and when, not its text.</summary>
public sealed record ExportedEmail(string Kind, string Subject, DateTime CreatedUtc, DateTime? SentUtc);

/// <summary>Builds <see cref="PatientExportDocument"/>s and writes the export's audit entry. Never logs contents.</summary>
public sealed class PatientExport(
    ClinicDbContext db, AuditTrail audit, ClinicClock clock, Microsoft.Extensions.Options.IOptions<ClinicOptions> clinic, NoteFieldCatalog noteFields, IPhotoStore photos)
{
    public const string HtmlFormat = "html";
    public const string JsonFormat = "json";
    public const string ZipFormat = "zip";

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The patient's data, after recording who exported it in which format; null when there is no such record.</summary>
    public async Task<PatientExportDocument?> ExportAsync(int patientId, string format, CancellationToken cancellationToken)
    {
        var document = await BuildAsync(patientId, cancellationToken);
        if (document is null)
        {
            return null;
        }

        audit.Record(
            AuditActions.PatientExported,
            AuditEntityTypes.Patient,
            patientId,
            patientId,
            $"Exported the patient's data ({(format == JsonFormat ? "JSON" : format == ZipFormat ? "JSON and photos" : "printable summary")})",
            after: new
            {
                Format = format,
                document.FormatVersion,
                Appointments = document.Appointments.Count,
                SessionPlans = document.SessionPlans.Count,
                Notes = document.Notes.Count,
                document.Photos.Count,
            });
        await db.SaveChangesAsync(cancellationToken);
        return document;
    }

    public async Task<PatientExportDocument?> BuildAsync(int patientId, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (patient is null)
        {
            return null;
        }

        var merged = await db.Patients.AsNoTracking().Where(p => p.MergedIntoPatientId == patientId).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);

        var appointments = await db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == patientId)
            .OrderBy(a => a.StartUtc)
            .Select(a => new
            {
                a.Id,
                a.Reference,
                a.StartUtc,
                a.EndUtc,
                Clinician = a.Clinician!.DisplayName,
                Treatment = a.Treatment!.Name,
                a.Status,
                a.Source,
                a.CreatedUtc,
                a.MainConcern,
                a.PatientMessage,
                a.CancellationReason,
                a.SessionPlanId,
                a.SessionNumber,
            })
            .ToListAsync(cancellationToken);
        var appointmentIds = appointments.Select(a => a.Id).ToList();

        var plans = await db.SessionPlans.AsNoTracking()
            .Where(p => p.PatientId == patientId)
            .OrderBy(p => p.CreatedUtc)
            .Select(p => new ExportedSessionPlan(
                p.Id,
                p.Treatment!.Name,
                p.Clinician!.DisplayName,
                p.Status.ToString(),
                p.StartDate,
                p.PhasesSummary,
                p.TotalSessions,
                db.Appointments.Count(a => a.SessionPlanId == p.Id && a.Status == Domain.Appointments.AppointmentStatus.Completed),
                p.EndReason,
                p.EndedUtc,
                p.CreatedUtc))
            .ToListAsync(cancellationToken);

        var notes = await db.SessionNotes.AsNoTracking()
            .Include(n => n.Amendments)
            .Where(n => appointmentIds.Contains(n.AppointmentId) && n.Status == NoteStatus.Signed)
            .ToListAsync(cancellationToken);
        var treatmentNames = await db.Treatments.AsNoTracking().ToDictionaryAsync(t => t.Slug, t => t.Name, cancellationToken);
        var references = appointments.ToDictionary(a => a.Id, a => (a.Reference, a.StartUtc));

#pragma warning disable CA1304, CA1311, CA1862 // ToLower here becomes SQL LOWER(): case-insensitive whatever the column's collation
        var emails = patient.Email is { Length: > 0 } email
            ? await db.OutboxMessages.AsNoTracking()
                .Where(m => (m.AppointmentId != null && appointmentIds.Contains(m.AppointmentId.Value)) || m.ToAddress.ToLower() == email.ToLowerInvariant())
                .OrderBy(m => m.CreatedUtc)
                .Select(m => new ExportedEmail(m.Kind, m.Subject, m.CreatedUtc, m.SentUtc))
                .ToListAsync(cancellationToken)
            : await db.OutboxMessages.AsNoTracking()
                .Where(m => m.AppointmentId != null && appointmentIds.Contains(m.AppointmentId.Value))
                .OrderBy(m => m.CreatedUtc)
                .Select(m => new ExportedEmail(m.Kind, m.Subject, m.CreatedUtc, m.SentUtc))
                .ToListAsync(cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862

        var photos = await db.ProgressPhotos.AsNoTracking()
            .Where(p => p.PatientId == patientId)
            .OrderBy(p => p.TakenUtc).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.AppointmentId, p.View, p.TakenUtc, p.Width, p.Height })
            .ToListAsync(cancellationToken);

        return new PatientExportDocument(
            PatientExportDocument.FormatName,
            PatientExportDocument.CurrentVersion,
            clock.UtcNow,
            clinic.Value.Name,
            clock.TimeZone.Id,
            new ExportedPatient(
                patient.Id,
                patient.FullName,
                string.IsNullOrEmpty(patient.PhoneE164) ? null : PatientPhone.Display(patient.PhoneE164),
                patient.Email,
                patient.CreatedUtc,
                clock.ToClinicTime(patient.CreatedUtc),
                patient.UpdatedUtc,
                patient.AnonymisedUtc,
                merged,
                patient.PossibleDuplicateOfPatientId)
            {
                ClinicalDetails = new ExportedClinicalDetails(
                    patient.DateOfBirth,
                    patient.Sex?.ToString(),
                    patient.Allergies,
                    patient.Alerts,
                    patient.SecondContactName,
                    patient.SecondContactPhoneE164 is { } second ? PatientPhone.Display(second) : null,
                    patient.ConsentsToClinicalPhotos,
                    patient.ConsentsToTeachingUse),
            },
            appointments.Select(a => new ExportedAppointment(
                a.Reference,
                a.StartUtc,
                clock.ToClinicTime(a.StartUtc),
                a.EndUtc,
                a.Clinician,
                a.Treatment,
                PatientText.Status(a.Status),
                a.Source.ToString(),
                a.CreatedUtc,
                a.MainConcern,
                a.PatientMessage,
                a.CancellationReason,
                a.SessionPlanId,
                a.SessionNumber)).ToList(),
            plans,
            notes
                .OrderBy(n => references[n.AppointmentId].StartUtc)
                .Select(n => new ExportedNote(
                    references[n.AppointmentId].Reference,
                    n.Kind.ToString(),
                    n.AuthorName,
                    n.SignedUtc ?? n.UpdatedUtc,
                    Fields(n.Kind, n.Content, treatmentNames),
                    n.Amendments.OrderBy(a => a.CreatedUtc).ThenBy(a => a.Id)
                        .Select(a => new ExportedAmendment(a.AuthorName, a.CreatedUtc, a.Reason, Fields(n.Kind, a.Content, treatmentNames)))
                        .ToList()))
                .ToList(),
            emails)
        {
            Photos = photos.Select(p => new ExportedPhoto(
                p.Id,
                references.TryGetValue(p.AppointmentId, out var visit) ? visit.Reference : "",
                p.View.ToString(),
                p.TakenUtc,
                clock.ToClinicTime(p.TakenUtc),
                p.Width,
                p.Height,
                "photos/" + PhotoRules.ExportName(DateOnly.FromDateTime(clock.ToClinicTime(p.TakenUtc)), p.View, p.Id))).ToList(),
        };
    }

    /// <summary>
    /// The JSON document and every progress photo (the display copy, as staff see it) in one zip, after recording the
    /// export; null when there is no such record. Built in memory, one photo read at a time.
    /// </summary>
    public async Task<(byte[] Zip, PatientExportDocument Document)?> ZipAsync(int patientId, CancellationToken cancellationToken)
    {
        var document = await ExportAsync(patientId, ZipFormat, cancellationToken);
        if (document is null)
        {
            return null;
        }

        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            var json = zip.CreateEntry($"patient-{patientId.ToString(CultureInfo.InvariantCulture)}.json", CompressionLevel.Optimal);
            await using (var stream = json.Open())
            {
                await JsonSerializer.SerializeAsync(stream, document, JsonOptions, cancellationToken);
            }

            foreach (var photo in document.Photos)
            {
                if (await photos.ReadAsync(photo.Id, PhotoSize.Display, cancellationToken) is not { } bytes)
                {
                    continue;
                }

                // JPEG is compressed already: stored as it is.
                var entry = zip.CreateEntry(photo.FileName, CompressionLevel.NoCompression);
                await using var stream = entry.Open();
                await stream.WriteAsync(bytes, cancellationToken);
            }
        }

        return (memory.ToArray(), document);
    }

    /// <summary>The note's filled-in fields as they read on the note page (its field set's labels and units).</summary>
    private List<ExportedNoteField> Fields(NoteKind kind, string json, Dictionary<string, string> treatmentNames) =>
        [.. NoteContent.Parse(json)
            .Lines(kind, noteFields, slug => treatmentNames.TryGetValue(slug, out var name) ? name : slug)
            .Select(l => new ExportedNoteField(l.Field, l.Label, l.Value))];
}
