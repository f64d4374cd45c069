namespace DynamicClinic.Domain.Scheduling;

/// <summary>The part of the clinic's day a patient asks for on the phone: "any morning", "an afternoon", "after work".</summary>
public enum DayPart
{
    Any = 0,

    /// <summary>Starting before 12:00.</summary>
    Morning = 1,

    /// <summary>Starting from 12:00 to before 17:00.</summary>
    Afternoon = 2,

    /// <summary>Starting from 17:00.</summary>
    Evening = 3,
}

public static class DayParts
{
    private static readonly TimeOnly Noon = new(12, 0);
    private static readonly TimeOnly Five = new(17, 0);

    /// <summary>Whether a time starting at <paramref name="localStart"/> (clinic time) is in the part of the day asked for.</summary>
    public static bool Holds(this DayPart part, TimeOnly localStart) => part switch
    {
        DayPart.Morning => localStart < Noon,
        DayPart.Afternoon => localStart >= Noon && localStart < Five,
        DayPart.Evening => localStart >= Five,
        _ => true,
    };
}
