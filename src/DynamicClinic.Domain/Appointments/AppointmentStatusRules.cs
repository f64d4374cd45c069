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
