using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.Photos;
using DynamicClinic.Web.Features.Patients;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Photos;

/// <summary>
/// Progress photos: taken at a visit (<c>/staff/appointments/{reference}/photos</c>), compared on the patient's record
/// (<c>/staff/patients/{id}/photos</c>) and served one by one from here only, never from wwwroot, with no-store like
/// every staff page. Clinicians and admins only; a clinician who does not treat the patient gives a reason first.
/// </summary>
[Authorize(Policy = Policies.ClinicalRecords)]
public sealed class PhotosController(PhotoDesk desk, PhotoCompare compare, PatientChartAccess access) : StaffControllerBase
{
    /// <summary>Room for a full upload of photos at their largest; a larger request is refused before it is read.</summary>
    private const long RequestLimit = PhotoRules.MaxUploadBytes;

    /// <summary>
    /// One file may fill the whole request: however far over the per-file limit it is, it is read (buffered to a
    /// temporary file) and refused beside its view by our own check, never by the form reader with no message.
    /// </summary>
    private const long FileSectionLimit = PhotoRules.MaxUploadBytes;

    public static string VisitHref(string reference) => "/staff/appointments/" + Uri.EscapeDataString(reference) + "/photos";

    public static string CompareHref(int patientId) => $"/staff/patients/{patientId}/photos";

    public static string DisplayHref(int photoId) => $"/staff/photos/{photoId}";

    public static string ThumbnailHref(int photoId) => $"/staff/photos/{photoId}/thumbnail";

    /// <param name="tooLarge">Back from an upload too large to read at all (<see cref="UploadReadFilter"/>).</param>
    [HttpGet("/staff/appointments/{reference}/photos")]
    public async Task<IActionResult> Visit(string reference, bool tooLarge, CancellationToken cancellationToken)
    {
        if (await GateAsync(reference, cancellationToken) is { } shut)
        {
            return shut;
        }

        var model = await desk.VisitAsync(reference, recordView: true, cancellationToken);
        return model is null ? NotFound() : View("Visit", tooLarge ? model with { Problem = PhotoRules.TooLargeUpload } : model);
    }

    [HttpPost("/staff/appointments/{reference}/photos")]
    [RequestSizeLimit(RequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = FileSectionLimit)]
    [UploadReadFilter]
    public async Task<IActionResult> Upload(string reference, CancellationToken cancellationToken)
    {
        if (await GateAsync(reference, cancellationToken) is { } shut)
        {
            return shut;
        }

        var files = Request.HasFormContentType
            ? Request.Form.Files
                .Select(f => (File: f, View: PhotoDesk.ViewOfField(f.Name)))
                .Where(f => f.View is not null)
                .Select(f => new PhotoUpload(f.View!.Value, f.File.FileName, f.File.Length, ct => ReadAsync(f.File, ct)))
                .ToList()
            : [];
        var outcome = await desk.UploadAsync(reference, files, User, cancellationToken);
        switch (outcome)
        {
            case Outcome.Done done:
                TempData["Flash"] = done.Message;
                return Redirect(VisitHref(reference));
            case Outcome.Refused refused:
                var model = await desk.VisitAsync(reference, recordView: false, cancellationToken);
                if (model is null)
                {
                    return NotFound();
                }

                Response.StatusCode = StatusCodes.Status400BadRequest;
                return View("Visit", model with
                {
                    Problem = refused.Message,
                    Problems = refused.FieldErrors.ToDictionary(e => e.Field, e => e.Message),
                });
            case Outcome.Forbidden:
                return Forbid();
            default:
                return NotFound();
        }
    }

    [HttpGet("/staff/photos/{id:int}")]
    public Task<IActionResult> Display(int id, CancellationToken cancellationToken) => ImageAsync(id, PhotoSize.Display, cancellationToken);

    [HttpGet("/staff/photos/{id:int}/thumbnail")]
    public Task<IActionResult> Thumbnail(int id, CancellationToken cancellationToken) => ImageAsync(id, PhotoSize.Thumbnail, cancellationToken);

    [HttpGet("/staff/patients/{id:int}/photos")]
    public async Task<IActionResult> Compare(int id, PhotoView? view, string? before, string? after, CancellationToken cancellationToken)
    {
        switch (await access.ForAsync(id, User, cancellationToken))
        {
            case ChartAccess.ReasonNeeded:
                return await ReasonPageAsync(id, cancellationToken);
            case ChartAccess.None:
                return Forbid();
        }

        var model = await compare.ForAsync(id, view, before, after, cancellationToken);
        return model is null ? NotFound() : View("Compare", model);
    }

    private async Task<IActionResult> ImageAsync(int id, PhotoSize size, CancellationToken cancellationToken)
    {
        var (bytes, allowed) = await desk.ImageAsync(id, size, User, cancellationToken);
        if (!allowed)
        {
            return Forbid();
        }

        // no-store comes from StaffControllerBase: a clinical photo is never kept by a browser or a proxy.
        return bytes is null ? NotFound() : File(bytes, "image/jpeg");
    }

    /// <summary>Null when the chart is open to this user; otherwise the page to show (reason needed, or not found).</summary>
    private async Task<IActionResult?> GateAsync(string reference, CancellationToken cancellationToken)
    {
        if (await desk.PatientIdAsync(reference, cancellationToken) is not { } patientId)
        {
            return NotFound();
        }

        return await access.ForAsync(patientId, User, cancellationToken) switch
        {
            ChartAccess.Full => null,
            ChartAccess.ReasonNeeded => await ReasonPageAsync(patientId, cancellationToken),
            _ => Forbid(),
        };
    }

    private async Task<IActionResult> ReasonPageAsync(int patientId, CancellationToken cancellationToken)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View("~/Features/Patients/ChartReason.cshtml", new ChartReasonViewModel(patientId, await access.NameAsync(patientId, cancellationToken) ?? "", new ChartReasonForm()));
    }

    private static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        await using var stream = file.OpenReadStream();
        using var memory = new MemoryStream((int)Math.Min(file.Length, PhotoRules.MaxFileBytes));
        await stream.CopyToAsync(memory, cancellationToken);
        return memory.ToArray();
    }
}
