using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Recalls;

namespace DynamicClinic.UnitTests.Recalls;

/// <summary>Which session of a course is due and not booked, and whether its phase is weekly or monthly.</summary>
public class RecallRulesTests
{
    private static readonly DateOnly Start = new(2026, 10, 2);

    private static PlanSession Session(int number, int days, AppointmentStatus status) => new(number, Start.AddDays(days), status);

    [Fact]
    public void NothingIsDueWhileEverySessionIsBookedOrHeld() =>
        Assert.Null(RecallRules.NextCourseSession(3, [Session(1, 0, AppointmentStatus.Completed), Session(2, 7, AppointmentStatus.Arrived), Session(3, 14, AppointmentStatus.Booked)]));

    [Fact]
    public void ACancelledWeeklySessionIsDueOnItsPlannedDate()
    {
        var due = RecallRules.NextCourseSession(3, [Session(1, 0, AppointmentStatus.Completed), Session(2, 7, AppointmentStatus.Cancelled), Session(3, 14, AppointmentStatus.Booked)]);

        Assert.Equal(new CourseRecall(2, Start.AddDays(7), Monthly: false), due);
    }

    [Fact]
    public void AMissedMonthlySessionIsMaintenance()
    {
        var due = RecallRules.NextCourseSession(2, [Session(1, 0, AppointmentStatus.Completed), Session(2, 28, AppointmentStatus.NoShow)]);

        Assert.Equal(new CourseRecall(2, Start.AddDays(28), Monthly: true), due);
    }

    [Fact]
    public void ASessionRebookedAfterACancellationIsNotDue() =>
        Assert.Null(RecallRules.NextCourseSession(2, [Session(1, 0, AppointmentStatus.Completed), Session(2, 7, AppointmentStatus.Cancelled), Session(2, 9, AppointmentStatus.Booked)]));

    [Fact]
    public void BookedOrDeclinedEndsARecallButACallDoesNot()
    {
        Assert.True(RecallRules.IsOpen(null));
        Assert.True(RecallRules.IsOpen(RecallOutcome.Called));
        Assert.False(RecallRules.IsOpen(RecallOutcome.Booked));
        Assert.False(RecallRules.IsOpen(RecallOutcome.Declined));
    }
}
