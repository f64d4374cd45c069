namespace DynamicClinic.BrowserTests.Infrastructure;

/// <summary>
/// Real time, shifted so that the site starts at 10:00 in Islamabad on the next working day (Monday to
/// Saturday). Browser journeys then see an open clinic whatever hour CI runs at: reception can book a walk-in
/// "today" and mark it arrived. Only the wall clock moves; durations and timers run at real speed, so cookie
/// lifetimes and the browser's own timers still agree with the server.
/// </summary>
public sealed class ClinicMorningTimeProvider : TimeProvider
{
    private static readonly TimeZoneInfo Karachi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi");

    private readonly TimeSpan _shift;

    public ClinicMorningTimeProvider()
    {
        var now = System.GetUtcNow();
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Karachi).DateTime).AddDays(1);
        while (day.DayOfWeek == DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        var morning = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(10, 0)), Karachi);
        _shift = new DateTimeOffset(morning, TimeSpan.Zero) - now;
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _shift;
}
