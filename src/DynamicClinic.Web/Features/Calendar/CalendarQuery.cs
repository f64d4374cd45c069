using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Calendar;

public sealed record CalendarAppointment(
    int Id, string Reference, TimeOnly Start, TimeOnly End, string PatientName, string TreatmentName,
    AppointmentStatus Status, AppointmentSource Source);

public sealed record CalendarBlock(TimeOnly Start, TimeOnly End, string Label);

public sealed record CalendarColumn(
    int ClinicianId, string ClinicianName, IReadOnlyList<CalendarBlock> WorkingHours,
    IReadOnlyList<CalendarBlock> TimeOff, IReadOnlyList<CalendarAppointment> Appointments);

public sealed record CalendarDay(DateOnly Date, bool ClinicClosed, string? ClosureReason, IReadOnlyList<CalendarColumn> Columns);

/// <summary>
/// One day of the calendar, one column per clinician, in clinic time. A fixed number of queries however
/// many appointments the day holds (no query per clinician or per appointment).
/// </summary>
public sealed class CalendarQuery(ClinicDbContext db, ClinicClock clock)
{
    public async Task<CalendarDay> DayAsync(DateOnly date, int? onlyClinicianId, CancellationToken cancellationToken)
    {
        var startUtc = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue), clock.TimeZone);
        var endUtc = TimeZoneInfo.ConvertTimeToUtc(date.AddDays(1).ToDateTime(TimeOnly.MinValue), clock.TimeZone);

        var clinicians = await db.Clinicians.AsNoTracking()
            .Where(c => c.IsActive && (onlyClinicianId == null || c.Id == onlyClinicianId))
            .OrderBy(c => c.DisplayName)
            .Select(c => new { c.Id, c.DisplayName })
            .ToListAsync(cancellationToken);
        var ids = clinicians.Select(c => c.Id).ToList();

        var hours = await db.WorkingHours.AsNoTracking()
            .Where(w => ids.Contains(w.ClinicianId) && w.DayOfWeek == date.DayOfWeek)
            .OrderBy(w => w.Start)
            .Select(w => new { w.ClinicianId, w.Start, w.End })
            .ToListAsync(cancellationToken);

        var timeOff = await db.TimeOff.AsNoTracking()
            .Where(t => ids.Contains(t.ClinicianId) && t.StartUtc < endUtc && t.EndUtc > startUtc)
            .Select(t => new { t.ClinicianId, t.StartUtc, t.EndUtc, t.Reason })
            .ToListAsync(cancellationToken);

        var appointments = await db.Appointments.AsNoTracking()
            .Where(a => ids.Contains(a.ClinicianId) && a.StartUtc >= startUtc && a.StartUtc < endUtc)
            .OrderBy(a => a.StartUtc)
            .Select(a => new
            {
                a.Id,
                a.Reference,
                a.ClinicianId,
                a.StartUtc,
                a.EndUtc,
                a.Status,
                a.Source,
                PatientName = a.Patient!.FullName,
                TreatmentName = a.Treatment!.Name,
            })
            .ToListAsync(cancellationToken);

        var closure = await db.ClinicClosures.AsNoTracking().Where(c => c.Date == date).Select(c => c.Reason).FirstOrDefaultAsync(cancellationToken);

        TimeOnly Local(DateTime utc, bool end)
        {
            // Time off that runs past midnight is shown to the end of the day.
            if (end && utc >= endUtc)
            {
                return TimeOnly.MaxValue;
            }

            return utc <= startUtc ? TimeOnly.MinValue : TimeOnly.FromDateTime(clock.ToClinicTime(utc));
        }

        var columns = clinicians.Select(c => new CalendarColumn(
            c.Id,
            c.DisplayName,
            hours.Where(h => h.ClinicianId == c.Id).Select(h => new CalendarBlock(h.Start, h.End, "Working")).ToList(),
            timeOff.Where(t => t.ClinicianId == c.Id).Select(t => new CalendarBlock(Local(t.StartUtc, false), Local(t.EndUtc, true), t.Reason)).ToList(),
            appointments.Where(a => a.ClinicianId == c.Id).Select(a => new CalendarAppointment(
                a.Id, a.Reference, Local(a.StartUtc, false), Local(a.EndUtc, true), a.PatientName, a.TreatmentName, a.Status, a.Source)).ToList()))
            .ToList();

        return new CalendarDay(date, closure is not null, closure, columns);
    }
}
