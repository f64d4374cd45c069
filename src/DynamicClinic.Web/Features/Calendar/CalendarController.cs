using System.Globalization;
using System.Security.Claims;
using DynamicClinic.Data;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Calendar;

public sealed record CalendarDayViewModel(CalendarDay Day, string DateLabel, DateOnly Today, bool ReadOnly);

/// <summary>
/// The appointment calendar's day view: reception and admins see every clinician; a clinician sees their own
/// column, read-only. Readable without JavaScript: a list per clinician.
/// </summary>
public sealed class CalendarController(CalendarQuery calendar, ClinicDbContext db, ClinicClock clock) : StaffControllerBase
{
    [HttpGet("/staff/calendar")]
    public async Task<IActionResult> Day(string? date, CancellationToken cancellationToken)
    {
        var day = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : clock.Today;

        int? onlyClinician = null;
        var frontDesk = User.IsInRole(StaffRoles.Reception) || User.IsInRole(StaffRoles.Admin);
        if (!frontDesk)
        {
            var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
            onlyClinician = await db.Clinicians.Where(c => c.StaffUserId == userId).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
            if (onlyClinician is null)
            {
                return Forbid();
            }
        }

        var model = await calendar.DayAsync(day, onlyClinician, cancellationToken);
        return View(new CalendarDayViewModel(model, day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture), clock.Today, !frontDesk));
    }
}
