using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Admin;

/// <summary>An upcoming appointment a schedule change would leave outside the clinician's working time.</summary>
public sealed record StrandedAppointment(string Reference, DateTime StartLocal, string ClinicianName, string PatientName);

/// <summary>
/// Finds the upcoming appointments (booked or arrived, not yet over) a schedule change would strand. Schedule
/// changes that strand appointments are refused, listing them, so reception can move them first: nothing is dropped silently.
/// </summary>
public sealed class StrandedAppointments(ClinicDbContext db, ClinicClock clock)
{
    /// <summary>Upcoming appointments of one clinician (or every clinician) that overlap a UTC range.</summary>
    public async Task<IReadOnlyList<StrandedAppointment>> InRangeAsync(int? clinicianId, DateTime startUtc, DateTime endUtc, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var rows = await Upcoming(clinicianId)
            .Where(a => a.StartUtc < endUtc && a.EndUtc > startUtc && a.EndUtc > now)
            .OrderBy(a => a.StartUtc)
            .Select(a => new { a.Reference, a.StartUtc, Clinician = a.Clinician!.DisplayName, Patient = a.Patient!.FullName })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new StrandedAppointment(r.Reference, clock.ToClinicTime(r.StartUtc), r.Clinician, r.Patient)).ToList();
    }

    /// <summary>Upcoming appointments of a clinician that would fall outside a new regular week.</summary>
    public async Task<IReadOnlyList<StrandedAppointment>> OutsideHoursAsync(int clinicianId, IReadOnlyList<(DayOfWeek Day, TimeOnly Start, TimeOnly End)> week, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var rows = await Upcoming(clinicianId)
            .Where(a => a.EndUtc > now)
            .OrderBy(a => a.StartUtc)
            .Select(a => new { a.Reference, a.StartUtc, a.EndUtc, Clinician = a.Clinician!.DisplayName, Patient = a.Patient!.FullName })
            .ToListAsync(cancellationToken);
        var stranded = new List<StrandedAppointment>();
        foreach (var row in rows)
        {
            var start = clock.ToClinicTime(row.StartUtc);
            var end = clock.ToClinicTime(row.EndUtc);
            var inside = DateOnly.FromDateTime(start) == DateOnly.FromDateTime(end.AddTicks(-1)) && week.Any(i =>
                i.Day == start.DayOfWeek && i.Start <= TimeOnly.FromDateTime(start) && (i.End >= TimeOnly.FromDateTime(end) || TimeOnly.FromDateTime(end) == TimeOnly.MinValue && i.End == TimeOnly.MaxValue));
            if (!inside)
            {
                stranded.Add(new StrandedAppointment(row.Reference, start, row.Clinician, row.Patient));
            }
        }

        return stranded;
    }

    private IQueryable<Appointment> Upcoming(int? clinicianId) =>
        db.Appointments.AsNoTracking()
            .Where(a => (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Arrived) && (clinicianId == null || a.ClinicianId == clinicianId));
}
