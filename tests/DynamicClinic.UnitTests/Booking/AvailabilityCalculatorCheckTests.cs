using DynamicClinic.Domain.Scheduling;
using static DynamicClinic.UnitTests.Booking.TestClinic;

namespace DynamicClinic.UnitTests.Booking;

/// <summary>Re-checking a chosen slot at confirmation time with <see cref="AvailabilityCalculator.Check"/>.</summary>
public class AvailabilityCalculatorCheckTests
{
    private readonly AvailabilityCalculator _calculator = Calculator();

    private static Slot HalfHourAt(DateOnly date, int hour, int minute, int clinicianId = 1) =>
        new(clinicianId, At(date, hour, minute), At(date, hour, minute).AddMinutes(30));

    [Fact]
    public void OkForAFreeSlotOnTheStep() =>
        Assert.Equal(SlotCheckResult.Ok, _calculator.Check(DataFor(Weekdays()), HalfHourAt(Monday, 9, 0), Now));

    [Fact]
    public void InPastOnceTheSlotHasStarted() =>
        Assert.Equal(SlotCheckResult.InPast, _calculator.Check(DataFor(Weekdays()), HalfHourAt(Monday, 9, 0), At(Monday, 9, 1)));

    [Fact]
    public void TooSoonWithinTheMinimumNotice() =>
        Assert.Equal(SlotCheckResult.TooSoon, _calculator.Check(DataFor(Weekdays()), HalfHourAt(Monday, 9, 0), At(Monday, 7, 30)));

    [Fact]
    public void BeyondHorizonWhenItStartsTooFarAhead()
    {
        // The default horizon is 60 days: Now plus 60 days is Thursday 30 April 05:00 in Karachi.
        var friday = new DateOnly(2026, 5, 1);

        Assert.Equal(SlotCheckResult.BeyondHorizon, _calculator.Check(DataFor(Weekdays()), HalfHourAt(friday, 9, 0), Now));
    }

    [Fact]
    public void ClinicClosedOnAClosure() =>
        Assert.Equal(SlotCheckResult.ClinicClosed, _calculator.Check(DataFor(Weekdays(), closures: [Monday]), HalfHourAt(Monday, 9, 0), Now));

    [Theory]
    [InlineData(8, 30)]
    [InlineData(12, 45)]
    [InlineData(13, 15)]
    [InlineData(16, 45)]
    public void OutsideWorkingHoursUnlessItFitsInsideOneInterval(int hour, int minute) =>
        Assert.Equal(SlotCheckResult.OutsideWorkingHours, _calculator.Check(DataFor(Weekdays()), HalfHourAt(Monday, hour, minute), Now));

    [Fact]
    public void OutsideWorkingHoursOnADayOff() =>
        Assert.Equal(SlotCheckResult.OutsideWorkingHours, _calculator.Check(DataFor(Weekdays()), HalfHourAt(Monday.AddDays(5), 10, 0), Now));

    [Fact]
    public void NotOnStepBetweenOfferedStartTimes() =>
        Assert.Equal(SlotCheckResult.NotOnStep, _calculator.Check(DataFor(Weekdays()), HalfHourAt(Monday, 9, 5), Now));

    [Fact]
    public void TimeOffWhenItOverlapsTheClinicianLeave()
    {
        var schedule = Weekdays(1, new UtcRange(At(Monday, 9, 20), At(Monday, 9, 40)));

        Assert.Equal(SlotCheckResult.TimeOff, _calculator.Check(DataFor(schedule), HalfHourAt(Monday, 9, 0), Now));
    }

    [Fact]
    public void TakenWhenAnotherAppointmentOverlaps() =>
        Assert.Equal(SlotCheckResult.Taken, _calculator.Check(DataFor(Weekdays(), [Busy(Monday, 9, 15, 60)]), HalfHourAt(Monday, 9, 0), Now));

    [Fact]
    public void OkWhenOnlyAnotherClinicianIsBooked() =>
        Assert.Equal(SlotCheckResult.Ok, _calculator.Check(DataFor(Weekdays(), [Busy(Monday, 9, 0, 30, clinicianId: 2)]), HalfHourAt(Monday, 9, 0), Now));

    [Theory]
    [InlineData(9, 30, SlotCheckResult.Taken)]
    [InlineData(9, 45, SlotCheckResult.Ok)]
    public void TakenWithinTheBufferAfterAnAppointment(int hour, int minute, SlotCheckResult expected)
    {
        var calculator = Calculator(AvailabilityRules.Default with { Buffer = TimeSpan.FromMinutes(15) });

        Assert.Equal(expected, calculator.Check(DataFor(Weekdays(), [Busy(Monday, 9, 0, 30)]), HalfHourAt(Monday, hour, minute), Now));
    }

    [Theory]
    [InlineData(9, 30, SlotCheckResult.Taken)]
    [InlineData(9, 15, SlotCheckResult.Ok)]
    public void TakenWhenItsOwnBufferRunsIntoTheNextAppointment(int hour, int minute, SlotCheckResult expected)
    {
        var calculator = Calculator(AvailabilityRules.Default with { Buffer = TimeSpan.FromMinutes(15) });

        Assert.Equal(expected, calculator.Check(DataFor(Weekdays(), [Busy(Monday, 10, 0, 30)]), HalfHourAt(Monday, hour, minute), Now));
    }

    [Fact]
    public void RejectsAClinicianMissingFromTheData() =>
        Assert.Throws<ArgumentException>(() => _calculator.Check(DataFor(Weekdays(1)), HalfHourAt(Monday, 9, 0, clinicianId: 2), Now));

    [Fact]
    public void RejectsASlotWithoutLength() =>
        Assert.Throws<ArgumentException>(() => _calculator.Check(DataFor(Weekdays()), new Slot(1, At(Monday, 9, 0), At(Monday, 9, 0)), Now));

    /// <summary>
    /// Every candidate start on a 5-minute UTC grid over a week, including both occurrences of repeated wall times,
    /// is <see cref="SlotCheckResult.Ok"/> exactly when <see cref="AvailabilityCalculator.FindSlots"/> offers it.
    /// </summary>
    [Theory]
    [InlineData("Asia/Karachi", 2026, 3, 5, 30)]
    [InlineData("Europe/London", 2026, 3, 26, 30)]
    [InlineData("Europe/London", 2026, 10, 22, 45)]
    [InlineData("America/New_York", 2026, 3, 5, 45)]
    [InlineData("America/New_York", 2026, 10, 29, 30)]
    public void AgreesWithFindSlotsForEveryCandidate(string zoneId, int year, int month, int day, int minutes)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var calculator = Calculator(
            new AvailabilityRules { Buffer = TimeSpan.FromMinutes(10), MinimumNotice = TimeSpan.FromHours(2), Horizon = TimeSpan.FromDays(5) },
            zone);
        var first = new DateOnly(year, month, day);
        var start = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var now = start.AddHours(10);
        var duration = TimeSpan.FromMinutes(minutes);
        var data = BusyWeek(start, closed: first.AddDays(1));

        var offered = calculator.FindSlots(data, first.AddDays(-1), first.AddDays(8), duration, now).ToHashSet();

        var seen = new HashSet<SlotCheckResult>();
        for (var candidate = start.AddDays(-1); candidate < start.AddDays(9); candidate = candidate.AddMinutes(5))
        {
            foreach (var clinicianId in new[] { 1, 2 })
            {
                var slot = new Slot(clinicianId, candidate, candidate + duration);
                var result = calculator.Check(data, slot, now);
                seen.Add(result);
                Assert.True(
                    (result == SlotCheckResult.Ok) == offered.Contains(slot),
                    $"{slot} was {result} but {(offered.Contains(slot) ? "offered" : "not offered")}.");
            }
        }

        // The week is arranged so that every outcome occurs, or the comparison would prove little.
        Assert.Equal(Enum.GetValues<SlotCheckResult>(), seen.Order());
    }

    /// <summary>Night and day intervals every day (so DST changes fall inside), time off, a closure, uneven bookings and a shared room.</summary>
    private static AvailabilityData BusyWeek(DateTime startUtc, DateOnly closed)
    {
        var everyDay = Enum.GetValues<DayOfWeek>();
        var nights = new ClinicianSchedule(
            1,
            [
                .. everyDay.SelectMany(day => new[]
                {
                    new WeeklyInterval(day, new TimeOnly(0, 0), new TimeOnly(4, 0)),
                    new WeeklyInterval(day, new TimeOnly(9, 0), new TimeOnly(12, 0)),
                    new WeeklyInterval(day, new TimeOnly(12, 0), new TimeOnly(12, 50)),
                    new WeeklyInterval(day, new TimeOnly(13, 10), new TimeOnly(17, 0)),
                    new WeeklyInterval(day, new TimeOnly(22, 0), TimeOnly.MinValue),
                }),
            ],
            [new UtcRange(startUtc.AddDays(3).AddHours(10).AddMinutes(20), startUtc.AddDays(4).AddHours(9).AddMinutes(40))]);
        var gaps = new ClinicianSchedule(
            2,
            [
                .. everyDay.SelectMany(day => new[]
                {
                    new WeeklyInterval(day, new TimeOnly(1, 30), new TimeOnly(3, 0)),
                    new WeeklyInterval(day, new TimeOnly(8, 5), new TimeOnly(18, 0)),
                }),
            ],
            []);
        var busy = Enumerable.Range(0, 60)
            .Select(i => new BusyTime(1 + (i % 2), startUtc.AddMinutes(i * 197), startUtc.AddMinutes((i * 197) + 15 + (i * 7 % 4 * 15))))
            .ToList();

        // A room the treatment needs, held now and then by other appointments: busy for both clinicians.
        var room = Enumerable.Range(0, 12)
            .Select(i => new UtcRange(startUtc.AddMinutes(600 + (i * 613)), startUtc.AddMinutes(600 + (i * 613) + 40)))
            .ToList();

        return new AvailabilityData([nights, gaps], busy, new HashSet<DateOnly> { closed }, room);
    }
}
