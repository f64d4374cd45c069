using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Infrastructure.Time;

/// <summary>
/// The clinic's idea of "now" and of local time. Times are stored in UTC and converted here, at the edge,
/// with the clinic's <see cref="TimeZoneInfo"/>; tests replace the <see cref="TimeProvider"/>.
/// </summary>
public sealed class ClinicClock(TimeProvider timeProvider, IOptions<ClinicOptions> options)
{
    public TimeZoneInfo TimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZoneId);

    public DateTime UtcNow => timeProvider.GetUtcNow().UtcDateTime;

    public DateTime LocalNow => ToClinicTime(UtcNow);

    public DateOnly Today => DateOnly.FromDateTime(LocalNow);

    public DateTime ToClinicTime(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);

    public DateTimeOffset ToClinicOffset(DateTime utc)
    {
        var local = ToClinicTime(utc);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }
}
