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
public sealed class PatientChartController(PatientRecordQuery records, PatientChartAccess access, PatientChartQuery charts) : StaffControllerBase
{
    public static string ReasonHref(int id) => PatientText.RecordHref(id) + "/reason";

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
