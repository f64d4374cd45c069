using DynamicClinic.Web.Features.Scheduling;

namespace DynamicClinic.UnitTests.Booking;

public class SlotValueTests
{
    [Fact]
    public void ARealTimeRoundTrips()
    {
        var slot = new SlotValue(3, new DateTime(2026, 12, 1, 5, 0, 0, DateTimeKind.Utc));

        Assert.True(SlotValue.TryParse(slot.ToString(), out var parsed));
        Assert.Equal(slot, parsed);
        Assert.Equal(DateTimeKind.Utc, parsed.StartUtc.Kind);
    }

    [Theory]
    [InlineData("1-00010101T0000Z")]
    [InlineData("1-00010101T0500Z")]
    [InlineData("1-99991231T2359Z")]
    [InlineData("1-19991231T2359Z")]
    [InlineData("1-21010101T0000Z")]
    [InlineData("1-20261301T0500Z")]
    [InlineData("-20261201T0500Z")]
    [InlineData("x-20261201T0500Z")]
    [InlineData("")]
    [InlineData(null)]
    public void TimesOutsideTheClinicsDatesOrMalformedAreRefused(string? value)
    {
        Assert.False(SlotValue.TryParse(value, out var slot));
        Assert.Equal(default, slot);
    }
}
