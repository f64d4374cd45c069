using DynamicClinic.Domain.Scheduling;
using static DynamicClinic.UnitTests.Booking.TestClinic;

namespace DynamicClinic.UnitTests.Booking;

/// <summary>
/// Daylight saving, with a night clinic (Sunday 00:00-04:00) so the change falls inside working hours.
/// London: 29 March 2026 01:00 GMT jumps to 02:00 BST; 25 October 2026 02:00 BST goes back to 01:00 GMT.
/// New York: 8 March 2026 02:00 EST jumps to 03:00 EDT; 1 November 2026 02:00 EDT goes back to 01:00 EST.
/// </summary>
public class AvailabilityCalculatorDaylightSavingTests
{
    private static readonly DateOnly LondonSpringForward = new(2026, 3, 29);
    private static readonly DateOnly LondonFallBack = new(2026, 10, 25);
    private static readonly DateOnly NewYorkSpringForward = new(2026, 3, 8);
    private static readonly DateOnly NewYorkFallBack = new(2026, 11, 1);

    private static readonly AvailabilityRules NoNotice = AvailabilityRules.Default with { MinimumNotice = TimeSpan.Zero };

    private static AvailabilityData SundayNights(int startHour = 0, int startMinute = 0, int endHour = 4, int endMinute = 0) =>
        DataFor(Hours(1, new WeeklyInterval(DayOfWeek.Sunday, new TimeOnly(startHour, startMinute), new TimeOnly(endHour, endMinute))));

    private static IReadOnlyList<Slot> SlotsOn(TimeZoneInfo zone, DateOnly date, AvailabilityData data) =>
        Calculator(NoNotice, zone).FindSlots(data, date, date, HalfHour, nowUtc: date.AddDays(-7).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    private static DateTime[] Every15Minutes(DateTime firstUtc, DateTime lastUtc) =>
        [.. Enumerable.Range(0, (int)((lastUtc - firstUtc).TotalMinutes / 15) + 1).Select(i => firstUtc.AddMinutes(i * 15))];

    [Fact]
    public void SkipsWallTimesThatDoNotExistWhenLondonSpringsForward()
    {
        var slots = SlotsOn(London, LondonSpringForward, SundayNights());

        Assert.Equal(
            [.. Every15Minutes(Utc(2026, 3, 29, 0, 0), Utc(2026, 3, 29, 0, 45)), .. Every15Minutes(Utc(2026, 3, 29, 1, 0), Utc(2026, 3, 29, 2, 30))],
            slots.Select(slot => slot.StartUtc));
        Assert.Equal([.. Times("00:00", "00:45"), .. Times("02:00", "03:30")], LocalStarts(slots, London));
    }

    [Fact]
    public void KeepsTheRealLengthOfASlotAcrossTheJump()
    {
        var slots = SlotsOn(London, LondonSpringForward, SundayNights());

        // 00:45 GMT plus 30 real minutes is 02:15 BST on the wall.
        var acrossTheJump = Assert.Single(slots, slot => slot.StartUtc == Utc(2026, 3, 29, 0, 45));
        Assert.Equal("02:15", LocalTime(acrossTheJump.EndUtc, London));
        Assert.All(slots, slot => Assert.Equal(HalfHour, slot.EndUtc - slot.StartUtc));
    }

    [Fact]
    public void UsesTheFirstOccurrenceOfRepeatedWallTimesWhenLondonFallsBack()
    {
        var slots = SlotsOn(London, LondonFallBack, SundayNights());

        // 00:00-01:45 BST are 23:00-00:45 UTC; 02:00-03:30 GMT are 02:00-03:30 UTC; 01:00-01:45 GMT are not offered.
        Assert.Equal(
            [.. Every15Minutes(Utc(2026, 10, 24, 23, 0), Utc(2026, 10, 25, 0, 45)), .. Every15Minutes(Utc(2026, 10, 25, 2, 0), Utc(2026, 10, 25, 3, 30))],
            slots.Select(slot => slot.StartUtc));
        Assert.Equal(Times("00:00", "03:30"), LocalStarts(slots, London));
        Assert.All(slots, slot => Assert.Equal(HalfHour, slot.EndUtc - slot.StartUtc));
    }

    [Fact]
    public void CheckAcceptsOnlyTheFirstOccurrenceOfARepeatedWallTime()
    {
        var calculator = Calculator(NoNotice, London);
        var now = Utc(2026, 10, 18, 0, 0);
        var data = SundayNights();

        // 01:30 on the wall happens at 00:30 UTC (BST) and again at 01:30 UTC (GMT).
        Assert.Equal(SlotCheckResult.Ok, calculator.Check(data, new Slot(1, Utc(2026, 10, 25, 0, 30), Utc(2026, 10, 25, 1, 0)), now));
        Assert.Equal(SlotCheckResult.NotOnStep, calculator.Check(data, new Slot(1, Utc(2026, 10, 25, 1, 30), Utc(2026, 10, 25, 2, 0)), now));
    }

    [Fact]
    public void SkipsWallTimesThatDoNotExistWhenNewYorkSpringsForward()
    {
        var slots = SlotsOn(NewYork, NewYorkSpringForward, SundayNights());

        // 00:00-01:45 EST are 05:00-06:45 UTC; 03:00-03:30 EDT are 07:00-07:30 UTC, ending by 04:00 EDT (08:00 UTC).
        Assert.Equal(
            [.. Every15Minutes(Utc(2026, 3, 8, 5, 0), Utc(2026, 3, 8, 6, 45)), .. Every15Minutes(Utc(2026, 3, 8, 7, 0), Utc(2026, 3, 8, 7, 30))],
            slots.Select(slot => slot.StartUtc));
    }

    [Fact]
    public void UsesTheFirstOccurrenceOfRepeatedWallTimesWhenNewYorkFallsBack()
    {
        var slots = SlotsOn(NewYork, NewYorkFallBack, SundayNights());

        // 00:00-01:45 EDT are 04:00-05:45 UTC; 02:00-03:30 EST are 07:00-08:30 UTC.
        Assert.Equal(
            [.. Every15Minutes(Utc(2026, 11, 1, 4, 0), Utc(2026, 11, 1, 5, 45)), .. Every15Minutes(Utc(2026, 11, 1, 7, 0), Utc(2026, 11, 1, 8, 30))],
            slots.Select(slot => slot.StartUtc));
        Assert.All(slots, slot => Assert.Equal(HalfHour, slot.EndUtc - slot.StartUtc));
    }

    [Fact]
    public void IntervalStartingInTheGapStartsWhenTheClocksJump()
    {
        var slots = SlotsOn(NewYork, NewYorkSpringForward, SundayNights(startHour: 2, startMinute: 30, endHour: 5));

        // 02:30 and 02:45 do not exist; 03:00 EDT (07:00 UTC) is still on the step from 02:30.
        Assert.Equal(Times("03:00", "04:30"), LocalStarts(slots, NewYork));
        Assert.Equal(Utc(2026, 3, 8, 7, 0), slots[0].StartUtc);
    }

    [Fact]
    public void IntervalEndingInTheGapEndsWhenTheClocksJump()
    {
        var slots = SlotsOn(London, LondonSpringForward, SundayNights(endHour: 1, endMinute: 30));

        Assert.Equal(Times("00:00", "00:30"), LocalStarts(slots, London));
        Assert.Equal(Utc(2026, 3, 29, 1, 0), slots[^1].EndUtc);
    }

    [Fact]
    public void UsesTheOffsetOfEachDate()
    {
        var schedule = Hours(
            1,
            new WeeklyInterval(DayOfWeek.Friday, new TimeOnly(9, 0), new TimeOnly(9, 30)),
            new WeeklyInterval(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(9, 30)));

        var slots = Calculator(NoNotice, London).FindSlots(DataFor(schedule), new DateOnly(2026, 3, 27), new DateOnly(2026, 3, 30), HalfHour, Utc(2026, 3, 20, 0, 0));

        // 09:00 GMT before the change, 09:00 BST (08:00 UTC) after it.
        Assert.Equal([Utc(2026, 3, 27, 9, 0), Utc(2026, 3, 30, 8, 0)], slots.Select(slot => slot.StartUtc));
    }

    [Fact]
    public void LoadWindowFollowsTheOffsetAtEachEnd()
    {
        var window = Calculator(NoNotice, London).LoadWindowUtc(new DateOnly(2026, 3, 28), LondonSpringForward);

        Assert.Equal(new UtcRange(Utc(2026, 3, 28, 0, 0), Utc(2026, 3, 29, 23, 0)), window);
    }
}
