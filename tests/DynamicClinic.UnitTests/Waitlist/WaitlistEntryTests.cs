using DynamicClinic.Domain.Waitlist;

namespace DynamicClinic.UnitTests.Waitlist;

/// <summary>Whether a freed time suits a waitlist entry: clinician, weekday, window and end date.</summary>
public class WaitlistEntryTests
{
    private static readonly DateTime TuesdayTen = new(2026, 12, 1, 10, 0, 0);

    private static WaitlistEntry Entry(string clinicians = "") => new()
    {
        ClinicianIds = clinicians,
        Days = WaitlistEntry.DaysFrom([DayOfWeek.Tuesday, DayOfWeek.Thursday]),
        EarliestTime = new TimeOnly(10, 0),
        LatestTime = new TimeOnly(12, 0),
        UntilDate = new DateOnly(2026, 12, 10),
    };

    [Fact]
    public void ATimeInsideTheWindowOnAWantedDaySuits() =>
        Assert.True(Entry().Suits(3, TuesdayTen, TuesdayTen.AddMinutes(45)));

    [Theory]
    [InlineData(-30, 30)]
    [InlineData(90, 150)]
    [InlineData(24 * 60, (24 * 60) + 30)]
    public void ATimeOutsideTheWindowOrOnAnotherDayDoesNot(int fromMinutes, int toMinutes) =>
        Assert.False(Entry().Suits(3, TuesdayTen.AddMinutes(fromMinutes), TuesdayTen.AddMinutes(toMinutes)));

    [Fact]
    public void OnlyTheCliniciansAskedForAndNotAfterTheEndDate()
    {
        Assert.True(Entry("2,3").Suits(3, TuesdayTen, TuesdayTen.AddMinutes(30)));
        Assert.False(Entry("2,4").Suits(3, TuesdayTen, TuesdayTen.AddMinutes(30)));
        Assert.False(Entry().Suits(3, TuesdayTen.AddDays(14), TuesdayTen.AddDays(14).AddMinutes(30)));
    }

    [Fact]
    public void AnEntryNoLongerWaitingSuitsNothing() =>
        Assert.False(new WaitlistEntry { Days = 127, LatestTime = new TimeOnly(23, 0), UntilDate = DateOnly.MaxValue, Status = WaitlistStatus.Booked }
            .Suits(1, TuesdayTen, TuesdayTen.AddMinutes(30)));

    [Fact]
    public void ProblemsNameTheirFields()
    {
        var today = new DateOnly(2026, 11, 27);
        var problems = WaitlistEntry.Problems(0, new TimeOnly(12, 0), new TimeOnly(11, 0), today.AddDays(-1), today);

        Assert.Equal(["Days", "LatestTime", "UntilDate"], problems.Keys.Order());
    }
}
