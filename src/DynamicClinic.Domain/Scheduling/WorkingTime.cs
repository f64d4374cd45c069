namespace DynamicClinic.Domain.Scheduling;

/// <summary>
/// How long a clinician was due to work over some clinic days: their regular week, less the days the clinic was
/// closed and less their time off (overlapping periods of time off counted once). The denominator of utilisation.
/// </summary>
public static class WorkingTime
{
    public static TimeSpan Between(ClinicianSchedule schedule, DateOnly from, DateOnly to, IReadOnlySet<DateOnly> closures, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(closures);
        ArgumentNullException.ThrowIfNull(zone);

        var timeOff = Merge(schedule.TimeOff);
        var total = TimeSpan.Zero;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (closures.Contains(day))
            {
                continue;
            }

            foreach (var interval in schedule.WeeklyHours.Where(h => h.Day == day.DayOfWeek))
            {
                var start = ToUtc(day.ToDateTime(interval.Start), zone);
                // An end of 00:00 is midnight at the end of the day (see WeeklyInterval).
                var end = ToUtc(interval.End == TimeOnly.MinValue ? day.AddDays(1).ToDateTime(TimeOnly.MinValue) : day.ToDateTime(interval.End), zone);
                if (end <= start)
                {
                    continue;
                }

                total += end - start;
                foreach (var off in timeOff)
                {
                    var overlapStart = off.StartUtc > start ? off.StartUtc : start;
                    var overlapEnd = off.EndUtc < end ? off.EndUtc : end;
                    if (overlapEnd > overlapStart)
                    {
                        total -= overlapEnd - overlapStart;
                    }
                }
            }
        }

        return total;
    }

    // A local time a clock change skips (none in Pakistan today) is taken as the hour after.
    private static DateTime ToUtc(DateTime local, TimeZoneInfo zone) =>
        zone.IsInvalidTime(local) ? TimeZoneInfo.ConvertTimeToUtc(local.AddHours(1), zone) : TimeZoneInfo.ConvertTimeToUtc(local, zone);

    /// <summary>Time off sorted and merged, so that two overlapping entries never take the same hour off twice.</summary>
    private static List<UtcRange> Merge(IReadOnlyList<UtcRange> ranges)
    {
        var merged = new List<UtcRange>();
        foreach (var range in ranges.Where(r => !r.IsEmpty).OrderBy(r => r.StartUtc))
        {
            if (merged.Count > 0 && range.StartUtc <= merged[^1].EndUtc)
            {
                var last = merged[^1];
                merged[^1] = last with { EndUtc = range.EndUtc > last.EndUtc ? range.EndUtc : last.EndUtc };
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }
}
