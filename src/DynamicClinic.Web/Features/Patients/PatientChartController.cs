using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Patients;

/// <summary>The reason a clinician gives to open the chart of a patient they do not treat.</summary>
public sealed class ChartReasonForm
{
    public string? Reason { get; set; }
}

public sealed record ChartReasonViewModel(int PatientId, string PatientName, ChartReasonForm Form);

/// <summary>
/// A patient's record, for every member of staff: reception and admins as before, and clinicians. What it shows
/// depends on <see cref="PatientChartAccess"/>: reception never sees clinical content; admins and the treating
/// clinician see it all; another clinician first gives a reason. Every view is audited.
/// </summary>
public sealed record ChartDetailsViewModel(int PatientId, string PatientName, PatientChartDetailsForm Form, string? Problem);

public sealed class PatientChartController(PatientRecordQuery records, PatientChartAccess access, PatientChartQuery charts, PatientChartEditor editor) : StaffControllerBase
{
    public static string ReasonHref(int id) => PatientText.RecordHref(id) + "/reason";

    public static string DetailsHref(int id) => PatientText.RecordHref(id) + "/chart";

    /// <summary>The clinician's part of the record: a clinician who may see the chart writes it; admins read it on the record.</summary>
    [HttpGet("/staff/patients/{id:int}/chart")]
    [Authorize(Policy = Policies.Clinical)]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        if (await access.ForAsync(id, User, cancellationToken) != ChartAccess.Full)
        {
            return await ReasonPageAsync(id, new ChartReasonForm(), cancellationToken);
        }

        return await editor.FormAsync(id, cancellationToken) is var (form, name) ? View("ChartDetails", new ChartDetailsViewModel(id, name, form, null)) : NotFound();
    }

    [HttpPost("/staff/patients/{id:int}/chart")]
    [Authorize(Policy = Policies.Clinical)]
    public async Task<IActionResult> Details(int id, PatientChartDetailsForm form, CancellationToken cancellationToken)
    {
        if (await access.ForAsync(id, User, cancellationToken) != ChartAccess.Full)
        {
            return await ReasonPageAsync(id, new ChartReasonForm(), cancellationToken);
        }

        if (await access.NameAsync(id, cancellationToken) is not { } name)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("ChartDetails", new ChartDetailsViewModel(id, name, form, "Please correct the fields marked."));
        }

        switch (await editor.SaveAsync(id, form, cancellationToken))
        {
            case Outcome.Done done:
                TempData["Flash"] = done.Message;
                return Redirect(PatientText.RecordHref(id));
            case Outcome.Refused refused:
                foreach (var error in refused.FieldErrors)
                {
                    ModelState.AddModelError(error.Field, error.Message);
                }

                Response.StatusCode = StatusCodes.Status400BadRequest;
                return View("ChartDetails", new ChartDetailsViewModel(id, name, form, refused.Message));
            case Outcome.Changed changed:
                // Keep what was typed; the current version makes saving again a deliberate choice.
                form.Version = (await editor.FormAsync(id, cancellationToken))?.Form.Version ?? form.Version;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View("ChartDetails", new ChartDetailsViewModel(id, name, form, changed.Message));
            default:
                return NotFound();
        }
    }

    [HttpGet("/staff/patients/{id:int}")]
    public async Task<IActionResult> Record(int id, CancellationToken cancellationToken)
    {
        var level = await access.ForAsync(id, User, cancellationToken);
        if (level == ChartAccess.ReasonNeeded)
        {
            return await ReasonPageAsync(id, new ChartReasonForm(), cancellationToken);
        }

        var model = await records.ViewAsync(id, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        return View("Record", level == ChartAccess.Full ? model with { Chart = await charts.ForAsync(id, cancellationToken) } : model);
    }

    [HttpPost("/staff/patients/{id:int}/reason")]
    [Authorize(Policy = Policies.Clinical)]
    public async Task<IActionResult> GiveReason(int id, ChartReasonForm form, CancellationToken cancellationToken)
    {
        if (ChartAccessRules.ReasonProblem(form.Reason) is { } problem)
        {
            ModelState.AddModelError(nameof(ChartReasonForm.Reason), problem);
            return await ReasonPageAsync(id, form, cancellationToken, StatusCodes.Status400BadRequest);
        }

        return await access.GiveReasonAsync(id, form.Reason!, cancellationToken) ? Redirect(PatientText.RecordHref(id)) : NotFound();
    }

    /// <summary>The chart stays shut (403) and says how to open it; nothing about the patient but their name.</summary>
    private async Task<IActionResult> ReasonPageAsync(int id, ChartReasonForm form, CancellationToken cancellationToken, int status = StatusCodes.Status403Forbidden)
    {
        var name = await access.NameAsync(id, cancellationToken);
        if (name is null)
        {
            return NotFound();
        }

        Response.StatusCode = status;
        return View("ChartReason", new ChartReasonViewModel(id, name, form));
    }
}
