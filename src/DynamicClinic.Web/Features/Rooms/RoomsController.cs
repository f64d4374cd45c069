using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Security;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Rooms;

/// <summary>Rooms: admins keep the list; front desk sees a day by room.</summary>
public sealed class RoomsController(RoomAdmin rooms, ClinicClock clock) : StaffControllerBase
{
    [HttpGet("/staff/admin/rooms")]
    [Authorize(Policy = Policies.Admin)]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await rooms.PageAsync("", cancellationToken));

    [HttpPost("/staff/admin/rooms")]
    [Authorize(Policy = Policies.Admin)]
    public async Task<IActionResult> Add(string? name, CancellationToken cancellationToken)
    {
        var outcome = await rooms.AddAsync(name, cancellationToken);
        if (outcome is Outcome.Refused refused)
        {
            ModelState.AddModelError("Name", refused.Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Index", await rooms.PageAsync(name ?? "", cancellationToken));
        }

        TempData["Flash"] = outcome.MessageOr("");
        return Redirect("/staff/admin/rooms");
    }

    [HttpPost("/staff/admin/rooms/{id:int}/active")]
    [Authorize(Policy = Policies.Admin)]
    public async Task<IActionResult> SetActive(int id, bool active, CancellationToken cancellationToken)
    {
        var outcome = await rooms.SetActiveAsync(id, active, cancellationToken);
        if (outcome is Outcome.NotFound)
        {
            return NotFound();
        }

        TempData[outcome is Outcome.Done ? "Flash" : "Problem"] = outcome.MessageOr("");
        return Redirect("/staff/admin/rooms");
    }

    [HttpGet("/staff/calendar/rooms")]
    [Authorize(Policy = Policies.FrontDesk)]
    public async Task<IActionResult> Day(string? date, CancellationToken cancellationToken) =>
        View(await rooms.DayAsync(ClinicDates.TryParse(date, out var day) ? day : clock.Today, cancellationToken));
}
