using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Scheduling;

namespace DynamicClinic.Web.Features.Scheduling;

/// <summary>Whose rules a time is checked by.</summary>
public enum BookingRules
{
    /// <summary>A patient online: minimum notice and the online horizon apply; messages speak to the patient.</summary>
    Online = 0,

    /// <summary>Reception and clinicians: no minimum notice, a year ahead; messages speak to staff.</summary>
    Desk = 1,
}

/// <summary>
/// The one slot check every path uses: the rules against fresh data, then, when the time is taken, the nearest free
/// times. What makes double booking impossible is still the time-block key (docs/decisions/0003-double-booking.md).
/// </summary>
public sealed class SlotRules(AvailabilityQuery availability, ReceptionScheduling desk)
{
    public DateTime UtcNow => availability.UtcNow;

    public DateOnly Today => availability.Today;

    public TimeSpan Buffer => availability.Calculator.Rules.Buffer;

    public TimeZoneInfo ClinicTimeZone => availability.Calculator.ClinicTimeZone;

    public Task<int?> RoomOfTreatmentAsync(int treatmentId, CancellationToken cancellationToken) => availability.RoomOfTreatmentAsync(treatmentId, cancellationToken);

    public AvailabilityCalculator Calculator(BookingRules rules) => rules == BookingRules.Online ? availability.Calculator : desk.Calculator;

    /// <summary>
    /// Checks times against fresh data; <paramref name="movingAppointmentId"/> does not count against itself, and
    /// <paramref name="roomId"/> (the room the treatment needs) must be free too.
    /// </summary>
    public async Task<IReadOnlyList<SlotCheckResult>> CheckAsync(IReadOnlyList<Slot> slots, BookingRules rules, int? movingAppointmentId, int? roomId, CancellationToken cancellationToken)
    {
        if (slots.Count == 0)
        {
            return [];
        }

        // Times outside what the calendar can hold (a hand-made year 1 or 9999) are refused before any date arithmetic.
        if (slots.Any(s => !IsSane(s)))
        {
            return slots.Select(s => IsSane(s) ? SlotCheckResult.Ok : SlotCheckResult.BeyondHorizon).ToList();
        }

        var calculator = Calculator(rules);
        var from = slots.Min(s => ClinicDate(s.StartUtc));
        var to = slots.Max(s => ClinicDate(s.StartUtc));
        var clinicians = slots.Select(s => s.ClinicianId).Distinct().ToList();
        var data = await availability.LoadAsync(clinicians, from, to, movingAppointmentId, roomId, cancellationToken);
        return slots.Select(s => !ClinicianTimeBlock.IsOnGrid(s.StartUtc) || !ClinicianTimeBlock.IsOnGrid(s.EndUtc)
            ? SlotCheckResult.NotOnStep
            : calculator.Check(data, s, UtcNow)).ToList();
    }

    /// <summary>The free times nearest a wanted one, within three days either side, with any of the given clinicians.</summary>
    public async Task<IReadOnlyList<Slot>> NearestAsync(Slot wanted, IReadOnlyCollection<int> clinicianIds, BookingRules rules, int? movingAppointmentId, int? roomId, CancellationToken cancellationToken)
    {
        if (!IsSane(wanted) || clinicianIds.Count == 0)
        {
            return [];
        }

        var calculator = Calculator(rules);
        var day = ClinicDate(wanted.StartUtc);
        var from = day.AddDays(-3) < Today ? Today : day.AddDays(-3);
        var to = day.AddDays(3);
        if (to < from)
        {
            return [];
        }

        var data = await availability.LoadAsync(clinicianIds, from, to, movingAppointmentId, roomId, cancellationToken);
        return calculator.FindNearestSlots(data, from, to, wanted.EndUtc - wanted.StartUtc, UtcNow, wanted.StartUtc, 6);
    }

    public DateOnly ClinicDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, ClinicTimeZone));

    /// <summary>What to say about a refused time, to a patient or to staff.</summary>
    public static string Explain(SlotCheckResult result, BookingRules rules) => rules == BookingRules.Online
        ? result switch
        {
            SlotCheckResult.InPast => "That time has already passed. Please choose another.",
            SlotCheckResult.TooSoon => "That time is too soon to book online. Please choose a later time, or call the clinic.",
            SlotCheckResult.BeyondHorizon => "That date is too far ahead to book online yet. Please choose an earlier date.",
            SlotCheckResult.ClinicClosed => "The clinic is closed that day. Please choose another date.",
            SlotCheckResult.OutsideWorkingHours or SlotCheckResult.NotOnStep => "That time is not one the clinician offers. Please choose one of the times shown.",
            SlotCheckResult.TimeOff => "The clinician is away at that time. Please choose another time.",
            SlotCheckResult.Taken or SlotCheckResult.RoomTaken => "That time was just taken. Please choose another.",
            _ => "That time can't be booked. Please choose another.",
        }
        : ReceptionScheduling.Explain(result);

    // Two days short of the calendar's ends leaves room for time-zone and window arithmetic; a clinic books nothing
    // outside these years anyway.
    private static bool IsSane(Slot slot) =>
        slot.StartUtc.Year is >= 2000 and <= 2200 && slot.EndUtc.Year is >= 2000 and <= 2200 && slot.EndUtc > slot.StartUtc;
}
