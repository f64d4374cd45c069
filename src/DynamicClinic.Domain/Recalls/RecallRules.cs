using DynamicClinic.Domain.Appointments;

namespace DynamicClinic.Domain.Recalls;

/// <summary>One session of a plan as the diary has it: its number, clinic date and status.</summary>
public readonly record struct PlanSession(int Number, DateOnly Date, AppointmentStatus Status);

/// <summary>A course's next session that is due and not booked: which one, when, and whether the phase is monthly.</summary>
public sealed record CourseRecall(int SessionNumber, DateOnly DueDate, bool Monthly);

/// <summary>
/// When reception should call a patient back. A course is booked whole when it is planned, so a session stops being
/// booked when it is cancelled or missed: the lowest such session is the one due, on the date it was planned. Its
/// phase is weekly or monthly by the gap to the session before (four weeks or more counts as monthly maintenance).
/// </summary>
public static class RecallRules
{
    /// <summary>How far ahead a course's unbooked session shows on the list, so there is time to call.</summary>
    public static readonly int DaysAhead = 7;

    public static CourseRecall? NextCourseSession(int totalSessions, IReadOnlyList<PlanSession> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        for (var number = 1; number <= totalSessions; number++)
        {
            var held = sessions.Where(s => s.Number == number).ToList();
            if (held.Any(s => s.Status is AppointmentStatus.Booked or AppointmentStatus.Arrived or AppointmentStatus.Completed))
            {
                continue;
            }

            var previous = sessions.Where(s => s.Number < number && s.Status is not AppointmentStatus.Cancelled)
                .Select(s => (DateOnly?)s.Date).Max();
            // The planned date is the one the session was booked for; one never booked comes a week after the last.
            var due = held.Count > 0 ? held.Max(s => s.Date) : (previous ?? DateOnly.MinValue).AddDays(7);
            var monthly = previous is { } before && due.DayNumber - before.DayNumber >= 28;
            return new CourseRecall(number, due, monthly);
        }

        return null;
    }

    /// <summary>The date a patient seen only for a consultation becomes due a call: that many months after it.</summary>
    public static DateOnly LapsedDue(DateOnly consultation, int months) => consultation.AddMonths(months);

    /// <summary>Whether a recall is still to be worked: nothing done yet, or only a call (booked or declined ends it).</summary>
    public static bool IsOpen(RecallOutcome? last) => last is null or RecallOutcome.Called;
}
