namespace DynamicClinic.Domain.Appointments;

public enum AppointmentStatus
{
    Booked = 0,
    Arrived = 1,
    Completed = 2,
    NoShow = 3,
    Cancelled = 4,
}
