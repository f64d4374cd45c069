using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Admin;

public sealed record ClinicianRow(int Id, string DisplayName, string Title, bool IsActive, bool HasAccount, string Hours);

public sealed record TimeOffRow(int Id, string Label, string Reason);

public sealed record ClinicianScheduleViewModel(
    int Id,
    string Name,
    ClinicianProfileForm Profile,
    WeeklyHoursForm Hours,
    TimeOffForm TimeOff,
    IReadOnlyList<TimeOffRow> UpcomingTimeOff,
    string? Problem,
    IReadOnlyList<StrandedAppointment> Stranded);

public sealed record ClosureRow(int Id, DateOnly Date, string Reason);

public sealed record ClosuresViewModel(ClosureForm Form, IReadOnlyList<ClosureRow> Upcoming, string? Problem, IReadOnlyList<StrandedAppointment> Stranded);

/// <summary>
/// Clinicians' public profiles, weekly working hours and time off, and clinic-wide closures, for admins. Availability
/// is computed from these tables on every request, so a change shows in booking at once. A change that would leave
/// upcoming appointments outside working time is refused with the list of those appointments (409): reception moves
/// or cancels them first, and nothing is dropped silently. Every query and change is in <see cref="ClinicianSchedules"/>.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class SchedulesController(ClinicianSchedules schedules) : StaffControllerBase
{
    private const string FlashKey = "Flash";

    [HttpGet("/staff/admin/clinicians")]
    public async Task<IActionResult> Clinicians(CancellationToken cancellationToken) =>
        View("Clinicians", await schedules.CliniciansAsync(cancellationToken));

    [HttpGet("/staff/admin/clinicians/{id:int}")]
    public Task<IActionResult> Clinician(int id, CancellationToken cancellationToken) =>
        ScheduleViewAsync(StatusCodes.Status200OK, id, null, null, null, null, [], cancellationToken);

    [HttpPost("/staff/admin/clinicians/{id:int}/profile")]
    public async Task<IActionResult> Profile(int id, ClinicianProfileForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await ScheduleViewAsync(StatusCodes.Status400BadRequest, id, form, null, null, null, [], cancellationToken);
        }

        var (outcome, stranded) = await schedules.SaveProfileAsync(id, form, cancellationToken);
        return await ResultAsync(id, outcome, stranded, form, null, null, cancellationToken);
    }

    [HttpPost("/staff/admin/clinicians/{id:int}/hours")]
    public async Task<IActionResult> Hours(int id, WeeklyHoursForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await ScheduleViewAsync(StatusCodes.Status400BadRequest, id, null, form, null, null, [], cancellationToken);
        }

        var (outcome, stranded) = await schedules.SaveHoursAsync(id, form, cancellationToken);
        return await ResultAsync(id, outcome, stranded, null, form, null, cancellationToken);
    }

    [HttpPost("/staff/admin/clinicians/{id:int}/time-off")]
    public async Task<IActionResult> AddTimeOff(int id, TimeOffForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await ScheduleViewAsync(StatusCodes.Status400BadRequest, id, null, null, form, null, [], cancellationToken);
        }

        var (outcome, stranded) = await schedules.AddTimeOffAsync(id, form, cancellationToken);
        return await ResultAsync(id, outcome, stranded, null, null, form, cancellationToken);
    }

    [HttpPost("/staff/admin/clinicians/{id:int}/time-off/{timeOffId:int}/remove")]
    public async Task<IActionResult> RemoveTimeOff(int id, int timeOffId, CancellationToken cancellationToken) =>
        await schedules.RemoveTimeOffAsync(id, timeOffId, cancellationToken) is Outcome.Done done ? Done(id, done.Message) : NotFound();

    [HttpGet("/staff/admin/closures")]
    public async Task<IActionResult> Closures(CancellationToken cancellationToken) =>
        View("Closures", await schedules.ClosuresAsync(new ClosureForm(), null, [], cancellationToken));

    [HttpPost("/staff/admin/closures")]
    public async Task<IActionResult> AddClosure(ClosureForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            switch (await schedules.AddClosureAsync(form, cancellationToken))
            {
                case (Outcome.Done done, _):
                    TempData[FlashKey] = done.Message;
                    return Redirect("/staff/admin/closures");
                case (Outcome.Refused { Field: { } field } refused, _):
                    ModelState.AddModelError(field, refused.Message);
                    break;
                case (Outcome.Refused refused, var stranded):
                    Response.StatusCode = StatusCodes.Status409Conflict;
                    return View("Closures", await schedules.ClosuresAsync(form, refused.Message, stranded, cancellationToken));
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Closures", await schedules.ClosuresAsync(form, null, [], cancellationToken));
    }

    [HttpPost("/staff/admin/closures/{id:int}/remove")]
    public async Task<IActionResult> RemoveClosure(int id, CancellationToken cancellationToken)
    {
        if (await schedules.RemoveClosureAsync(id, cancellationToken) is not Outcome.Done done)
        {
            return NotFound();
        }

        TempData[FlashKey] = done.Message;
        return Redirect("/staff/admin/closures");
    }

    private RedirectResult Done(int id, string message)
    {
        TempData[FlashKey] = message;
        return Redirect($"/staff/admin/clinicians/{id}");
    }

    // A refusal about one field is shown beside it (400); one about appointments in the way lists them (409).
    private async Task<IActionResult> ResultAsync(
        int id,
        Outcome outcome,
        IReadOnlyList<StrandedAppointment> stranded,
        ClinicianProfileForm? profile,
        WeeklyHoursForm? hours,
        TimeOffForm? timeOff,
        CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case Outcome.Done done:
                return Done(id, done.Message);
            case Outcome.Refused { Field: { } field } refused:
                ModelState.AddModelError(field, refused.Message);
                return await ScheduleViewAsync(StatusCodes.Status400BadRequest, id, profile, hours, timeOff, null, [], cancellationToken);
            case Outcome.Refused refused:
                return await ScheduleViewAsync(StatusCodes.Status409Conflict, id, profile, hours, timeOff, refused.Message, stranded, cancellationToken);
            default:
                return NotFound();
        }
    }

    private async Task<IActionResult> ScheduleViewAsync(
        int status,
        int id,
        ClinicianProfileForm? profile,
        WeeklyHoursForm? hours,
        TimeOffForm? timeOff,
        string? problem,
        IReadOnlyList<StrandedAppointment> affected,
        CancellationToken cancellationToken)
    {
        var model = await schedules.PageAsync(id, profile, hours, timeOff, problem, affected, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        Response.StatusCode = status;
        return View("ClinicianSchedule", model);
    }
}
