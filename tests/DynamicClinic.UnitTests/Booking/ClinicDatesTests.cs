using DynamicClinic.Domain.Scheduling;

namespace DynamicClinic.UnitTests.Booking;

public class ClinicDatesTests
{
    [Theory]
    [InlineData("2026-12-01", true)]
    [InlineData("2000-01-01", true)]
    [InlineData("2100-12-31", true)]
    [InlineData("1999-12-31", false)]
    [InlineData("2101-01-01", false)]
    [InlineData("0001-01-01", false)]
    [InlineData("9999-12-31", false)]
    [InlineData("01-12-2026", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void ReadsOnlyDatesInTheClinicsRange(string? value, bool accepted)
    {
        Assert.Equal(accepted, ClinicDates.TryParse(value, out var date));
        Assert.Equal(accepted ? DateOnly.ParseExact(value!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : default, date);
        Assert.Equal(accepted, ClinicDates.ParseOrNull(value) is not null);
    }

    [Fact]
    public void TheEndsOfTheCalendarAreNotSane()
    {
        Assert.False(ClinicDates.IsSane(DateTime.MinValue));
        Assert.False(ClinicDates.IsSane(DateTime.MaxValue));
        Assert.True(ClinicDates.IsSane(new DateTime(2026, 11, 27, 5, 0, 0, DateTimeKind.Utc)));
    }
}
