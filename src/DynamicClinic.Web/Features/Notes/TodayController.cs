using System.Security.Claims;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Notes;

/// <summary>
/// The clinician's home: today's patients and the notes still to sign. Clinicians only (an admin who is not a
/// clinician is refused with 403, as on every clinical route); a clinician account not linked to a clinician
/// is told so.
/// </summary>
[Authorize(Policy = Policies.Clinical)]
public sealed class TodayController(TodayQuery query) : StaffControllerBase
{
    [HttpGet("/staff/today")]
    public async Task<IActionResult> Today(CancellationToken cancellationToken)
    {
        var model = await query.ForAsync(User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", cancellationToken);
        return View(model);
    }
}
