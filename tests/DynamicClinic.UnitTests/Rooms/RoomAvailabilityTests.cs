using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.Scheduling;
using static DynamicClinic.UnitTests.Booking.TestClinic;

namespace DynamicClinic.UnitTests.Rooms;

/// <summary>A room held by one clinician's appointment is busy for every clinician, in the check and in the search.</summary>
public class RoomAvailabilityTests
{
    private readonly AvailabilityCalculator _calculator = Calculator();

    private static AvailabilityData TwoCliniciansSharingARoom(params UtcRange[] room) =>
        new([Weekdays(1), Weekdays(2)], [], new HashSet<DateOnly>(), room);

    [Fact]
    public void ASlotOverlappingTheRoomIsRoomTakenForAnyClinician()
    {
        var data = TwoCliniciansSharingARoom(new UtcRange(At(Monday, 10), At(Monday, 11)));

        Assert.Equal(SlotCheckResult.RoomTaken, _calculator.Check(data, new Slot(2, At(Monday, 10, 30), At(Monday, 11)), Now));
        Assert.Equal(SlotCheckResult.Ok, _calculator.Check(data, new Slot(2, At(Monday, 11), At(Monday, 11, 30)), Now));
    }

    [Fact]
    public void TheSearchOffersNoClinicianTheRoomsTime()
    {
        var data = TwoCliniciansSharingARoom(new UtcRange(At(Monday, 10), At(Monday, 11)));

        var starts = _calculator.FindSlots(data, Monday, Monday, HalfHour, Now)
            .Where(s => s.StartUtc >= At(Monday, 9, 30) && s.StartUtc < At(Monday, 11, 15)).ToList();

        Assert.Equal([At(Monday, 9, 30), At(Monday, 9, 30), At(Monday, 11), At(Monday, 11)], starts.Select(s => s.StartUtc));
    }

    [Fact]
    public void AnAppointmentForARoomHoldsItsBlocksAndGivesThemBackWhenCancelled()
    {
        var start = Utc(2026, 3, 2, 5);
        var appointment = Appointment.Book(new Patient { Id = 1, FullName = "", PhoneE164 = "" },
            new AppointmentDetails(1, 1, start, start.AddHours(1), AppointmentSource.Phone, RoomId: 7), TimeSpan.FromMinutes(10), Now);

        Assert.Equal(14, appointment.RoomBlocks.Count);
        Assert.All(appointment.RoomBlocks, b => Assert.Equal(7, b.RoomId));

        appointment.MoveTo(2, start.AddMinutes(30), start.AddMinutes(90), TimeSpan.FromMinutes(10), Now);
        Assert.Equal(start.AddMinutes(30), appointment.RoomBlocks.Min(b => b.StartUtc));
        Assert.Equal(14, appointment.RoomBlocks.Count);

        Assert.Null(appointment.ChangeStatus(AppointmentStatus.Cancelled, Now, "Unwell"));
        Assert.Empty(appointment.RoomBlocks);
    }
}
