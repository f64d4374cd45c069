namespace DynamicClinic.Domain.Scheduling;

/// <summary>
/// Converts between clinic wall-clock time and UTC with the clinic's <see cref="TimeZoneInfo"/>, using the
/// offset in force on each date (never a fixed one). The daylight-saving decisions live here:
/// <list type="bullet">
/// <item>A wall time that does not exist (skipped when clocks spring forward) is not offered as a slot start;
/// an interval bound that falls in the gap moves to the first valid minute after it, the instant the clocks jump.</item>
/// <item>A wall time that happens twice (clocks fall back) means its first occurrence, before the clocks go
/// back, for slot starts and interval bounds alike, so the wall-to-UTC mapping only ever moves forward.</item>
/// </list>
/// </summary>
internal sealed class ClinicClock(TimeZoneInfo timeZone)
{
    // The widest gap ever used is a whole day (Samoa skipped 30 December 2011).
    private const int MaxGapMinutes = 26 * 60;

    public TimeZoneInfo TimeZone => timeZone;

    /// <summary>The UTC instant a wall time is offered at, or null when it does not exist on that date.</summary>
    public DateTime? ToUtc(DateTime wall)
    {
        wall = DateTime.SpecifyKind(wall, DateTimeKind.Unspecified);
        if (timeZone.IsInvalidTime(wall))
        {
            return null;
        }

        if (timeZone.IsAmbiguousTime(wall))
        {
            // The larger offset is the one before the clocks go back, so it gives the earlier instant.
            return DateTime.SpecifyKind(wall - timeZone.GetAmbiguousTimeOffsets(wall).Max(), DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(wall, timeZone);
    }

    /// <summary>For interval bounds: like <see cref="ToUtc"/>, but a wall time in a gap gives the instant the clocks jump.</summary>
    public DateTime ToUtcAtOrAfterGap(DateTime wall) => ToUtc(wall) ?? ToUtc(FirstValidMinuteAfter(wall))!.Value;

    /// <summary>The latest instant a wall time can mean (its last occurrence when ambiguous), to widen load windows safely.</summary>
    public DateTime ToUtcLatest(DateTime wall)
    {
        wall = DateTime.SpecifyKind(wall, DateTimeKind.Unspecified);
        return timeZone.IsAmbiguousTime(wall)
            ? DateTime.SpecifyKind(wall - timeZone.GetAmbiguousTimeOffsets(wall).Min(), DateTimeKind.Utc)
            : ToUtcAtOrAfterGap(wall);
    }

    public DateTime ToWall(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), timeZone);

    public DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(ToWall(utc));

    private DateTime FirstValidMinuteAfter(DateTime wall)
    {
        // Transitions happen on whole minutes, so the first valid minute is exactly where the gap ends.
        var minute = new DateTime(wall.Ticks - (wall.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Unspecified);
        for (var i = 0; i < MaxGapMinutes; i++)
        {
            minute = minute.AddMinutes(1);
            if (!timeZone.IsInvalidTime(minute))
            {
                return minute;
            }
        }

        throw new InvalidOperationException($"Time zone {timeZone.Id} has a gap longer than {MaxGapMinutes} minutes.");
    }
}
