using System.Globalization;
using System.Text.Json;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Features.Patients;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Privacy;

/// <summary>
/// A patient's privacy requests: their data exported (a printable summary and JSON), and a request to be forgotten
/// answered by erasing, anonymising or keeping the record. Admins only: the export holds every clinician's signed
/// notes and the decisions cannot be undone (docs/security.md, "Privacy requests").
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class PrivacyController(PrivacyRequests requests, PatientExport export) : StaffControllerBase
{
    private const string FlashKey = "Flash";

    public static string PageHref(int id) => PatientText.RecordHref(id) + "/privacy";

    [HttpGet("/staff/patients/{id:int}/privacy")]
    public async Task<IActionResult> Index(int id, CancellationToken cancellationToken)
    {
        var model = await requests.PageAsync(id, null, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("/staff/patients/{id:int}/privacy")]
    public async Task<IActionResult> Index(int id, PrivacyDecisionForm form, CancellationToken cancellationToken)
    {
        if (form.Decision is PrivacyDecision.Erase or PrivacyDecision.Anonymise
            && !string.IsNullOrWhiteSpace(form.Confirmation) && !PatientPrivacyRules.Confirms(form.Confirmation, id))
        {
            ModelState.AddModelError(nameof(form.Confirmation), $"That is not this record's number. Type {id.ToString(CultureInfo.InvariantCulture)} to confirm.");
        }

        if (!ModelState.IsValid)
        {
            return await PageAsync(id, form, null, cancellationToken);
        }

        switch (await requests.DecideAsync(id, form.Decision!.Value, form.Reason!, cancellationToken))
        {
            case Outcome.Done done:
                // An erased record has no page left: back to the list.
                TempData[FlashKey] = done.Message;
                return Redirect(form.Decision == PrivacyDecision.Erase ? "/staff/patients" : PageHref(id));

            case Outcome.Refused refused:
                return await PageAsync(id, form, refused.Message, cancellationToken);

            default:
                return NotFound();
        }
    }

    /// <summary>The printable summary: the browser's "Save as PDF" makes the document given to the patient.</summary>
    [HttpGet("/staff/patients/{id:int}/privacy/export")]
    public async Task<IActionResult> Export(int id, CancellationToken cancellationToken)
    {
        var document = await export.ExportAsync(id, PatientExport.HtmlFormat, cancellationToken);
        return document is null ? NotFound() : View(document);
    }

    /// <summary>The same data as JSON, downloaded as a file (docs/patient-export.md).</summary>
    [HttpGet("/staff/patients/{id:int}/privacy/export.json")]
    public async Task<IActionResult> ExportJson(int id, CancellationToken cancellationToken)
    {
        var document = await export.ExportAsync(id, PatientExport.JsonFormat, cancellationToken);
        if (document is null)
        {
            return NotFound();
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, PatientExport.JsonOptions);
        var fileName = $"patient-{id.ToString(CultureInfo.InvariantCulture)}-{document.ExportedUtc.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.json";
        return File(bytes, "application/json", fileName);
    }

    /// <summary>The JSON and the patient's progress photos in one zip (docs/patient-export.md).</summary>
    [HttpGet("/staff/patients/{id:int}/privacy/export.zip")]
    public async Task<IActionResult> ExportZip(int id, CancellationToken cancellationToken)
    {
        if (await export.ZipAsync(id, cancellationToken) is not { } result)
        {
            return NotFound();
        }

        var (zip, document) = result;

        return File(zip, "application/zip", $"patient-{id.ToString(CultureInfo.InvariantCulture)}-{document.ExportedUtc.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.zip");
    }

    private async Task<IActionResult> PageAsync(int id, PrivacyDecisionForm form, string? problem, CancellationToken cancellationToken)
    {
        var model = await requests.PageAsync(id, form, cancellationToken);
        return model is null ? NotFound() : View("Index", model with { Problem = problem });
    }
}
