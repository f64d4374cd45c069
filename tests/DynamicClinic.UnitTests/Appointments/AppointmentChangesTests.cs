using DynamicClinic.Domain.Appointments;

using DynamicClinic.TestSupport;

namespace DynamicClinic.UnitTests.Appointments;

public class AppointmentChangesTests
{
    private static readonly DateTime Start = new(2026, 12, 1, 5, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = new(2026, 11, 27, 5, 0, 0, DateTimeKind.Utc);

    private static Appointment Booked(int clinicianId = 1)
    {
        var appointment = Appointment.Book(
            RecordedAppointments.Known(1), new AppointmentDetails(clinicianId, 1, Start, Start.AddMinutes(30), AppointmentSource.Phone), TimeSpan.Zero, Now.AddDays(-1));
        appointment.Id = 7;
        return appointment;
    }

    [Fact]
    public void MovingWithinTheSameClinicianKeepsSharedBlocksAndTakesOnlyNewOnes()
    {
        var appointment = Booked();
        var kept = appointment.TimeBlocks.Where(b => b.StartUtc >= Start.AddMinutes(15)).ToList();
        var version = appointment.Version;

        appointment.MoveTo(1, Start.AddMinutes(15), Start.AddMinutes(45), TimeSpan.Zero, Now);

        Assert.Equal(Start.AddMinutes(15), appointment.StartUtc);
        Assert.Equal(Start.AddMinutes(45), appointment.EndUtc);
        Assert.Equal(6, appointment.TimeBlocks.Count);
        Assert.All(kept, b => Assert.Contains(b, appointment.TimeBlocks));
        Assert.Equal(
            Enumerable.Range(0, 6).Select(i => Start.AddMinutes(15 + (5 * i))),
            appointment.TimeBlocks.Select(b => b.StartUtc).Order());
        Assert.NotEqual(version, appointment.Version);
        Assert.Equal(Now, appointment.UpdatedUtc);
    }

    [Fact]
    public void MovingToAnotherClinicianTakesTheirBlocksOnly()
    {
        var appointment = Booked(clinicianId: 1);

        appointment.MoveTo(2, Start, Start.AddMinutes(30), TimeSpan.FromMinutes(10), Now);

        Assert.Equal(2, appointment.ClinicianId);
        Assert.Equal(8, appointment.TimeBlocks.Count);
        Assert.All(appointment.TimeBlocks, b => Assert.Equal(2, b.ClinicianId));
    }

    [Fact]
    public void MovingClearsTheReminderSoTheNewDayGetsOne()
    {
        var appointment = Booked();
        appointment.ReminderQueuedUtc = Now;

        appointment.MoveTo(1, Start.AddDays(1), Start.AddDays(1).AddMinutes(30), TimeSpan.Zero, Now);

        Assert.Null(appointment.ReminderQueuedUtc);
    }

    [Fact]
    public void ACancelledAppointmentCannotBeMoved()
    {
        var appointment = Booked();
        Assert.Null(appointment.ChangeStatus(AppointmentStatus.Cancelled, Now, "Patient phoned"));

        Assert.Throws<InvalidOperationException>(() => appointment.MoveTo(1, Start.AddHours(1), Start.AddHours(1).AddMinutes(30), TimeSpan.Zero, Now));
    }

    [Fact]
    public void CancellingGivesTheTimeBackAndKeepsTheReason()
    {
        var appointment = Booked();

        Assert.Null(appointment.ChangeStatus(AppointmentStatus.Cancelled, Now, "Patient phoned"));

        Assert.Equal(AppointmentStatus.Cancelled, appointment.Status);
        Assert.Equal("Patient phoned", appointment.CancellationReason);
        Assert.Empty(appointment.TimeBlocks);
    }

    [Fact]
    public void ANoShowGivesTheTimeBackWithoutACancellationReason()
    {
        var appointment = Booked();
        Assert.NotEmpty(appointment.TimeBlocks);

        Assert.Null(appointment.ChangeStatus(AppointmentStatus.NoShow, Now));

        Assert.False(appointment.HoldsTime);
        Assert.Empty(appointment.TimeBlocks);
        Assert.Null(appointment.CancellationReason);
    }

    [Fact]
    public void ARefusedStatusChangeChangesNothing()
    {
        var appointment = Booked();
        Assert.Null(appointment.ChangeStatus(AppointmentStatus.NoShow, Now));
        var version = appointment.Version;

        var refusal = appointment.ChangeStatus(AppointmentStatus.Arrived, Now.AddHours(1));

        Assert.Equal("The appointment is a no-show, so it can no longer change. Book a new appointment instead.", refusal);
        Assert.Equal(AppointmentStatus.NoShow, appointment.Status);
        Assert.Equal(version, appointment.Version);
        Assert.Equal(Now, appointment.UpdatedUtc);
    }

    [Theory]
    [InlineData(AppointmentStatus.Arrived, 1, false, false)]
    [InlineData(AppointmentStatus.Arrived, 0, false, true)]
    [InlineData(AppointmentStatus.Arrived, -1, true, true)]
    [InlineData(AppointmentStatus.Completed, 0, false, false)]
    [InlineData(AppointmentStatus.Completed, 0, true, true)]
    [InlineData(AppointmentStatus.NoShow, 0, false, false)]
    [InlineData(AppointmentStatus.NoShow, -2, true, true)]
    [InlineData(AppointmentStatus.Cancelled, 5, false, true)]
    public void StatusChangesWaitForTheirMoment(AppointmentStatus to, int daysFromToday, bool hasStarted, bool allowed)
    {
        var today = new DateOnly(2026, 11, 27);

        var refusal = AppointmentStatusRules.TimingRefusal(to, today.AddDays(daysFromToday), today, hasStarted);

        Assert.Equal(allowed, refusal is null);
    }
}
