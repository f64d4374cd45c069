using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Clinicians;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Images;
using DynamicClinic.Web.Infrastructure.Security;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Admin;

/// <summary>
/// A clinician's optional photo, uploaded and removed by admins on the clinician's page. Accepted only when it is a
/// JPEG, PNG or WebP picture of at most 1 MB that decodes in full, whatever the file name or the browser says; stored
/// re-encoded (<see cref="UploadedPicture"/>) in the database and served at <c>/clinicians/{id}/photo</c>.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class ClinicianPhotosController(ClinicDbContext db, ClinicClock clock, AuditTrail audit, ILogger<ClinicianPhotosController> logger) : StaffControllerBase
{
    public const string ProblemKey = "PhotoProblem";

    /// <summary>A little over the photo limit, so a slightly large photo gets a message rather than a bare 413.</summary>
    private const int RequestLimit = 2 * ClinicianPhoto.MaxBytes;

    [HttpPost("/staff/admin/clinicians/{id:int}/photo")]
    [RequestSizeLimit(RequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
    public async Task<IActionResult> Upload(int id, IFormFile? photo, CancellationToken cancellationToken)
    {
        var clinician = await db.Clinicians.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (clinician is null)
        {
            return NotFound();
        }

        if (photo is null || photo.Length == 0)
        {
            return Refused(id, "Choose a photo to upload.");
        }

        if (photo.Length > ClinicianPhoto.MaxBytes)
        {
            return Refused(id, "The photo is larger than 1 MB. Please upload a smaller one.");
        }

        byte[] bytes;
        await using (var stream = photo.OpenReadStream())
        {
            using var memory = new MemoryStream((int)photo.Length);
            await stream.CopyToAsync(memory, cancellationToken);
            bytes = memory.ToArray();
        }

        // Decoded in full and stored re-encoded: patients get the picture we made, never the bytes that were sent.
        var picture = UploadedPicture.Read(bytes);
        if (picture.Jpeg is null)
        {
            return Refused(id, picture.Problem!);
        }

        bytes = picture.Jpeg;
        const string contentType = ClinicianPhoto.Jpeg;
        var stored = await db.ClinicianPhotos.FirstOrDefaultAsync(p => p.ClinicianId == id, cancellationToken);
        object? before = stored is null ? null : new { stored.ContentType, Bytes = stored.Content.Length };
        if (stored is null)
        {
            stored = new ClinicianPhoto { ClinicianId = id };
            db.ClinicianPhotos.Add(stored);
        }

        stored.ContentType = contentType;
        stored.Content = bytes;
        stored.Version = Guid.NewGuid();
        stored.UploadedUtc = clock.UtcNow;
        audit.Record(
            AuditActions.ClinicianPhotoChanged,
            AuditEntityTypes.Clinician,
            id,
            patientId: null,
            $"Photo of {clinician.DisplayName} uploaded",
            before,
            new { ContentType = contentType, Bytes = bytes.Length });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is DbUpdateConcurrencyException or DbUpdateException)
        {
            // Another admin uploaded or removed the photo at the same moment.
            return Refused(id, "The photo was changed by someone else a moment ago. Please look at it and try again.");
        }

        logger.LogInformation("Photo of clinician {ClinicianId} uploaded", id);
        TempData["Flash"] = "Photo saved. Patients see it when choosing whom to book.";
        return Back(id);
    }

    [HttpPost("/staff/admin/clinicians/{id:int}/photo/remove")]
    public async Task<IActionResult> Remove(int id, CancellationToken cancellationToken)
    {
        var clinician = await db.Clinicians.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (clinician is null)
        {
            return NotFound();
        }

        var stored = await db.ClinicianPhotos.FirstOrDefaultAsync(p => p.ClinicianId == id, cancellationToken);
        if (stored is not null)
        {
            db.ClinicianPhotos.Remove(stored);
            audit.Record(
                AuditActions.ClinicianPhotoRemoved,
                AuditEntityTypes.Clinician,
                id,
                patientId: null,
                $"Photo of {clinician.DisplayName} removed",
                new { stored.ContentType, Bytes = stored.Content.Length });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Already removed or replaced by someone else; the page shows how it stands.
            }

            logger.LogInformation("Photo of clinician {ClinicianId} removed", id);
        }

        TempData["Flash"] = "Photo removed.";
        return Back(id);
    }

    private RedirectResult Refused(int id, string problem)
    {
        TempData[ProblemKey] = problem;
        return Back(id);
    }

    private RedirectResult Back(int id) => Redirect($"/staff/admin/clinicians/{id}#photo");
}
