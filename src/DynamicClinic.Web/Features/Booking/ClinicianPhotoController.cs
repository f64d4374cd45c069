using DynamicClinic.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace DynamicClinic.Web.Features.Booking;

/// <summary>
/// Clinicians' photos for the booking pages, from the database so every instance serves the same one. The URL carries
/// the photo's version: that URL never changes content, so browsers keep it for a year; a new upload gets a new URL.
/// A request without the current version is answered but cached briefly.
/// </summary>
[OutputCache(NoStore = true)]
public sealed class ClinicianPhotoController(ClinicDbContext db) : Controller
{
    public static string UrlFor(int clinicianId, Guid version) => $"/clinicians/{clinicianId}/photo?v={version:N}";

    [HttpGet("/clinicians/{id:int}/photo")]
    public async Task<IActionResult> Photo(int id, string? v, CancellationToken cancellationToken)
    {
        var found = await db.ClinicianPhotos.AsNoTracking()
            .Where(p => p.ClinicianId == id)
            .Select(p => new { p.Version, p.ContentType })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        var etag = new EntityTagHeaderValue($"\"{found.Version:N}\"");
        var headers = Response.GetTypedHeaders();
        headers.ETag = etag;
        Response.Headers.CacheControl = string.Equals(v, found.Version.ToString("N"), StringComparison.OrdinalIgnoreCase)
            ? "public, max-age=31536000, immutable"
            : "public, max-age=300";
        // The bytes were checked to be an image on upload; the browser must not guess otherwise.
        Response.Headers.XContentTypeOptions = "nosniff";

        if (Request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Compare(etag, useStrongComparison: false)))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        var content = await db.ClinicianPhotos.AsNoTracking().Where(p => p.ClinicianId == id).Select(p => p.Content).FirstAsync(cancellationToken);
        return File(content, found.ContentType);
    }
}
