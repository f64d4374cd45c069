using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.TestSupport;
using static DynamicClinic.UnitTests.Booking.TestClinic;

namespace DynamicClinic.UnitTests.Booking;

public class BusyTimeTests
{
    private static Appointment AppointmentAt(int hour, AppointmentStatus status) =>
        RecordedAppointments.Recorded(RecordedAppointments.Known(1), 1, 1, At(Monday, hour, 0), TimeSpan.FromMinutes(30), status);

    [Fact]
    public void FromAppointmentsKeepsEveryAppointmentThatHoldsTimeButNotCancelledOrNoShowOnes()
    {
        var appointments = Enum.GetValues<AppointmentStatus>().Select((status, i) => AppointmentAt(9 + i, status)).ToList();

        var busy = BusyTime.FromAppointments(appointments);

        Assert.Equal(appointments.Count - 2, busy.Count);
        Assert.DoesNotContain(At(Monday, 9 + (int)AppointmentStatus.Cancelled, 0), busy.Select(b => b.StartUtc));
        Assert.DoesNotContain(At(Monday, 9 + (int)AppointmentStatus.NoShow, 0), busy.Select(b => b.StartUtc));
    }

    [Fact]
    public void CancelledAppointmentDoesNotBlockItsSlot()
    {
        var busy = BusyTime.FromAppointments([AppointmentAt(9, AppointmentStatus.Cancelled), AppointmentAt(10, AppointmentStatus.Booked)]);

        var slots = Calculator().FindSlots(DataFor(Weekdays(), busy), Monday, Monday, HalfHour, Now);

        Assert.Equal(["09:00", "09:15", "09:30", "10:30"], LocalStarts(slots).Take(4));
    }
}
