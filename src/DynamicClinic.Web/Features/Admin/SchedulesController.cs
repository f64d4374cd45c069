using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Clinicians;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Security;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

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
/// or cancels them first, and nothing is dropped silently.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class SchedulesController(ClinicDbContext db, ClinicClock clock, AuditTrail audit, StrandedAppointments stranded, ILogger<SchedulesController> logger) : StaffControllerBase
{
    private const string FlashKey = "Flash";

    [HttpGet("/staff/admin/clinicians")]
    public async Task<IActionResult> Clinicians(CancellationToken cancellationToken)
    {
        var clinicians = await db.Clinicians.AsNoTracking().Include(c => c.WorkingHours).OrderBy(c => c.DisplayName).ToListAsync(cancellationToken);
        var rows = clinicians.Select(c => new ClinicianRow(
            c.Id,
            c.DisplayName,
            c.Title,
            c.IsActive,
            c.StaffUserId is not null,
            HoursSummary(c.WorkingHours))).ToList();
        return View("Clinicians", rows);
    }

    [HttpGet("/staff/admin/clinicians/{id:int}")]
    public async Task<IActionResult> Clinician(int id, CancellationToken cancellationToken)
    {
        var clinician = await db.Clinicians.AsNoTracking().Include(c => c.WorkingHours).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (clinician is null)
        {
            return NotFound();
        }

        return await ScheduleViewAsync(clinician, null, null, null, null, [], cancellationToken);
    }

    [HttpPost("/staff/admin/clinicians/{id:int}/profile")]
    public async Task<IActionResult> Profile(int id, ClinicianProfileForm form, CancellationToken cancellationToken)
    {
        var clinician = await db.Clinicians.Include(c => c.WorkingHours).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (clinician is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return await RefusedAsync(StatusCodes.Status400BadRequest, clinician, form, null, null, null, [], cancellationToken);
        }

        if (clinician.IsActive && !form.IsActive)
        {
            var affected = await stranded.InRangeAsync(id, DateTime.MinValue, DateTime.MaxValue, cancellationToken);
            if (affected.Count > 0)
            {
                return await RefusedAsync(
                    StatusCodes.Status409Conflict,
                    clinician,
                    form,
                    null,
                    null,
                    $"{clinician.DisplayName} has upcoming appointments. Ask reception to move or cancel them, then deactivate the profile. Nothing was saved.",
                    affected,
                    cancellationToken);
            }
        }

        var before = new { clinician.DisplayName, clinician.Title, clinician.Bio, clinician.IsActive };
        clinician.DisplayName = form.DisplayName.Trim();
        clinician.Title = form.Title?.Trim() ?? "";
        clinician.Bio = form.Bio?.Trim() ?? "";
        clinician.IsActive = form.IsActive;
        audit.Record(
            AuditActions.ClinicianProfileUpdated,
            AuditEntityTypes.Clinician,
            clinician.Id,
            patientId: null,
            $"Profile of {clinician.DisplayName} updated",
            before,
            new { clinician.DisplayName, clinician.Title, clinician.Bio, clinician.IsActive });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Clinician {ClinicianId} profile updated", clinician.Id);
        return Done(id, "Profile saved.");
    }

    [HttpPost("/staff/admin/clinicians/{id:int}/hours")]
    public async Task<IActionResult> Hours(int id, WeeklyHoursForm form, CancellationToken cancellationToken)
    {
        var clinician = await db.Clinicians.Include(c => c.WorkingHours).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (clinician is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return await RefusedAsync(StatusCodes.Status400BadRequest, clinician, null, form, null, null, [], cancellationToken);
        }

        var week = form.Intervals();
        var affected = await stranded.OutsideHoursAsync(id, week, cancellationToken);
        if (affected.Count > 0)
        {
            return await RefusedAsync(
                StatusCodes.Status409Conflict,
                clinician,
                null,
                form,
                null,
                "These upcoming appointments would fall outside the new working hours. Ask reception to move or cancel them first, or keep hours that cover them. Nothing was saved.",
                affected,
                cancellationToken);
        }

        var before = HoursSummary(clinician.WorkingHours);
        db.WorkingHours.RemoveRange(clinician.WorkingHours);
        foreach (var (day, start, end) in week)
        {
            db.WorkingHours.Add(new WorkingHours { ClinicianId = id, DayOfWeek = day, Start = start, End = end });
        }

        var after = HoursSummary(week.Select(i => new WorkingHours { DayOfWeek = i.Day, Start = i.Start, End = i.End }));
        audit.Record(
            AuditActions.ClinicianHoursChanged,
            AuditEntityTypes.Clinician,
            id,
            patientId: null,
            $"Working hours of {clinician.DisplayName} changed",
            new { Hours = before },
            new { Hours = after });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Clinician {ClinicianId} working hours changed", id);
        return Done(id, "Working hours saved. Online and reception booking use them from now on.");
    }

    [HttpPost("/staff/admin/clinicians/{id:int}/time-off")]
    public async Task<IActionResult> AddTimeOff(int id, TimeOffForm form, CancellationToken cancellationToken)
    {
        var clinician = await db.Clinicians.AsNoTracking().Include(c => c.WorkingHours).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (clinician is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return await RefusedAsync(StatusCodes.Status400BadRequest, clinician, null, null, form, null, [], cancellationToken);
        }

        TimeOffForm.TryDate(form.From, out var from);
        TimeOffForm.TryDate(form.To, out var to);
        var startUtc = ToUtc(from.ToDateTime(TimeOnly.MinValue));
        var endUtc = ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
        if (endUtc <= clock.UtcNow)
        {
            ModelState.AddModelError(nameof(form.To), "Those days have already passed.");
            return await RefusedAsync(StatusCodes.Status400BadRequest, clinician, null, null, form, null, [], cancellationToken);
        }

        var affected = await stranded.InRangeAsync(id, startUtc, endUtc, cancellationToken);
        if (affected.Count > 0)
        {
            return await RefusedAsync(
                StatusCodes.Status409Conflict,
                clinician,
                null,
                null,
                form,
                $"{clinician.DisplayName} has appointments in that time. Ask reception to move or cancel them first. Nothing was saved.",
                affected,
                cancellationToken);
        }

        var timeOff = new Domain.Clinicians.TimeOff { ClinicianId = id, StartUtc = startUtc, EndUtc = endUtc, Reason = form.Reason.Trim() };
        db.TimeOff.Add(timeOff);
        audit.Record(
            AuditActions.TimeBlocked,
            AuditEntityTypes.Clinician,
            id,
            patientId: null,
            $"Time off added for {clinician.DisplayName}",
            after: new { StartUtc = startUtc, EndUtc = endUtc, timeOff.Reason });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Time off {TimeOffId} added for clinician {ClinicianId}", timeOff.Id, id);
        return Done(id, $"Time off added: {DayRange(startUtc, endUtc)}.");
    }

    [HttpPost("/staff/admin/clinicians/{id:int}/time-off/{timeOffId:int}/remove")]
    public async Task<IActionResult> RemoveTimeOff(int id, int timeOffId, CancellationToken cancellationToken)
    {
        var timeOff = await db.TimeOff.FirstOrDefaultAsync(t => t.Id == timeOffId && t.ClinicianId == id, cancellationToken);
        if (timeOff is null)
        {
            return NotFound();
        }

        var name = await db.Clinicians.Where(c => c.Id == id).Select(c => c.DisplayName).FirstAsync(cancellationToken);
        db.TimeOff.Remove(timeOff);
        audit.Record(
            AuditActions.TimeUnblocked,
            AuditEntityTypes.Clinician,
            id,
            patientId: null,
            $"Time off removed for {name}",
            before: new { timeOff.StartUtc, timeOff.EndUtc, timeOff.Reason });
        await db.SaveChangesAsync(cancellationToken);
        return Done(id, "Time off removed: that time can be booked again.");
    }

    [HttpGet("/staff/admin/closures")]
    public async Task<IActionResult> Closures(CancellationToken cancellationToken) =>
        View("Closures", await ClosuresModelAsync(new ClosureForm(), null, [], cancellationToken));

    [HttpPost("/staff/admin/closures")]
    public async Task<IActionResult> AddClosure(ClosureForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            TimeOffForm.TryDate(form.Date, out var date);
            if (date < clock.Today)
            {
                ModelState.AddModelError(nameof(form.Date), "That day has already passed.");
            }
            else if (await db.ClinicClosures.AnyAsync(c => c.Date == date, cancellationToken))
            {
                ModelState.AddModelError(nameof(form.Date), "The clinic is already closed that day.");
            }
            else
            {
                var affected = await stranded.InRangeAsync(null, ToUtc(date.ToDateTime(TimeOnly.MinValue)), ToUtc(date.AddDays(1).ToDateTime(TimeOnly.MinValue)), cancellationToken);
                if (affected.Count > 0)
                {
                    Response.StatusCode = StatusCodes.Status409Conflict;
                    return View("Closures", await ClosuresModelAsync(form, "There are appointments that day. Ask reception to move or cancel them first. Nothing was saved.", affected, cancellationToken));
                }

                var closure = new ClinicClosure { Date = date, Reason = form.Reason.Trim() };
                db.ClinicClosures.Add(closure);
                audit.Record(
                    AuditActions.ClosureAdded,
                    AuditEntityTypes.ClinicClosure,
                    DateKey(date),
                    patientId: null,
                    $"Clinic closed on {DateLabel(date)}",
                    after: new { Date = DateKey(date), closure.Reason });
                await db.SaveChangesAsync(cancellationToken);
                TempData[FlashKey] = $"The clinic is closed on {DateLabel(date)}: nobody can book that day.";
                return Redirect("/staff/admin/closures");
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Closures", await ClosuresModelAsync(form, null, [], cancellationToken));
    }

    [HttpPost("/staff/admin/closures/{id:int}/remove")]
    public async Task<IActionResult> RemoveClosure(int id, CancellationToken cancellationToken)
    {
        var closure = await db.ClinicClosures.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (closure is null)
        {
            return NotFound();
        }

        db.ClinicClosures.Remove(closure);
        audit.Record(
            AuditActions.ClosureRemoved,
            AuditEntityTypes.ClinicClosure,
            DateKey(closure.Date),
            patientId: null,
            $"Clinic open again on {DateLabel(closure.Date)}",
            before: new { Date = DateKey(closure.Date), closure.Reason });
        await db.SaveChangesAsync(cancellationToken);
        TempData[FlashKey] = $"The closure on {DateLabel(closure.Date)} is removed: that day can be booked again.";
        return Redirect("/staff/admin/closures");
    }

    private static string DateKey(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string DateLabel(DateOnly date) => date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string HoursSummary(IEnumerable<WorkingHours> hours)
    {
        var byDay = hours.ToLookup(h => h.DayOfWeek);
        var days = WeeklyHoursForm.Week
            .Where(d => byDay[d].Any())
            .Select(d => $"{CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(d)} {WeeklyHoursText.Format(byDay[d].Select(h => (h.Start, h.End)))}")
            .ToList();
        return days.Count == 0 ? "No working hours" : string.Join("; ", days);
    }

    private RedirectResult Done(int id, string message)
    {
        TempData[FlashKey] = message;
        return Redirect($"/staff/admin/clinicians/{id}");
    }

    // A wall-clock time skipped by a daylight-saving change has no UTC: take the moment the clock jumps to.
    private DateTime ToUtc(DateTime local) =>
        clock.TimeZone.IsInvalidTime(local) ? ToUtc(local.AddMinutes(30)) : TimeZoneInfo.ConvertTimeToUtc(local, clock.TimeZone);

    private string DayRange(DateTime startUtc, DateTime endUtc)
    {
        var first = DateOnly.FromDateTime(clock.ToClinicTime(startUtc));
        var last = DateOnly.FromDateTime(clock.ToClinicTime(endUtc).AddTicks(-1));
        var from = clock.ToClinicTime(startUtc);
        var to = clock.ToClinicTime(endUtc);
        if (from.TimeOfDay != TimeSpan.Zero || to.TimeOfDay != TimeSpan.Zero)
        {
            return $"{from.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture)} to {to.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture)}";
        }

        return first == last
            ? first.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture)
            : $"{first.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture)} to {last.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture)}";
    }

    private async Task<IActionResult> RefusedAsync(
        int status,
        Clinician clinician,
        ClinicianProfileForm? profile,
        WeeklyHoursForm? hours,
        TimeOffForm? timeOff,
        string? problem,
        IReadOnlyList<StrandedAppointment> affected,
        CancellationToken cancellationToken)
    {
        Response.StatusCode = status;
        return await ScheduleViewAsync(clinician, profile, hours, timeOff, problem, affected, cancellationToken);
    }

    private async Task<IActionResult> ScheduleViewAsync(
        Clinician clinician,
        ClinicianProfileForm? profile,
        WeeklyHoursForm? hours,
        TimeOffForm? timeOff,
        string? problem,
        IReadOnlyList<StrandedAppointment> affected,
        CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var upcoming = await db.TimeOff.AsNoTracking()
            .Where(t => t.ClinicianId == clinician.Id && t.EndUtc > now)
            .OrderBy(t => t.StartUtc)
            .ToListAsync(cancellationToken);
        var today = clock.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return View("ClinicianSchedule", new ClinicianScheduleViewModel(
            clinician.Id,
            clinician.DisplayName,
            profile ?? new ClinicianProfileForm { DisplayName = clinician.DisplayName, Title = clinician.Title, Bio = clinician.Bio, IsActive = clinician.IsActive },
            hours ?? WeeklyHoursForm.From(clinician.WorkingHours),
            timeOff ?? new TimeOffForm { From = today, To = today },
            upcoming.Select(t => new TimeOffRow(t.Id, DayRange(t.StartUtc, t.EndUtc), t.Reason)).ToList(),
            problem,
            affected));
    }

    private async Task<ClosuresViewModel> ClosuresModelAsync(ClosureForm form, string? problem, IReadOnlyList<StrandedAppointment> affected, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var upcoming = await db.ClinicClosures.AsNoTracking().Where(c => c.Date >= today).OrderBy(c => c.Date).ToListAsync(cancellationToken);
        return new ClosuresViewModel(form, upcoming.Select(c => new ClosureRow(c.Id, c.Date, c.Reason)).ToList(), problem, affected);
    }
}
