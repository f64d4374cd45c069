using System.Globalization;
using System.Security.Claims;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.Photos;
using DynamicClinic.Web.Features.Patients;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Photos;

/// <summary>One file of an upload: the view it was chosen for, its name as sent (checked, never used) and its bytes.</summary>
public sealed record PhotoUpload(PhotoView View, string FileName, long Length, Func<CancellationToken, Task<byte[]>> ReadAsync);

public sealed record VisitPhoto(int Id, PhotoView View, string ViewLabel, int Width, int Height)
{
    public string DisplayHref => PhotosController.DisplayHref(Id);

    public string ThumbnailHref => PhotosController.ThumbnailHref(Id);
}

/// <summary>The visit's photo page: what the visit is, whether photos may be taken, and those taken so far.</summary>
public sealed record VisitPhotosModel(
    string Reference, int PatientId, string PatientName, string When, string TreatmentName, bool Consent, ChartAlerts Alerts, IReadOnlyList<VisitPhoto> Photos)
{
    public IReadOnlyDictionary<string, string> Problems { get; init; } = new Dictionary<string, string>();

    public string? Problem { get; init; }
}

/// <summary>
/// Progress photos at a visit and on a patient's record. Who may see or take them follows the chart
/// (<see cref="PatientChartAccess"/>): the treating clinician, a clinician who gave a reason, an admin; never
/// reception. Taking any needs the patient's consent to clinical photos. Every upload and every look is audited;
/// log lines carry ids only.
/// </summary>
public sealed class PhotoDesk(ClinicDbContext db, IPhotoStore store, PatientChartAccess access, AuditTrail audit, ClinicClock clock, ILogger<PhotoDesk> logger)
{
    /// <summary>The field a view's files come in as: <c>photo-FrontalHairline</c>.</summary>
    public static string FieldFor(PhotoView view) => "photo-" + view;

    public static PhotoView? ViewOfField(string field) =>
        field.StartsWith("photo-", StringComparison.Ordinal) && Enum.TryParse<PhotoView>(field["photo-".Length..], out var view) && Enum.IsDefined(view) ? view : null;

    /// <summary>The patient a visit belongs to, or null when there is no such visit.</summary>
    public Task<int?> PatientIdAsync(string reference, CancellationToken cancellationToken) =>
        db.Appointments.AsNoTracking().Where(a => a.Reference == reference).Select(a => (int?)a.PatientId).FirstOrDefaultAsync(cancellationToken);

    public Task<ChartAccess> AccessAsync(int patientId, ClaimsPrincipal user, CancellationToken cancellationToken) => access.ForAsync(patientId, user, cancellationToken);

    public async Task<VisitPhotosModel?> VisitAsync(string reference, bool recordView, CancellationToken cancellationToken)
    {
        var visit = await db.Appointments.AsNoTracking()
            .Where(a => a.Reference == reference)
            .Select(a => new { a.Id, a.Reference, a.PatientId, PatientName = a.Patient!.FullName, a.StartUtc, TreatmentName = a.Treatment!.Name, Consent = a.Patient.ConsentsToClinicalPhotos, a.Patient.Allergies, a.Patient.Alerts })
            .FirstOrDefaultAsync(cancellationToken);
        if (visit is null)
        {
            return null;
        }

        var photos = await db.ProgressPhotos.AsNoTracking()
            .Where(p => p.AppointmentId == visit.Id)
            .OrderBy(p => p.View).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.View, p.Width, p.Height })
            .ToListAsync(cancellationToken);
        if (recordView && photos.Count > 0)
        {
            audit.Record(
                AuditActions.PhotoViewed, AuditEntityTypes.ProgressPhoto, visit.PatientId, visit.PatientId,
                $"Photos of appointment {visit.Reference} looked at", after: new { Photos = photos.Select(p => p.Id).ToList() });
            await db.SaveChangesAsync(cancellationToken);
        }

        return new VisitPhotosModel(
            visit.Reference, visit.PatientId, visit.PatientName, Label(visit.StartUtc), visit.TreatmentName, visit.Consent, new ChartAlerts(visit.Allergies, visit.Alerts),
            photos.Select(p => new VisitPhoto(p.Id, p.View, PhotoRules.Label(p.View), p.Width, p.Height)).ToList());
    }

    /// <summary>
    /// Checks every file, then keeps them all or none: one bad file refuses the upload with a message beside its view,
    /// so a clinician never has to work out which of six photos were kept. Files are read one at a time.
    /// </summary>
    public async Task<Outcome> UploadAsync(string reference, IReadOnlyList<PhotoUpload> files, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var visit = await db.Appointments.AsNoTracking()
            .Where(a => a.Reference == reference)
            .Select(a => new { a.Id, a.PatientId, a.Status, Consent = a.Patient!.ConsentsToClinicalPhotos })
            .FirstOrDefaultAsync(cancellationToken);
        if (visit is null)
        {
            return new Outcome.NotFound();
        }

        if (await access.ForAsync(visit.PatientId, user, cancellationToken) != ChartAccess.Full)
        {
            return new Outcome.Forbidden();
        }

        if (!visit.Consent)
        {
            return new Outcome.Refused(PhotoRules.NoConsent);
        }

        if (visit.Status == AppointmentStatus.Cancelled)
        {
            return new Outcome.Refused("This appointment was cancelled: take photos at the visit the patient came to.");
        }

        var chosen = files.Where(f => f.Length > 0 || f.FileName.Length > 0).ToList();
        if (chosen.Count == 0)
        {
            return new Outcome.Refused(PhotoRules.NoFile);
        }

        if (chosen.Count > PhotoRules.MaxFilesPerUpload)
        {
            return new Outcome.Refused(PhotoRules.TooMany);
        }

        var errors = new List<Outcome.FieldError>();
        var processed = new List<(PhotoView View, ProcessedPhoto Photo)>();
        foreach (var file in chosen)
        {
            var problem = PlainFileName(file.FileName) ? null
                : "This file's name holds a folder path. Send the photo under a plain name, such as crown.jpg.";
            if (problem is null && file.Length > PhotoRules.MaxFileBytes)
            {
                problem = PhotoRules.TooLargeFile;
            }

            if (problem is null)
            {
                var photo = PhotoProcessing.Process(await file.ReadAsync(cancellationToken));
                problem = photo.Problem;
                if (problem is null)
                {
                    processed.Add((file.View, photo));
                }
            }

            if (problem is not null && errors.All(e => e.Field != FieldFor(file.View)))
            {
                errors.Add(new Outcome.FieldError(FieldFor(file.View), problem));
            }
        }

        if (errors.Count > 0)
        {
            logger.LogInformation("Photo upload at appointment {AppointmentId} refused: {Refused} of {Files} files", visit.Id, errors.Count, chosen.Count);
            return new Outcome.Refused("Nothing was saved: correct the photos marked and send them again.") { FieldErrors = errors };
        }

        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var now = clock.UtcNow;
        var strategy = db.Database.CreateExecutionStrategy();
        var ids = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var rows = processed.Select(p => new ProgressPhoto
            {
                PatientId = visit.PatientId,
                AppointmentId = visit.Id,
                View = p.View,
                TakenUtc = now,
                UploadedByUserId = userId,
                Width = p.Photo.Width,
                Height = p.Photo.Height,
            }).ToList();
            db.ProgressPhotos.AddRange(rows);
            await db.SaveChangesAsync(cancellationToken);
            for (var i = 0; i < rows.Count; i++)
            {
                await store.SaveAsync(rows[i].Id, processed[i].Photo.Display!, processed[i].Photo.Thumbnail!, cancellationToken);
            }

            audit.Record(
                AuditActions.PhotosUploaded, AuditEntityTypes.Appointment, reference, visit.PatientId,
                $"{rows.Count} progress photo(s) taken at appointment {reference}",
                after: new { Photos = rows.Select(r => new { r.Id, View = r.View.ToString() }).ToList() });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return rows.Select(r => r.Id).ToList();
        });

        logger.LogInformation("{Count} progress photos stored for appointment {AppointmentId}", ids.Count, visit.Id);
        return new Outcome.Done(ids.Count == 1 ? "1 photo saved." : $"{ids.Count} photos saved.");
    }

    /// <summary>A photo's bytes for someone allowed to see its patient's chart (each look audited); null: no such photo.</summary>
    public async Task<(byte[]? Bytes, bool Allowed)> ImageAsync(int photoId, PhotoSize size, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var photo = await db.ProgressPhotos.AsNoTracking().Where(p => p.Id == photoId).Select(p => new { p.PatientId }).FirstOrDefaultAsync(cancellationToken);
        if (photo is null)
        {
            return (null, true);
        }

        if (await access.ForAsync(photo.PatientId, user, cancellationToken) != ChartAccess.Full)
        {
            return (null, false);
        }

        var bytes = await store.ReadAsync(photoId, size, cancellationToken);
        // Thumbnails are shown by pages that are audited themselves (the visit's photos, the comparison); a photo
        // opened at full size is a look of its own.
        if (bytes is not null && size == PhotoSize.Display)
        {
            audit.Record(AuditActions.PhotoViewed, AuditEntityTypes.ProgressPhoto, photoId, photo.PatientId, $"Progress photo {photoId.ToString(CultureInfo.InvariantCulture)} looked at");
            await db.SaveChangesAsync(cancellationToken);
        }

        return (bytes, true);
    }

    /// <summary>What a browser sends is a name without any folder; anything else was not made by a browser.</summary>
    public static bool PlainFileName(string name) =>
        name.Length <= 255 && !name.Contains('/', StringComparison.Ordinal) && !name.Contains('\\', StringComparison.Ordinal)
        && !name.Contains("..", StringComparison.Ordinal) && !name.Any(char.IsControl);

    private string Label(DateTime utc) => clock.ToClinicTime(utc).ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
}
