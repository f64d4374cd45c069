using DynamicClinic.Domain.Appointments;

namespace DynamicClinic.UnitTests.Appointments;

public class AppointmentStatusRulesTests
{
    [Theory]
    [InlineData(AppointmentStatus.Booked, AppointmentStatus.Arrived)]
    [InlineData(AppointmentStatus.Arrived, AppointmentStatus.Completed)]
    [InlineData(AppointmentStatus.Booked, AppointmentStatus.NoShow)]
    [InlineData(AppointmentStatus.Booked, AppointmentStatus.Cancelled)]
    [InlineData(AppointmentStatus.Arrived, AppointmentStatus.Cancelled)]
    public void AllowsTheClinicsTransitions(AppointmentStatus from, AppointmentStatus to)
    {
        Assert.True(AppointmentStatusRules.CanChange(from, to));
        Assert.Null(AppointmentStatusRules.Refusal(from, to));
    }

    [Fact]
    public void RefusesEveryOtherTransition()
    {
        var allowed = new HashSet<(AppointmentStatus, AppointmentStatus)>
        {
            (AppointmentStatus.Booked, AppointmentStatus.Arrived),
            (AppointmentStatus.Arrived, AppointmentStatus.Completed),
            (AppointmentStatus.Booked, AppointmentStatus.NoShow),
            (AppointmentStatus.Booked, AppointmentStatus.Cancelled),
            (AppointmentStatus.Arrived, AppointmentStatus.Cancelled),
        };

        foreach (var from in Enum.GetValues<AppointmentStatus>())
        {
            foreach (var to in Enum.GetValues<AppointmentStatus>())
            {
                Assert.Equal(allowed.Contains((from, to)), AppointmentStatusRules.CanChange(from, to));
            }
        }
    }

    [Theory]
    [InlineData(AppointmentStatus.Completed)]
    [InlineData(AppointmentStatus.NoShow)]
    [InlineData(AppointmentStatus.Cancelled)]
    public void FinalStatusesExplainThatANewAppointmentIsNeeded(AppointmentStatus final)
    {
        Assert.True(AppointmentStatusRules.IsFinal(final));
        Assert.Contains("can no longer change", AppointmentStatusRules.Refusal(final, AppointmentStatus.Booked), StringComparison.Ordinal);
    }

    [Fact]
    public void RefusalNamesBothStatusesInPlainWords()
    {
        Assert.Equal("An appointment that is booked cannot be marked completed.",
            AppointmentStatusRules.Refusal(AppointmentStatus.Booked, AppointmentStatus.Completed));
        Assert.Equal("The appointment is already arrived.",
            AppointmentStatusRules.Refusal(AppointmentStatus.Arrived, AppointmentStatus.Arrived));
    }

    [Fact]
    public void NoShowIsOfferedOnlyOnceTheStartHasPassed()
    {
        var today = new DateOnly(2026, 11, 27);

        var beforeStart = AppointmentStatusRules.OfferedNow(AppointmentStatus.Booked, today, today, hasStarted: false);
        var afterStart = AppointmentStatusRules.OfferedNow(AppointmentStatus.Booked, today, today, hasStarted: true);
        var tomorrow = AppointmentStatusRules.OfferedNow(AppointmentStatus.Booked, today.AddDays(1), today, hasStarted: false);

        Assert.Equal([AppointmentStatus.Arrived], beforeStart);
        Assert.Equal([AppointmentStatus.Arrived, AppointmentStatus.NoShow], afterStart);
        Assert.Empty(tomorrow);
        Assert.Empty(AppointmentStatusRules.OfferedNow(AppointmentStatus.Completed, today, today, hasStarted: true));
    }
}
