namespace DynamicClinic.Domain.Appointments;

/// <summary>
/// One five-minute block of a clinician's time held by an appointment. The database's primary key on
/// (ClinicianId, StartUtc) is what makes double booking impossible: two appointments that overlap by even
/// five minutes would need the same block, and the second insert fails on SQLite and SQL Server alike.
/// See docs/decisions/0003-double-booking.md.
/// </summary>
public class ClinicianTimeBlock
{
    public const int Minutes = 5;

    public int ClinicianId { get; set; }

    public DateTime StartUtc { get; set; }

    public int AppointmentId { get; set; }

    /// <summary>Whether a time sits on the five-minute grid every appointment starts and ends on.</summary>
    public static bool IsOnGrid(DateTime utc) =>
        utc.Ticks % TimeSpan.FromMinutes(Minutes).Ticks == 0;

    /// <summary>
    /// The blocks an appointment holds: from its start to its end plus the buffer the clinic keeps after
    /// each appointment, so that the buffer is enforced by the same constraint.
    /// </summary>
    public static IEnumerable<ClinicianTimeBlock> For(int clinicianId, int appointmentId, DateTime startUtc, DateTime endUtc, TimeSpan bufferAfter)
    {
        if (!IsOnGrid(startUtc) || !IsOnGrid(endUtc) || bufferAfter.Ticks % TimeSpan.FromMinutes(Minutes).Ticks != 0)
        {
            throw new ArgumentException($"Appointment times and buffers must be whole multiples of {Minutes} minutes.");
        }

        for (var at = startUtc; at < endUtc + bufferAfter; at = at.AddMinutes(Minutes))
        {
            yield return new ClinicianTimeBlock { ClinicianId = clinicianId, StartUtc = DateTime.SpecifyKind(at, DateTimeKind.Utc), AppointmentId = appointmentId };
        }
    }
}
