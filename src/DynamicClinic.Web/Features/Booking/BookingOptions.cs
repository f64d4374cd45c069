using System.ComponentModel.DataAnnotations;
using DynamicClinic.Domain.Scheduling;

namespace DynamicClinic.Web.Features.Booking;

/// <summary>The <c>Booking</c> section: the rules online booking follows. Validated at start-up.</summary>
public sealed class BookingOptions
{
    public const string SectionName = "Booking";

    /// <summary>Offered start times are this many minutes apart, from the start of each working interval.</summary>
    public int SlotStepMinutes { get; set; } = 15;

    /// <summary>Minutes kept free after each appointment (cleaning, notes).</summary>
    public int BufferMinutes { get; set; }

    /// <summary>No online slot starts sooner than this many hours from now.</summary>
    public int MinimumNoticeHours { get; set; } = 2;

    /// <summary>No online slot starts later than this many days from now.</summary>
    public int HorizonDays { get; set; } = 60;

    /// <summary>Patients can cancel or reschedule online until this many hours before; after that they call.</summary>
    [Range(0, 168)]
    public int CancellationCutoffHours { get; set; } = 24;

    /// <summary>Booking POSTs allowed per client address per minute.</summary>
    [Range(1, 1_000_000)]
    public int BookingRequestsPerMinute { get; set; } = 20;

    /// <summary>Slot look-ups allowed per client address per minute.</summary>
    [Range(1, 1_000_000)]
    public int SlotRequestsPerMinute { get; set; } = 120;

    public AvailabilityRules ToRules() => new()
    {
        SlotStep = TimeSpan.FromMinutes(SlotStepMinutes),
        Buffer = TimeSpan.FromMinutes(BufferMinutes),
        MinimumNotice = TimeSpan.FromHours(MinimumNoticeHours),
        Horizon = TimeSpan.FromDays(HorizonDays),
    };
}
