using System.Globalization;
using System.Security.Claims;
using DynamicClinic.Data;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Web.Features.Appointments;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Calendar;

public sealed record CalendarDayViewModel(CalendarDay Day, TimeGrid Grid, string DateLabel, DateOnly Today, bool ReadOnly);

public sealed record CalendarWeekViewModel(
    CalendarWeek Week, TimeGrid Grid, string WeekLabel, DateOnly Today, bool ReadOnly, IReadOnlyList<RangeClinician> Clinicians);

public sealed record CalendarPrintViewModel(CalendarDay Day, string DateLabel);

/// <summary>What a drop on the grid did, in words for the desk.</summary>
public sealed record DropAnswer(bool Ok, string Message);

/// <summary>
/// The appointment calendar: a day for every clinician, a week for one, a JSON feed and a printable day list.
/// Reception and admins see every clinician and get links to book, block time and open appointments; a
/// clinician sees only their own calendar, read-only (another clinician's week, feed or list is 403).
/// All pages work without JavaScript.
/// </summary>
public sealed class CalendarController(CalendarQuery calendar, AppointmentDesk desk) : StaffControllerBase
{
    /// <summary>The feed answers at most this many days at once.</summary>
    public const int MaxFeedDays = 31;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    [HttpGet("/staff/calendar")]
    public async Task<IActionResult> Day(string? date, CancellationToken cancellationToken)
    {
        var day = ParseDate(date) ?? calendar.Today;
        var (frontDesk, own) = await WhoAsync(cancellationToken);
        if (!frontDesk && own is null)
        {
            return Forbid();
        }

        var model = await calendar.DayAsync(day, own, cancellationToken);
        var grid = CalendarGrid.Build(
            "Appointments by clinician, " + day.ToString("dddd d MMMM yyyy", Inv),
            model.Columns,
            Closures(model),
            c => new GridHeading(c.ClinicianName, null, frontDesk
                ? [new("Week", WeekHref(c.ClinicianId, day)), new("Print", PrintHref(c.ClinicianId, day)), new("Block time", BlockHref(c.ClinicianId, day))]
                : [new("Week", WeekHref(c.ClinicianId, day)), new("Print", PrintHref(c.ClinicianId, day))],
                WorkingNote(c)),
            frontDesk ? NewBookingHref : null,
            calendar.LocalNow);
        return View(new CalendarDayViewModel(model, grid, day.ToString("dddd d MMMM yyyy", Inv), calendar.Today, !frontDesk));
    }

    [HttpGet("/staff/calendar/week")]
    public async Task<IActionResult> Week(int? clinician, string? date, CancellationToken cancellationToken)
    {
        var day = ParseDate(date) ?? calendar.Today;
        var (frontDesk, own) = await WhoAsync(cancellationToken);
        IReadOnlyList<RangeClinician> clinicians = [];
        int clinicianId;
        if (frontDesk)
        {
            clinicians = await calendar.CliniciansAsync(cancellationToken);
            if (clinicians.Count == 0)
            {
                return NotFound();
            }

            clinicianId = clinician ?? clinicians[0].Id;
        }
        else if (own is null || (clinician is not null && clinician != own))
        {
            return Forbid();
        }
        else
        {
            clinicianId = own.Value;
        }

        var week = await calendar.WeekAsync(day, clinicianId, cancellationToken);
        if (week is null)
        {
            return NotFound();
        }

        var columns = week.Days.SelectMany(d => d.Columns).ToList();
        var closures = week.Days.Where(d => d.ClinicClosed).ToDictionary(d => d.Date, d => d.ClosureReason);
        var grid = CalendarGrid.Build(
            $"{week.ClinicianName}, week of {week.Monday.ToString("d MMMM yyyy", Inv)}",
            columns,
            closures,
            c => new GridHeading(c.Date.ToString("ddd d MMM", Inv), DayHref(c.Date), frontDesk ? [new("Block time", BlockHref(c.ClinicianId, c.Date))] : []),
            frontDesk ? NewBookingHref : null,
            calendar.LocalNow);
        var label = $"{week.Monday.ToString("d MMM", Inv)} – {week.Monday.AddDays(6).ToString("d MMM yyyy", Inv)}";
        return View(new CalendarWeekViewModel(week, grid, label, calendar.Today, !frontDesk, clinicians));
    }

    /// <summary>
    /// <c>GET /staff/calendar/feed?from=yyyy-MM-dd&amp;to=yyyy-MM-dd&amp;clinician=</c>: appointments, working hours and
    /// time off as JSON, times in clinic time with their offset. <c>from</c> and <c>to</c> are clinic dates and both
    /// are included (<c>to</c> defaults to <c>from</c>); at most <see cref="MaxFeedDays"/> days, otherwise 400.
    /// </summary>
    [HttpGet("/staff/calendar/feed")]
    public async Task<IActionResult> Feed(string? from, string? to, string? clinician, CancellationToken cancellationToken)
    {
        var (frontDesk, own) = await WhoAsync(cancellationToken);
        if (!frontDesk && own is null)
        {
            return Forbid();
        }

        var fromDate = ParseDate(from);
        var toDate = string.IsNullOrEmpty(to) ? fromDate : ParseDate(to);
        int? clinicianId = null;
        if (fromDate is null)
        {
            ModelState.AddModelError("from", "'from' must be a date like 2026-12-01.");
        }

        if (toDate is null && !string.IsNullOrEmpty(to))
        {
            ModelState.AddModelError("to", "'to' must be a date like 2026-12-01.");
        }
        else if (fromDate is not null && toDate is not null)
        {
            if (toDate < fromDate)
            {
                ModelState.AddModelError("to", "'to' must be on or after 'from'.");
            }
            else if (toDate.Value.DayNumber - fromDate.Value.DayNumber >= MaxFeedDays)
            {
                ModelState.AddModelError("to", $"Ask for at most {MaxFeedDays} days at a time ('to' is included).");
            }
        }

        if (!string.IsNullOrEmpty(clinician))
        {
            if (int.TryParse(clinician, NumberStyles.None, Inv, out var id))
            {
                clinicianId = id;
            }
            else
            {
                ModelState.AddModelError("clinician", "'clinician' must be a clinician's id, or left out for everyone.");
            }
        }

        if (!frontDesk)
        {
            if (clinicianId is not null && clinicianId != own)
            {
                return Forbid();
            }

            clinicianId = own;
        }

        if (!ModelState.IsValid)
        {
            return ValidationProblem(title: "Some parameters are not valid.", modelStateDictionary: ModelState);
        }

        var range = await calendar.LoadAsync(fromDate!.Value, toDate!.Value.AddDays(1), clinicianId, cancellationToken);
        return Ok(CalendarFeed.Of(range, calendar));
    }

    /// <summary>
    /// <c>GET /staff/calendar/changes?date=</c>: the day's stamp (<see cref="CalendarQuery.DayStampAsync"/>) as an ETag.
    /// calendar.js asks every few seconds with If-None-Match and redraws the grid only when it changed: another desk's
    /// booking, move or status shows within seconds, and an unchanged day costs two small reads and a 304.
    /// </summary>
    [HttpGet("/staff/calendar/changes")]
    public async Task<IActionResult> Changes(string? date, CancellationToken cancellationToken)
    {
        var (frontDesk, own) = await WhoAsync(cancellationToken);
        if (!frontDesk && own is null)
        {
            return Forbid();
        }

        var day = ParseDate(date) ?? calendar.Today;
        var etag = "\"" + await calendar.DayStampAsync(day, own, cancellationToken) + "\"";
        Response.Headers.ETag = etag;
        if (Request.Headers.IfNoneMatch.Contains(etag))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        return Content(etag, "text/plain");
    }

    /// <summary>
    /// <c>POST /staff/calendar/move</c>: an appointment dropped on a free quarter hour of the grid (calendar.js). The booking
    /// core checks it as it checks the move form; the answer is JSON with the words to show, and a refused drop snaps back.
    /// Reception only; the patient is told as the move form does by default.
    /// </summary>
    [HttpPost("/staff/calendar/move")]
    [Authorize(Policy = Policies.FrontDesk)]
    public async Task<IActionResult> Move([FromForm] string? reference, [FromForm] string? v, [FromForm] int? clinician, [FromForm] string? start, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(reference) || string.IsNullOrEmpty(v) || clinician is null
            || !DateTime.TryParseExact(start, "yyyy-MM-dd'T'HH:mm", Inv, DateTimeStyles.None, out var local) || !ClinicDates.IsSane(local))
        {
            return BadRequest(new DropAnswer(false, "That drop could not be read. Use Move on the appointment instead."));
        }

        var wanted = new SlotValue(clinician.Value, TimeZoneInfo.ConvertTimeToUtc(local, calendar.TimeZone));
        return await desk.MoveShownAsync(reference, wanted, emailPatient: true, v, cancellationToken) switch
        {
            Outcome.Done done => Ok(new DropAnswer(true, $"{done.Reference} moved to {local.ToString("HH:mm", Inv)}.")),
            Outcome.NotFound => NotFound(new DropAnswer(false, "That appointment no longer exists.")),
            var other => Conflict(new DropAnswer(false, other.MessageOr("That move was not saved."))),
        };
    }

    /// <summary>The day's list for the front desk or the clinician's room: one clinician per printed page.</summary>
    [HttpGet("/staff/calendar/print")]
    public async Task<IActionResult> Print(string? date, int? clinician, CancellationToken cancellationToken)
    {
        var day = ParseDate(date) ?? calendar.Today;
        var (frontDesk, own) = await WhoAsync(cancellationToken);
        if (!frontDesk && (own is null || (clinician is not null && clinician != own)))
        {
            return Forbid();
        }

        var model = await calendar.DayAsync(day, frontDesk ? clinician : own, cancellationToken);
        if (clinician is not null && model.Columns.Count == 0)
        {
            return NotFound();
        }

        return View(new CalendarPrintViewModel(model, day.ToString("dddd d MMMM yyyy", Inv)));
    }

    private static Dictionary<DateOnly, string?> Closures(CalendarDay day) =>
        day.ClinicClosed ? new() { [day.Date] = day.ClosureReason } : [];

    private static string DayHref(DateOnly date) => "/staff/calendar?date=" + date.ToString("yyyy-MM-dd", Inv);

    private static string WeekHref(int clinicianId, DateOnly date) =>
        $"/staff/calendar/week?clinician={clinicianId.ToString(Inv)}&date={date.ToString("yyyy-MM-dd", Inv)}";

    private static string WorkingNote(CalendarColumn column) => column.WorkingHours.Count == 0
        ? "not working this day"
        : "working " + string.Join(", ", column.WorkingHours.Select(h => h.Start.ToString("HH:mm", Inv) + "–" + h.End.ToString("HH:mm", Inv)));

    private static string PrintHref(int clinicianId, DateOnly date) =>
        $"/staff/calendar/print?date={date.ToString("yyyy-MM-dd", Inv)}&clinician={clinicianId.ToString(Inv)}";

    private static string BlockHref(int clinicianId, DateOnly date) =>
        $"/staff/calendar/block?clinician={clinicianId.ToString(Inv)}&date={date.ToString("yyyy-MM-dd", Inv)}";

    /// <summary>A free quarter hour links to a new booking at its start (the grid offers no quarter hour that has begun).</summary>
    private static string NewBookingHref(CalendarColumn column, TimeOnly start) =>
        $"/staff/appointments/new?clinician={column.ClinicianId.ToString(Inv)}&start={column.Date.ToString("yyyy-MM-dd", Inv)}T{start.ToString("HH:mm", Inv)}";

    private static DateOnly? ParseDate(string? value) => ClinicDates.ParseOrNull(value);

    /// <summary>Front desk (reception, admin) sees everyone; anyone else only the clinician linked to their account.</summary>
    private async Task<(bool FrontDesk, int? Own)> WhoAsync(CancellationToken cancellationToken)
    {
        if (User.IsInRole(StaffRoles.Reception) || User.IsInRole(StaffRoles.Admin))
        {
            return (true, null);
        }

        return (false, await calendar.ClinicianForStaffUserAsync(User.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken));
    }
}
