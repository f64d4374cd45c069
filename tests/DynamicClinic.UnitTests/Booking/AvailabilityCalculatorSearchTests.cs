using DynamicClinic.Domain.Scheduling;
using static DynamicClinic.UnitTests.Booking.TestClinic;

namespace DynamicClinic.UnitTests.Booking;

/// <summary>First available, available dates, nearest slots and the load window of <see cref="AvailabilityCalculator"/>.</summary>
public class AvailabilityCalculatorSearchTests
{
    private readonly AvailabilityCalculator _calculator = Calculator();

    [Fact]
    public void FirstAvailableIsTheEarliestSlotAcrossClinicians()
    {
        var early = Hours(7, new WeeklyInterval(DayOfWeek.Monday, new TimeOnly(8, 0), new TimeOnly(9, 0)));

        var first = _calculator.FindFirstAvailable(DataFor([Weekdays(1), early]), Monday, Monday.AddDays(6), HalfHour, Now);

        Assert.Equal(new Slot(7, At(Monday, 8, 0), At(Monday, 8, 30)), first);
    }

    [Fact]
    public void FirstAvailableBreaksTiesByTheLowerClinicianId()
    {
        var first = _calculator.FindFirstAvailable(DataFor([Weekdays(3), Weekdays(2)]), Monday, Monday, HalfHour, Now);

        Assert.Equal(new Slot(2, At(Monday, 9, 0), At(Monday, 9, 30)), first);
    }

    [Fact]
    public void FirstAvailableMovesOnToTheNextDateWithAFreeSlot()
    {
        BusyTime[] busy = [Busy(Monday, 9, 0, 8 * 60, clinicianId: 1), Busy(Tuesday, 9, 0, 60, clinicianId: 1)];

        var first = _calculator.FindFirstAvailable(DataFor([Weekdays(1), Weekdays(2, new UtcRange(At(Monday, 0), At(Tuesday, 12)))], busy), Monday, Monday.AddDays(6), HalfHour, Now);

        Assert.Equal(new Slot(1, At(Tuesday, 10, 0), At(Tuesday, 10, 30)), first);
    }

    [Fact]
    public void FirstAvailableIsNullWhenNobodyIsFree()
    {
        var saturday = Monday.AddDays(5);

        Assert.Null(_calculator.FindFirstAvailable(DataFor([Weekdays(1), Weekdays(2)]), saturday, saturday.AddDays(1), HalfHour, Now));
    }

    [Fact]
    public void AvailableDatesListOnlyDatesWithAFreeSlot()
    {
        var wednesday = Monday.AddDays(2);
        var thursday = Monday.AddDays(3);
        var friday = Monday.AddDays(4);
        var schedule = Weekdays(1, new UtcRange(At(thursday, 0), At(friday, 0)));

        var dates = _calculator.FindAvailableDates(
            DataFor(schedule, [Busy(friday, 9, 0, 8 * 60)], closures: [wednesday]),
            Monday,
            Monday.AddDays(6),
            HalfHour,
            Now);

        Assert.Equal([Monday, Tuesday], dates);
    }

    [Fact]
    public void AvailableDatesCombineSeveralClinicians()
    {
        var onLeaveTuesday = Weekdays(1, new UtcRange(At(Tuesday, 0), At(Tuesday.AddDays(1), 0)));
        var tuesdaysOnly = Hours(2, new WeeklyInterval(DayOfWeek.Tuesday, new TimeOnly(9, 0), new TimeOnly(12, 0)));

        var dates = _calculator.FindAvailableDates(DataFor([onLeaveTuesday, tuesdaysOnly]), Monday, Monday.AddDays(2), HalfHour, Now);

        Assert.Equal([Monday, Tuesday, Monday.AddDays(2)], dates);
    }

    [Fact]
    public void AvailableDatesStopAtTheHorizon()
    {
        var calculator = Calculator(AvailabilityRules.Default with { Horizon = TimeSpan.FromDays(3) });

        var dates = calculator.FindAvailableDates(DataFor(Weekdays()), Monday, Monday.AddDays(30), HalfHour, Now);

        // Now is Sunday 05:00 in Karachi; three days later is Wednesday 05:00, before the first slot.
        Assert.Equal([Monday, Tuesday], dates);
    }

    [Fact]
    public void NearestSlotsAreTheClosestOnEitherSideOfATakenTime()
    {
        var slots = _calculator.FindNearestSlots(
            DataFor(Weekdays(), [Busy(Monday, 10, 0, 30)]), Monday, Tuesday, HalfHour, Now, aroundUtc: At(Monday, 10, 0), count: 3);

        // 09:30 and 10:30 are 30 minutes away; 09:15 and 10:45 tie at 45, and the earlier one wins.
        Assert.Equal(["09:15", "09:30", "10:30"], LocalStarts(slots));
    }

    [Fact]
    public void NearestSlotsLookAcrossDates()
    {
        var slots = _calculator.FindNearestSlots(
            DataFor(Weekdays(), [Busy(Monday, 9, 0, 8 * 60)]), Monday, Tuesday, HalfHour, Now, aroundUtc: At(Monday, 16, 30), count: 2);

        Assert.Equal([At(Tuesday, 9, 0), At(Tuesday, 9, 15)], slots.Select(slot => slot.StartUtc));
    }

    [Fact]
    public void NearestSlotsReturnFewerWhenFewerAreFree()
    {
        var schedule = Hours(1, new WeeklyInterval(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(10, 0)));

        var slots = _calculator.FindNearestSlots(DataFor(schedule), Monday, Monday, HalfHour, Now, At(Monday, 9, 20), count: 5);

        Assert.Equal(["09:00", "09:15", "09:30"], LocalStarts(slots));
    }

    [Fact]
    public void NearestSlotsIncludeSeveralClinicians()
    {
        var slots = _calculator.FindNearestSlots(
            DataFor([Weekdays(1), Weekdays(2)], [Busy(Monday, 10, 0, 30, clinicianId: 1)]), Monday, Monday, HalfHour, Now, At(Monday, 10, 0), count: 3);

        // Clinician 1 is booked at 10:00, so clinician 2's times around it are the nearest.
        Assert.Equal(
            [
                new Slot(2, At(Monday, 9, 45), At(Monday, 10, 15)),
                new Slot(2, At(Monday, 10, 0), At(Monday, 10, 30)),
                new Slot(2, At(Monday, 10, 15), At(Monday, 10, 45)),
            ],
            slots);
    }

    [Fact]
    public void LoadWindowCoversTheRequestedDatesWidenedByTheBuffer()
    {
        var calculator = Calculator(AvailabilityRules.Default with { Buffer = TimeSpan.FromMinutes(15) });

        var window = calculator.LoadWindowUtc(Monday, Tuesday);

        // Midnight in Karachi is 19:00 UTC the day before.
        Assert.Equal(new UtcRange(Utc(2026, 3, 1, 18, 45), Utc(2026, 3, 3, 19, 15)), window);
    }
}
