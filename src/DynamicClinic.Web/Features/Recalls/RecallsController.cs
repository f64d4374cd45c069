using System.Security.Claims;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Recalls;

/// <summary>Reception's recall list: patients to call back, each marked called, booked or declined.</summary>
[Authorize(Policy = Policies.FrontDesk)]
public sealed class RecallsController(RecallList recalls) : StaffControllerBase
{
    [HttpGet("/staff/recalls")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await recalls.DueAsync(cancellationToken));

    [HttpPost("/staff/recalls/act")]
    public async Task<IActionResult> Act(RecallActionForm form, CancellationToken cancellationToken)
    {
        var outcome = await recalls.ActAsync(form, User.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken);
        TempData[outcome is Outcome.Done ? "Flash" : "Problem"] = outcome.MessageOr("That recall is no longer on the list.");
        return Redirect("/staff/recalls");
    }
}
