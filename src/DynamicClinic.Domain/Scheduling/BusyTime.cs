using DynamicClinic.Domain.Appointments;

namespace DynamicClinic.Domain.Scheduling;

/// <summary>
/// Time a clinician is already booked, [StartUtc, EndUtc). Only appointments that still hold time are busy
/// (<see cref="Appointment.HoldsTime"/>, i.e. not cancelled): the caller filters, in its query or with
/// <see cref="FromAppointments"/>. Every busy time given to the calculator counts.
/// </summary>
public readonly record struct BusyTime(int ClinicianId, DateTime StartUtc, DateTime EndUtc)
{
    public static IReadOnlyList<BusyTime> FromAppointments(IEnumerable<Appointment> appointments)
    {
        ArgumentNullException.ThrowIfNull(appointments);
        return [.. appointments.Where(a => a.HoldsTime).Select(a => new BusyTime(a.ClinicianId, a.StartUtc, a.EndUtc))];
    }
}
