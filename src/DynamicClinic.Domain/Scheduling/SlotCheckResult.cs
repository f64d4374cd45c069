namespace DynamicClinic.Domain.Scheduling;

/// <summary>Why a chosen slot can or cannot be booked, checked in this order at confirmation time.</summary>
public enum SlotCheckResult
{
    Ok = 0,

    /// <summary>The slot starts before now.</summary>
    InPast = 1,

    /// <summary>The slot starts within the minimum notice.</summary>
    TooSoon = 2,

    /// <summary>The slot starts after the booking horizon.</summary>
    BeyondHorizon = 3,

    /// <summary>The clinic is closed on the slot's clinic-local date.</summary>
    ClinicClosed = 4,

    /// <summary>The slot does not fit entirely inside one of the clinician's working intervals.</summary>
    OutsideWorkingHours = 5,

    /// <summary>The slot fits in working hours but is not one of the start times offered (off the step grid).</summary>
    NotOnStep = 6,

    /// <summary>The slot overlaps the clinician's time off.</summary>
    TimeOff = 7,

    /// <summary>The slot (with the buffer) collides with an appointment that holds time.</summary>
    Taken = 8,

    /// <summary>The slot (with the buffer) collides with another appointment holding the room the treatment needs.</summary>
    RoomTaken = 9,
}
