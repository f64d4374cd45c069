using DynamicClinic.Domain.Appointments;

namespace DynamicClinic.Domain.Rooms;

/// <summary>
/// One five-minute block of a room's time held by an appointment: the same guard as <see cref="ClinicianTimeBlock"/>.
/// The primary key on (RoomId, StartUtc) means two appointments can never hold one room at once, on SQLite and SQL
/// Server alike, whichever server or path booked them.
/// </summary>
public class RoomTimeBlock
{
    public int RoomId { get; set; }

    public DateTime StartUtc { get; set; }

    public int AppointmentId { get; set; }

    /// <summary>The blocks an appointment holds in its room: its time plus the buffer (the room is made ready too).</summary>
    public static IEnumerable<RoomTimeBlock> For(int roomId, int appointmentId, DateTime startUtc, DateTime endUtc, TimeSpan bufferAfter) =>
        ClinicianTimeBlock.For(0, appointmentId, startUtc, endUtc, bufferAfter)
            .Select(b => new RoomTimeBlock { RoomId = roomId, StartUtc = b.StartUtc, AppointmentId = appointmentId });
}
