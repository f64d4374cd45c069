using DynamicClinic.Domain.Scheduling;
using static DynamicClinic.UnitTests.Booking.TestClinic;

namespace DynamicClinic.UnitTests.Booking;

/// <summary>Which slots <see cref="AvailabilityCalculator.FindSlots"/> offers (daylight saving has its own class).</summary>
public class AvailabilityCalculatorTests
{
    private readonly AvailabilityCalculator _calculator = Calculator();

    [Fact]
    public void OffersSlotsOnTheStepThroughEachWorkingIntervalInUtc()
    {
        var slots = _calculator.FindSlots(DataFor(Weekdays()), Monday, Monday, HalfHour, Now);

        Assert.Equal([.. Times("09:00", "12:30"), .. Times("14:00", "16:30")], LocalStarts(slots));
        Assert.Equal(new Slot(1, Utc(2026, 3, 2, 4, 0), Utc(2026, 3, 2, 4, 30)), slots[0]);
        Assert.All(slots, slot => Assert.Equal(DateTimeKind.Utc, slot.StartUtc.Kind));
    }

    [Fact]
    public void LeavesTheBreakBetweenIntervalsFree()
    {
        var slots = _calculator.FindSlots(DataFor(Weekdays()), Monday, Monday, HalfHour, Now);

        Assert.DoesNotContain(slots, slot => slot.StartUtc < At(Monday, 14, 0) && slot.EndUtc > At(Monday, 13, 0));
    }

    [Fact]
    public void OffersNoSlotsOnDaysWithoutWorkingHours()
    {
        var saturday = Monday.AddDays(5);

        Assert.Empty(_calculator.FindSlots(DataFor(Weekdays()), saturday, saturday.AddDays(1), HalfHour, Now));
    }

    [Fact]
    public void ReturnsNoSlotsWhenClinicianIsOnLeave()
    {
        var leave = new UtcRange(At(Monday, 0, 0), At(Tuesday, 0, 0));

        var slots = _calculator.FindSlots(DataFor(Weekdays(1, leave)), Monday, Tuesday, HalfHour, Now);

        Assert.All(slots, slot => Assert.True(slot.StartUtc >= At(Tuesday, 9, 0)));
        Assert.Equal(26, slots.Count);
    }

    [Fact]
    public void SkipsOnlySlotsThatOverlapPartialTimeOff()
    {
        var training = new UtcRange(At(Monday, 10, 0), At(Monday, 11, 0));

        var slots = _calculator.FindSlots(DataFor(Weekdays(1, training)), Monday, Monday, HalfHour, Now);

        Assert.Equal(["09:00", "09:15", "09:30", "11:00", "11:15"], LocalStarts(slots).Take(5));
    }

    [Fact]
    public void OffersNoSlotsOnAClinicClosure()
    {
        var slots = _calculator.FindSlots(DataFor(Weekdays(), closures: [Monday]), Monday, Tuesday, HalfHour, Now);

        Assert.Equal(26, slots.Count);
        Assert.All(slots, slot => Assert.True(slot.StartUtc >= At(Tuesday, 9, 0)));
    }

    [Fact]
    public void SkipsSlotsThatOverlapAnAppointment()
    {
        var slots = _calculator.FindSlots(DataFor(Weekdays(), [Busy(Monday, 10, 0, 30)]), Monday, Monday, HalfHour, Now);

        Assert.Equal(["09:00", "09:15", "09:30", "10:30", "10:45"], LocalStarts(slots).Take(5));
    }

    [Fact]
    public void LongerAppointmentBlocksAnEarlierShorterSlot()
    {
        // A 60-minute booking at 09:15 leaves no room for a 30-minute slot at 09:00.
        var slots = _calculator.FindSlots(DataFor(Weekdays(), [Busy(Monday, 9, 15, 60)]), Monday, Monday, HalfHour, Now);

        Assert.Equal("10:15", LocalTime(slots[0].StartUtc));
    }

    [Fact]
    public void SweepsAppointmentsGivenInAnyOrderEvenWhenTheyOverlap()
    {
        BusyTime[] busy = [Busy(Monday, 10, 0, 60), Busy(Monday, 9, 0, 30), Busy(Monday, 10, 30, 60), Busy(Monday, 10, 45, 15)];

        var slots = _calculator.FindSlots(DataFor(Weekdays(), busy), Monday, Monday, HalfHour, Now);

        Assert.Equal(["09:30", "11:30", "11:45"], LocalStarts(slots).Take(3));
    }

    [Fact]
    public void IgnoresAppointmentsOfOtherClinicians()
    {
        var slots = _calculator.FindSlots(DataFor(Weekdays(1), [Busy(Monday, 9, 0, 240, clinicianId: 2)]), Monday, Monday, HalfHour, Now);

        Assert.Equal("09:00", LocalTime(slots[0].StartUtc));
    }

    [Fact]
    public void BufferKeepsTimeFreeAfterAppointmentsAndAfterTheNewSlot()
    {
        var calculator = Calculator(AvailabilityRules.Default with { Buffer = TimeSpan.FromMinutes(15) });

        var slots = calculator.FindSlots(DataFor(Weekdays(), [Busy(Monday, 10, 0, 30)]), Monday, Monday, HalfHour, Now);

        // 09:30 would end at 10:00 with no buffer before the appointment; 10:30 is inside the appointment's buffer.
        Assert.Equal(["09:00", "09:15", "10:45", "11:00"], LocalStarts(slots).Take(4));
    }

    [Fact]
    public void BufferMayRunPastTheEndOfWorkingHours()
    {
        var calculator = Calculator(AvailabilityRules.Default with { Buffer = TimeSpan.FromMinutes(15) });

        var slots = calculator.FindSlots(DataFor(Weekdays()), Monday, Monday, HalfHour, Now);

        Assert.Contains("12:30", LocalStarts(slots));
        Assert.Equal("16:30", LocalTime(slots[^1].StartUtc));
    }

    [Fact]
    public void AlignsStartsToTheStartOfEachInterval()
    {
        var schedule = Hours(1, new WeeklyInterval(DayOfWeek.Monday, new TimeOnly(9, 10), new TimeOnly(10, 0)));

        var slots = _calculator.FindSlots(DataFor(schedule), Monday, Monday, HalfHour, Now);

        Assert.Equal(["09:10", "09:25"], LocalStarts(slots));
    }

    [Fact]
    public void OffersOnlySlotsThatFitInsideOneInterval()
    {
        var schedule = Hours(
            1,
            new WeeklyInterval(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(10, 0)),
            new WeeklyInterval(DayOfWeek.Monday, new TimeOnly(10, 0), new TimeOnly(11, 0)));

        var slots = _calculator.FindSlots(DataFor(schedule), Monday, Monday, TimeSpan.FromMinutes(45), Now);

        Assert.Equal(["09:00", "09:15", "10:00", "10:15"], LocalStarts(slots));
    }

    [Fact]
    public void MergesOverlappingWorkingIntervals()
    {
        var schedule = Hours(
            1,
            new WeeklyInterval(DayOfWeek.Monday, new TimeOnly(10, 0), new TimeOnly(12, 0)),
            new WeeklyInterval(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(11, 0)));

        var slots = _calculator.FindSlots(DataFor(schedule), Monday, Monday, HalfHour, Now);

        Assert.Equal(Times("09:00", "11:30"), LocalStarts(slots));
    }

    [Fact]
    public void TreatsWorkingHoursEndingAtMidnightAsTheEndOfTheDay()
    {
        var schedule = Hours(1, new WeeklyInterval(DayOfWeek.Monday, new TimeOnly(22, 0), TimeOnly.MinValue));

        var slots = _calculator.FindSlots(DataFor(schedule), Monday, Tuesday, HalfHour, Now);

        Assert.Equal(Times("22:00", "23:30"), LocalStarts(slots));
        Assert.Equal(At(Tuesday, 0, 0), slots[^1].EndUtc);
    }

    [Fact]
    public void HidesSlotsStartingWithinTheMinimumNotice()
    {
        var slots = _calculator.FindSlots(DataFor(Weekdays()), Monday, Monday, HalfHour, nowUtc: At(Monday, 9, 40));

        Assert.Equal("11:45", LocalTime(slots[0].StartUtc));
    }

    [Fact]
    public void HidesSlotsStartingAfterTheHorizon()
    {
        var calculator = Calculator(AvailabilityRules.Default with { MinimumNotice = TimeSpan.Zero, Horizon = TimeSpan.FromDays(1) });

        var slots = calculator.FindSlots(DataFor(Weekdays()), Monday, Monday.AddDays(7), HalfHour, nowUtc: At(Monday, 9, 0));

        Assert.Equal(new Slot(1, At(Monday, 9, 0), At(Monday, 9, 30)), slots[0]);
        Assert.Equal(new Slot(1, At(Tuesday, 9, 0), At(Tuesday, 9, 30)), slots[^1]);
    }

    [Fact]
    public void OrdersSlotsOfSeveralCliniciansByStartThenClinician()
    {
        var slots = _calculator.FindSlots(DataFor([Weekdays(2), Weekdays(1)]), Monday, Monday, HalfHour, Now);

        Assert.Equal(52, slots.Count);
        Assert.Equal([1, 2, 1, 2], slots.Take(4).Select(slot => slot.ClinicianId));
        Assert.Equal(
            slots.OrderBy(slot => slot.StartUtc).ThenBy(slot => slot.ClinicianId),
            slots);
    }

    [Fact]
    public void ReturnsNoSlotsWhenFromIsAfterTo() =>
        Assert.Empty(_calculator.FindSlots(DataFor(Weekdays()), Tuesday, Monday, HalfHour, Now));

    [Fact]
    public void RejectsADurationThatIsNotPositive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _calculator.FindSlots(DataFor(Weekdays()), Monday, Monday, TimeSpan.Zero, Now));

    [Fact]
    public void RejectsLocalTimesForNow() =>
        Assert.Throws<ArgumentException>(() => _calculator.FindSlots(DataFor(Weekdays()), Monday, Monday, HalfHour, DateTime.SpecifyKind(Now, DateTimeKind.Local)));

    [Fact]
    public void ReadsUnspecifiedTimesAsUtc()
    {
        var slots = _calculator.FindSlots(DataFor(Weekdays()), Monday, Monday, HalfHour, DateTime.SpecifyKind(At(Monday, 9, 40), DateTimeKind.Unspecified));

        Assert.Equal("11:45", LocalTime(slots[0].StartUtc));
    }

    [Fact]
    public void RejectsTheSameClinicianTwice() =>
        Assert.Throws<ArgumentException>(() => _calculator.FindSlots(DataFor([Weekdays(1), Weekdays(1)]), Monday, Monday, HalfHour, Now));

    [Fact]
    public void RejectsInvalidRules() =>
        Assert.Throws<ArgumentException>(() => Calculator(AvailabilityRules.Default with { SlotStep = TimeSpan.FromMinutes(7) }));
}
