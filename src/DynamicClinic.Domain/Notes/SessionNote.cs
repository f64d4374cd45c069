namespace DynamicClinic.Domain.Notes;

public enum NoteKind
{
    Consultation = 0,
    Session = 1,
}

[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Signed is the clinic's word for a final note, not the numeric type.")]
public enum NoteStatus
{
    Draft = 0,
    Signed = 1,
}

/// <summary>
/// The clinician's record of one appointment. A draft can be edited by its author; once signed it never changes:
/// corrections are <see cref="SessionNoteAmendment"/>s that keep the original. Clinical text: never logged,
/// never emailed, never in a URL, never copied into the audit trail.
/// </summary>
public class SessionNote
{
    public const int TextMaxLength = 2000;
    public const int ShortTextMaxLength = 200;

    public int Id { get; set; }

    public int AppointmentId { get; set; }

    public Appointments.Appointment? Appointment { get; set; }

    public NoteKind Kind { get; set; }

    public NoteStatus Status { get; set; } = NoteStatus.Draft;

    /// <summary>The note's content as JSON (<see cref="NoteContent"/>), so consultation and session notes share one table.</summary>
    public required string Content { get; set; }

    public required string AuthorUserId { get; set; }

    public required string AuthorName { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public DateTime? SignedUtc { get; set; }

    public List<SessionNoteAmendment> Amendments { get; } = [];

    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>A correction to a signed note: the corrected content in full, who made it, when and why.</summary>
public class SessionNoteAmendment
{
    public const int ReasonMaxLength = 500;

    public int Id { get; set; }

    public int SessionNoteId { get; set; }

    public required string Content { get; set; }

    public required string Reason { get; set; }

    public required string AuthorUserId { get; set; }

    public required string AuthorName { get; set; }

    public DateTime CreatedUtc { get; set; }
}
