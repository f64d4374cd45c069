using DynamicClinic.Domain.Scheduling;
using static DynamicClinic.UnitTests.Booking.TestClinic;

namespace DynamicClinic.UnitTests.Booking;

/// <summary>The working hours behind utilisation (<see cref="WorkingTime.Between"/>): the regular week less closures and time off.</summary>
public class WorkingTimeTests
{
    private static readonly HashSet<DateOnly> NoClosures = [];

    [Fact]
    public void AWeekOfTheRegularScheduleIsSevenHoursAWorkingDay()
    {
        // Monday 2 March to Sunday 8 March 2026: five days of 09:00-13:00 and 14:00-17:00.
        Assert.Equal(TimeSpan.FromHours(35), WorkingTime.Between(Weekdays(), Monday, Monday.AddDays(6), NoClosures, Karachi));
    }

    [Fact]
    public void AClosedDayCountsNothing()
    {
        Assert.Equal(TimeSpan.FromHours(28), WorkingTime.Between(Weekdays(), Monday, Monday.AddDays(6), new HashSet<DateOnly> { Tuesday }, Karachi));
    }

    [Fact]
    public void TimeOffIsTakenOffOnlyWhereItMeetsWorkingHoursAndOverlapsCountOnce()
    {
        // 12:00-15:00 and 12:30-14:30 on Monday: the same hour before lunch and the hour after it; lunch was never work.
        var schedule = Weekdays(1, new UtcRange(At(Monday, 12), At(Monday, 15)), new UtcRange(At(Monday, 12, 30), At(Monday, 14, 30)));

        Assert.Equal(TimeSpan.FromHours(5), WorkingTime.Between(schedule, Monday, Monday, NoClosures, Karachi));
    }

    [Fact]
    public void AnEndOfMidnightRunsToTheEndOfTheDay()
    {
        var late = Hours(1, new WeeklyInterval(DayOfWeek.Monday, new TimeOnly(20, 0), TimeOnly.MinValue));

        Assert.Equal(TimeSpan.FromHours(4), WorkingTime.Between(late, Monday, Monday, NoClosures, Karachi));
    }
}
