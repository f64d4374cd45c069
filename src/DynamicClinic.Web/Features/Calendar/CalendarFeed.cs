using System.Collections.Frozen;
using DynamicClinic.Domain.Appointments;

namespace DynamicClinic.Web.Features.Calendar;

public sealed record FeedAppointment(
    int Id, string Reference, int ClinicianId, DateTimeOffset Start, DateTimeOffset End, string PatientName, string Treatment,
    string Status, string Source);

public sealed record FeedInterval(DateTimeOffset Start, DateTimeOffset End);

public sealed record FeedTimeOff(DateTimeOffset Start, DateTimeOffset End, string Reason);

public sealed record FeedClinician(int Id, string Name, IReadOnlyList<FeedInterval> WorkingHours, IReadOnlyList<FeedTimeOff> TimeOff);

public sealed record FeedClosure(DateOnly Date, string Reason);

/// <summary>
/// The JSON of <c>GET /staff/calendar/feed</c>. Times are clinic time with their offset (e.g. <c>+05:00</c>);
/// <see cref="From"/> and <see cref="To"/> are clinic dates, both included. Working hours are the regular week
/// laid over each date, left out on days the clinic is closed (listed in <see cref="Closures"/>).
/// Status and source are the enum names (<c>Booked</c>, <c>Arrived</c>, <c>Completed</c>, <c>NoShow</c>,
/// <c>Cancelled</c>; <c>Online</c>, <c>Phone</c>, <c>WalkIn</c>, <c>SessionPlan</c>).
/// </summary>
public sealed record CalendarFeed(
    string TimeZone, DateOnly From, DateOnly To, IReadOnlyList<FeedClinician> Clinicians, IReadOnlyList<FeedClosure> Closures,
    IReadOnlyList<FeedAppointment> Appointments)
{
    // Enum.ToString() boxes the value, twice per appointment; the names are looked up instead.
    private static readonly FrozenDictionary<AppointmentStatus, string> StatusNames =
        Enum.GetValues<AppointmentStatus>().ToFrozenDictionary(v => v, v => v.ToString());

    private static readonly FrozenDictionary<AppointmentSource, string> SourceNames =
        Enum.GetValues<AppointmentSource>().ToFrozenDictionary(v => v, v => v.ToString());

    public static CalendarFeed Of(CalendarRange range, CalendarQuery calendar)
    {
        var zone = calendar.TimeZone;
        DateTimeOffset At(DateOnly date, TimeOnly time)
        {
            var local = date.ToDateTime(time);
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }

        var hoursByClinician = range.WorkingHours.ToLookup(h => h.ClinicianId);
        var offByClinician = range.TimeOff.ToLookup(t => t.ClinicianId);
        var dates = Enumerable.Range(0, range.To.DayNumber - range.From.DayNumber).Select(range.From.AddDays).ToList();

        var clinicians = range.Clinicians.Select(c => new FeedClinician(
            c.Id,
            c.DisplayName,
            dates.Where(d => !range.Closures.ContainsKey(d))
                .SelectMany(d => hoursByClinician[c.Id].Where(h => h.DayOfWeek == d.DayOfWeek)
                    .Select(h => new FeedInterval(At(d, h.Start), h.End == TimeOnly.MinValue ? At(d.AddDays(1), TimeOnly.MinValue) : At(d, h.End))))
                .ToList(),
            offByClinician[c.Id].Select(t => new FeedTimeOff(calendar.ToClinicOffset(t.StartUtc), calendar.ToClinicOffset(t.EndUtc), t.Reason)).ToList()))
            .ToList();

        var appointments = range.Appointments.Select(a => new FeedAppointment(
            a.Id, a.Reference, a.ClinicianId, calendar.ToClinicOffset(a.StartUtc), calendar.ToClinicOffset(a.EndUtc),
            a.PatientName, a.TreatmentName, StatusNames[a.Status], SourceNames[a.Source])).ToList();

        return new CalendarFeed(
            zone.Id, range.From, range.To.AddDays(-1), clinicians,
            range.Closures.OrderBy(c => c.Key).Select(c => new FeedClosure(c.Key, c.Value)).ToList(), appointments);
    }
}
