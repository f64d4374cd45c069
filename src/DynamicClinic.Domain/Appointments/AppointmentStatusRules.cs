namespace DynamicClinic.Domain.Appointments;

/// <summary>
/// How an appointment's status may change: Booked → Arrived → Completed; Booked → NoShow;
/// Booked or Arrived → Cancelled. Completed, NoShow and Cancelled are final: a mistake there is
/// corrected by a new appointment, never by rewriting what happened.
/// </summary>
public static class AppointmentStatusRules
{
    private static readonly Dictionary<AppointmentStatus, AppointmentStatus[]> Allowed = new()
    {
        [AppointmentStatus.Booked] = [AppointmentStatus.Arrived, AppointmentStatus.NoShow, AppointmentStatus.Cancelled],
        [AppointmentStatus.Arrived] = [AppointmentStatus.Completed, AppointmentStatus.Cancelled],
        [AppointmentStatus.Completed] = [],
        [AppointmentStatus.NoShow] = [],
        [AppointmentStatus.Cancelled] = [],
    };

    public static bool CanChange(AppointmentStatus from, AppointmentStatus to) =>
        Allowed.TryGetValue(from, out var next) && next.Contains(to);

    public static IReadOnlyList<AppointmentStatus> NextStatuses(AppointmentStatus from) =>
        Allowed.TryGetValue(from, out var next) ? next : [];

    public static bool IsFinal(AppointmentStatus status) => NextStatuses(status).Count == 0;

    /// <summary>Null when the change is allowed; otherwise a sentence reception can act on.</summary>
    public static string? Refusal(AppointmentStatus from, AppointmentStatus to)
    {
        if (CanChange(from, to))
        {
            return null;
        }

        if (from == to)
        {
            return $"The appointment is already {Describe(to)}.";
        }

        return IsFinal(from)
            ? $"The appointment is {Describe(from)}, so it can no longer change. Book a new appointment instead."
            : $"An appointment that is {Describe(from)} cannot be marked {Describe(to)}.";
    }

    /// <summary>
    /// Null when the change makes sense at this moment: a patient arrives on (or after) the day of the
    /// appointment, and an appointment is completed or missed only once its time has come.
    /// </summary>
    /// <param name="appointmentDay">The appointment's date in clinic time.</param>
    /// <param name="today">Today in clinic time.</param>
    /// <param name="hasStarted">Whether the appointment's start time has passed.</param>
    public static string? TimingRefusal(AppointmentStatus to, DateOnly appointmentDay, DateOnly today, bool hasStarted) => to switch
    {
        AppointmentStatus.Arrived when appointmentDay > today => "A patient can be marked arrived on the day of the appointment, not before.",
        AppointmentStatus.Completed when !hasStarted => "An appointment can be marked completed once its start time has passed.",
        AppointmentStatus.NoShow when !hasStarted => "A patient can be marked a no-show only once the appointment time has passed.",
        _ => null,
    };

    /// <summary>
    /// The status changes to offer now (not cancelling, which has its own form): those the rules allow and the
    /// timing allows, so reception is never offered a button that can only be refused (a no-show before the start).
    /// </summary>
    public static IReadOnlyList<AppointmentStatus> OfferedNow(AppointmentStatus from, DateOnly appointmentDay, DateOnly today, bool hasStarted) =>
        NextStatuses(from).Where(to => to != AppointmentStatus.Cancelled && TimingRefusal(to, appointmentDay, today, hasStarted) is null).ToList();

    public static string Describe(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Booked => "booked",
        AppointmentStatus.Arrived => "arrived",
        AppointmentStatus.Completed => "completed",
        AppointmentStatus.NoShow => "a no-show",
        AppointmentStatus.Cancelled => "cancelled",
        _ => status.ToString(),
    };
}
