using DynamicClinic.Domain.Scheduling;

namespace DynamicClinic.UnitTests.Booking;

public class AvailabilityRulesTests
{
    [Fact]
    public void DefaultsAreAQuarterHourStepNoBufferTwoHoursNoticeAndSixtyDaysAhead()
    {
        var rules = AvailabilityRules.Default;

        Assert.Equal(TimeSpan.FromMinutes(15), rules.SlotStep);
        Assert.Equal(TimeSpan.Zero, rules.Buffer);
        Assert.Equal(TimeSpan.FromHours(2), rules.MinimumNotice);
        Assert.Equal(TimeSpan.FromDays(60), rules.Horizon);
        Assert.Empty(rules.Validate());
    }

    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(15)]
    [InlineData(20)]
    [InlineData(30)]
    [InlineData(60)]
    [InlineData(120)]
    public void AcceptsStepsThatDivideAnHourOnTheFiveMinuteGrid(int minutes) =>
        Assert.Empty((AvailabilityRules.Default with { SlotStep = TimeSpan.FromMinutes(minutes) }).Validate());

    [Theory]
    [InlineData(0)]
    [InlineData(-15)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(12)]
    [InlineData(25)]
    [InlineData(45)]
    [InlineData(90)]
    [InlineData(180)]
    public void RejectsOtherSteps(int minutes) =>
        Assert.Single((AvailabilityRules.Default with { SlotStep = TimeSpan.FromMinutes(minutes) }).Validate());

    [Fact]
    public void RejectsAStepThatIsNotWholeMinutes() =>
        Assert.Single((AvailabilityRules.Default with { SlotStep = TimeSpan.FromSeconds((15 * 60) + 30) }).Validate());

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(120)]
    public void AcceptsABufferOfWholeFiveMinutesUpToTwoHours(int minutes) =>
        Assert.Empty((AvailabilityRules.Default with { Buffer = TimeSpan.FromMinutes(minutes) }).Validate());

    [Theory]
    [InlineData(-5)]
    [InlineData(7)]
    [InlineData(125)]
    public void RejectsOtherBuffers(int minutes) =>
        Assert.Single((AvailabilityRules.Default with { Buffer = TimeSpan.FromMinutes(minutes) }).Validate());

    [Fact]
    public void RejectsNegativeNotice() =>
        Assert.Single((AvailabilityRules.Default with { MinimumNotice = TimeSpan.FromMinutes(-1) }).Validate());

    [Fact]
    public void RejectsNoticeThatIsNotShorterThanTheHorizon() =>
        Assert.Single((AvailabilityRules.Default with { MinimumNotice = TimeSpan.FromDays(2), Horizon = TimeSpan.FromDays(2) }).Validate());

    [Theory]
    [InlineData(0)]
    [InlineData(366)]
    public void RejectsAHorizonOutsideOneTo365Days(int days) =>
        Assert.Contains(
            "Horizon must be between 1 and 365 days.",
            (AvailabilityRules.Default with { Horizon = TimeSpan.FromDays(days) }).Validate());

    [Fact]
    public void ReportsEveryBrokenRule()
    {
        var rules = new AvailabilityRules
        {
            SlotStep = TimeSpan.FromMinutes(7),
            Buffer = TimeSpan.FromMinutes(-5),
            MinimumNotice = TimeSpan.FromHours(-1),
            Horizon = TimeSpan.Zero,
        };

        Assert.Equal(4, rules.Validate().Count);
    }
}
