using System.Globalization;
using DynamicClinic.Domain.Scheduling;

namespace DynamicClinic.UnitTests.Booking;

/// <summary>Shared arrangements: a clinic in Karachi (UTC+5 all year) unless a test is about daylight saving.</summary>
internal static class TestClinic
{
    public static readonly TimeZoneInfo Karachi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi");
    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    public static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static readonly DateOnly Monday = new(2026, 3, 2);
    public static readonly DateOnly Tuesday = Monday.AddDays(1);

    /// <summary>Sunday 1 March 2026, 05:00 in Karachi: far enough before Monday for the default notice.</summary>
    public static readonly DateTime Now = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    public static readonly TimeSpan HalfHour = TimeSpan.FromMinutes(30);

    public static AvailabilityCalculator Calculator(AvailabilityRules? rules = null, TimeZoneInfo? zone = null) =>
        new(zone ?? Karachi, rules ?? AvailabilityRules.Default);

    /// <summary>Monday to Friday 09:00-13:00 and 14:00-17:00, with a lunch break between.</summary>
    public static ClinicianSchedule Weekdays(int clinicianId = 1, params UtcRange[] timeOff) => new(
        clinicianId,
        [
            .. Enumerable.Range((int)DayOfWeek.Monday, 5).SelectMany(day => new[]
            {
                new WeeklyInterval((DayOfWeek)day, new TimeOnly(9, 0), new TimeOnly(13, 0)),
                new WeeklyInterval((DayOfWeek)day, new TimeOnly(14, 0), new TimeOnly(17, 0)),
            }),
        ],
        timeOff);

    public static ClinicianSchedule Hours(int clinicianId, params WeeklyInterval[] hours) => new(clinicianId, hours, []);

    public static AvailabilityData DataFor(ClinicianSchedule schedule, IEnumerable<BusyTime>? busy = null, IEnumerable<DateOnly>? closures = null) =>
        DataFor([schedule], busy, closures);

    public static AvailabilityData DataFor(IReadOnlyList<ClinicianSchedule> schedules, IEnumerable<BusyTime>? busy = null, IEnumerable<DateOnly>? closures = null) =>
        new(schedules, [.. busy ?? []], new HashSet<DateOnly>(closures ?? []));

    /// <summary>A wall-clock time in Karachi, as UTC.</summary>
    public static DateTime At(DateOnly date, int hour, int minute = 0) => At(Karachi, date, hour, minute);

    /// <summary>A wall-clock time in a zone, as UTC (only for times that exist once).</summary>
    public static DateTime At(TimeZoneInfo zone, DateOnly date, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(hour, minute)), zone);

    public static DateTime Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    public static BusyTime Busy(DateOnly date, int hour, int minute, int minutes, int clinicianId = 1)
    {
        var start = At(date, hour, minute);
        return new BusyTime(clinicianId, start, start.AddMinutes(minutes));
    }

    /// <summary>Slot starts as clinic wall-clock "HH:mm", which is how a person reads a list of times.</summary>
    public static IEnumerable<string> LocalStarts(IEnumerable<Slot> slots, TimeZoneInfo? zone = null) =>
        slots.Select(slot => LocalTime(slot.StartUtc, zone));

    public static string LocalTime(DateTime utc, TimeZoneInfo? zone = null) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, zone ?? Karachi).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"HH:mm" from first to last inclusive, every step minutes.</summary>
    public static IEnumerable<string> Times(string first, string last, int stepMinutes = 15)
    {
        var start = TimeOnly.Parse(first, CultureInfo.InvariantCulture);
        var count = ((TimeOnly.Parse(last, CultureInfo.InvariantCulture) - start).TotalMinutes / stepMinutes) + 1;
        for (var i = 0; i < count; i++)
        {
            yield return start.AddMinutes(i * stepMinutes).ToString("HH:mm", CultureInfo.InvariantCulture);
        }
    }
}
