using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Calendar;

/// <summary>Reception's "find a time": a GET form, so a search can be bookmarked, shared and reloaded.</summary>
[Authorize(Policy = Policies.FrontDesk)]
public sealed class FindTimeController(FindTime finder) : StaffControllerBase
{
    [HttpGet("/staff/calendar/find")]
    public async Task<IActionResult> Find([FromQuery] FindTimeForm form, [FromQuery] string? search, CancellationToken cancellationToken) =>
        View(await finder.FindAsync(form, search is not null, cancellationToken));
}
