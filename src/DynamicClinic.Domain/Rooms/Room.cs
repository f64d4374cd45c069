namespace DynamicClinic.Domain.Rooms;

/// <summary>
/// A room or piece of equipment some treatments need (the procedure room for a transplant, the PRP room with its
/// centrifuge). Admins keep the list; a treatment names the room it needs, and every appointment for that treatment
/// holds the room's time as well as the clinician's.
/// </summary>
public class Room
{
    public const int NameMaxLength = 60;

    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Inactive rooms are kept for history but cannot be chosen for a treatment.</summary>
    public bool IsActive { get; set; } = true;
}
