using DynamicClinic.Domain.Scheduling;

namespace DynamicClinic.UnitTests.Calendar;

public class DayPartTests
{
    [Theory]
    [InlineData(DayPart.Morning, 11, 45, true)]
    [InlineData(DayPart.Morning, 12, 0, false)]
    [InlineData(DayPart.Afternoon, 12, 0, true)]
    [InlineData(DayPart.Afternoon, 16, 45, true)]
    [InlineData(DayPart.Afternoon, 17, 0, false)]
    [InlineData(DayPart.Evening, 17, 0, true)]
    [InlineData(DayPart.Evening, 16, 59, false)]
    [InlineData(DayPart.Any, 8, 0, true)]
    public void APartOfTheDayHoldsTheTimesThatStartInIt(DayPart part, int hour, int minute, bool holds) =>
        Assert.Equal(holds, part.Holds(new TimeOnly(hour, minute)));
}
