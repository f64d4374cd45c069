namespace DynamicClinic.Domain.Appointments;

/// <summary>How an appointment reached the calendar.</summary>
public enum AppointmentSource
{
    Online = 0,
    Phone = 1,
    WalkIn = 2,
    SessionPlan = 3,
}
