using DynamicClinic.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Admin;

public sealed record ClinicianPhotoAdminModel(int ClinicianId, string Name, string? PhotoUrl, string? Problem);

/// <summary>The photo section of a clinician's admin page: the current photo, upload and remove.</summary>
public sealed class ClinicianPhotoViewComponent(ClinicDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int clinicianId, string name)
    {
        var version = await db.ClinicianPhotos.AsNoTracking()
            .Where(p => p.ClinicianId == clinicianId)
            .Select(p => (Guid?)p.Version)
            .FirstOrDefaultAsync(HttpContext.RequestAborted);
        var url = version is { } v ? Booking.ClinicianPhotoController.UrlFor(clinicianId, v) : null;
        return View("/Features/Admin/_ClinicianPhoto.cshtml", new ClinicianPhotoAdminModel(clinicianId, name, url, TempData[ClinicianPhotosController.ProblemKey] as string));
    }
}
