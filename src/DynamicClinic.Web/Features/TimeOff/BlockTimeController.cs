using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.TimeOff;

public sealed record BlockedPeriod(int Id, string Label, string Reason);

/// <summary>An appointment inside the time being blocked, with the nearest free time it could move to (null if none near).</summary>
public sealed record AffectedAppointment(string Reference, Guid Version, string Label, string? MoveSlot, string? MoveLabel, bool CanEmail);

public sealed record BlockTimeViewModel(
    BlockTimeForm Form,
    IReadOnlyList<(int Id, string Name)> Clinicians,
    IReadOnlyList<BlockedPeriod> Existing,
    IReadOnlyList<AffectedAppointment> Affected,
    string? Problem);

/// <summary>
/// Reception blocks a clinician's time (leave, training) with a reason. Appointments inside the time are listed on the
/// same screen, each to move to the nearest free time or to cancel with the patient told; one save does it all, so
/// nobody is stranded silently. Queries and changes are in <see cref="BlockedTime"/>.
/// </summary>
[Authorize(Policy = Policies.FrontDesk)]
public sealed class BlockTimeController(BlockedTime blocked) : StaffControllerBase
{
    [HttpGet("/staff/calendar/block")]
    public async Task<IActionResult> Block(int? clinician, string? date, CancellationToken cancellationToken) =>
        View(await blocked.PageAsync(blocked.NewForm(clinician, date), [], null, cancellationToken));

    [HttpPost("/staff/calendar/block")]
    public async Task<IActionResult> Block(BlockTimeForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(await blocked.PageAsync(form, [], null, cancellationToken));
        }

        switch (await blocked.BlockAsync(form, cancellationToken))
        {
            case (Outcome.Done done, _):
                TempData["Flash"] = done.Message;
                return Redirect($"/staff/calendar/block?clinician={form.ClinicianId}&date={form.Date}");
            case (Outcome.Refused { Field: { } field } refused, _):
                ModelState.AddModelError(field, refused.Message);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return View(await blocked.PageAsync(form, [], null, cancellationToken));
            case (Outcome.Refused refused, var affected):
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View(await blocked.PageAsync(form, affected, refused.Message, cancellationToken));
            default:
                return NotFound();
        }
    }

    [HttpPost("/staff/calendar/block/{id:int}/remove")]
    public async Task<IActionResult> Remove(int id, CancellationToken cancellationToken)
    {
        var (outcome, clinician, date) = await blocked.RemoveAsync(id, cancellationToken);
        if (outcome is not Outcome.Done done)
        {
            return NotFound();
        }

        TempData["Flash"] = done.Message;
        return Redirect($"/staff/calendar/block?clinician={clinician}&date={date}");
    }
}
