using DynamicClinic.Domain.Clinicians;

namespace DynamicClinic.Domain.Scheduling;

/// <summary>
/// One working interval of a clinician's regular week, in clinic wall-clock time. An <see cref="End"/> of
/// 00:00 means midnight at the end of the day. Intervals never run overnight: a night shift is two intervals.
/// </summary>
public readonly record struct WeeklyInterval(DayOfWeek Day, TimeOnly Start, TimeOnly End)
{
    public static WeeklyInterval From(WorkingHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        return new(hours.DayOfWeek, hours.Start, hours.End);
    }
}
