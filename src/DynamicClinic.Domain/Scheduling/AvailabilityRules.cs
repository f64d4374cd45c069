namespace DynamicClinic.Domain.Scheduling;

/// <summary>
/// How bookable times are laid out: the grid slots start on, the time kept free after each appointment,
/// and how soon and how far ahead patients may book. Bound from configuration and checked at start-up.
/// </summary>
public sealed record AvailabilityRules
{
    // Appointments hold time as five-minute blocks (ClinicianTimeBlock), so steps and buffers stay on that grid.
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Slot steps allowed: each divides an hour (or is two hours), so slots land on readable times, and each is a
    /// whole number of five-minute blocks.
    /// </summary>
    public static IReadOnlyList<int> AllowedStepMinutes { get; } = [5, 10, 15, 20, 30, 60, 120];

    public static TimeSpan MaxBuffer { get; } = TimeSpan.FromHours(2);

    public static TimeSpan MaxHorizon { get; } = TimeSpan.FromDays(365);

    public static AvailabilityRules Default { get; } = new();

    /// <summary>Slots start every step from the start of each working interval (in clinic wall-clock time).</summary>
    public TimeSpan SlotStep { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Time kept free after every appointment (notes, preparing the room). It only separates appointments
    /// from each other: it may run past the end of working hours and into time off.
    /// </summary>
    public TimeSpan Buffer { get; init; } = TimeSpan.Zero;

    /// <summary>No slot starts sooner than this after now.</summary>
    public TimeSpan MinimumNotice { get; init; } = TimeSpan.FromHours(2);

    /// <summary>No slot starts later than this after now.</summary>
    public TimeSpan Horizon { get; init; } = TimeSpan.FromDays(60);

    /// <summary>Returns one message per broken rule; empty when the settings are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();

        if (SlotStep.Ticks % TimeSpan.TicksPerMinute != 0 || !AllowedStepMinutes.Contains((int)SlotStep.TotalMinutes))
        {
            errors.Add("Slot step must be 5, 10, 15, 20, 30, 60 or 120 minutes.");
        }

        // The buffer is held as time blocks too, so it stays on their five-minute grid.
        if (Buffer < TimeSpan.Zero || Buffer > MaxBuffer || Buffer.Ticks % FiveMinutes.Ticks != 0)
        {
            errors.Add("Buffer must be a multiple of 5 minutes between 0 and 120 minutes.");
        }

        if (Horizon < TimeSpan.FromDays(1) || Horizon > MaxHorizon)
        {
            errors.Add("Horizon must be between 1 and 365 days.");
        }

        if (MinimumNotice < TimeSpan.Zero)
        {
            errors.Add("Minimum notice cannot be negative.");
        }
        else if (MinimumNotice >= Horizon)
        {
            errors.Add("Minimum notice must be shorter than the horizon.");
        }

        return errors;
    }
}
