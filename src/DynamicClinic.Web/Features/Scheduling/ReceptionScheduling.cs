using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Web.Features.Booking;

namespace DynamicClinic.Web.Features.Scheduling;

/// <summary>
/// Availability as reception sees it: the same working hours, time off, closures, step and buffer as online
/// booking, but no minimum notice (a walk-in can take the next free time) and a year ahead instead of the
/// online horizon. Nothing in the past, and never a taken time: the time-block key refuses those anyway. Checking a
/// chosen time is <see cref="SlotRules"/>'s, the one check every path uses.
/// </summary>
public sealed class ReceptionScheduling(AvailabilityQuery availability)
{
    public static readonly TimeSpan Horizon = AvailabilityRules.MaxHorizon;

    public AvailabilityCalculator Calculator { get; } = new(
        availability.Calculator.ClinicTimeZone,
        availability.Calculator.Rules with { MinimumNotice = TimeSpan.Zero, Horizon = AvailabilityRules.MaxHorizon });

    public DateTime UtcNow => availability.UtcNow;

    public DateOnly Today => availability.Today;

    /// <summary>Free times on one clinic date for the given clinicians, earliest first.</summary>
    /// <param name="roomId">The room the treatment needs (<see cref="AvailabilityQuery.RoomOfTreatmentAsync"/>), if any.</param>
    public async Task<IReadOnlyList<Slot>> FreeSlotsAsync(IReadOnlyCollection<int> clinicianIds, DateOnly date, TimeSpan length, int? movingAppointmentId, int? roomId, CancellationToken cancellationToken)
    {
        if (clinicianIds.Count == 0)
        {
            return [];
        }

        var data = await availability.LoadAsync(clinicianIds, date, date, movingAppointmentId, roomId, cancellationToken);
        return Calculator.FindSlots(data, date, date, length, UtcNow);
    }

    /// <summary>Free times from <paramref name="from"/> to <paramref name="to"/> (clinic dates, both included) for the given clinicians, earliest first.</summary>
    public async Task<IReadOnlyList<Slot>> FreeSlotsAsync(IReadOnlyCollection<int> clinicianIds, DateOnly from, DateOnly to, TimeSpan length, int? roomId, CancellationToken cancellationToken)
    {
        if (clinicianIds.Count == 0 || to < from)
        {
            return [];
        }

        var data = await availability.LoadAsync(clinicianIds, from, to, null, roomId, cancellationToken);
        return Calculator.FindSlots(data, from, to, length, UtcNow).OrderBy(s => s.StartUtc).ThenBy(s => s.ClinicianId).ToList();
    }

    public static string Explain(SlotCheckResult result) => result switch
    {
        SlotCheckResult.InPast => "That time has already passed.",
        SlotCheckResult.BeyondHorizon => "That date is more than a year ahead.",
        SlotCheckResult.ClinicClosed => "The clinic is closed that day.",
        SlotCheckResult.OutsideWorkingHours => "The clinician does not work at that time.",
        SlotCheckResult.NotOnStep => "That is not one of the clinician's appointment times. Choose one of the free times shown.",
        SlotCheckResult.TimeOff => "The clinician is away at that time.",
        SlotCheckResult.Taken => "That time is taken: it overlaps another appointment.",
        SlotCheckResult.RoomTaken => "The room this treatment needs is in use at that time.",
        _ => "That time cannot be booked.",
    };
}
