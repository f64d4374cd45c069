namespace DynamicClinic.Data.Outbox;

/// <summary>
/// An email waiting to be sent. Written in the same transaction as the change it tells about, so a
/// booking is never saved without its email, and sent later by a background service with retries.
/// Holds patient contact details: it lives in the database only and is never logged.
/// </summary>
public class OutboxMessage
{
    public const int KindMaxLength = 40;
    public const int AddressMaxLength = 254;
    public const int NameMaxLength = 100;
    public const int SubjectMaxLength = 200;

    public long Id { get; set; }

    /// <summary>What the email is, e.g. <c>BookingConfirmed</c>; for logs and support, never personal.</summary>
    public required string Kind { get; set; }

    public int? AppointmentId { get; set; }

    /// <summary>Lets a new appointment and its email be saved together before the appointment has an id.</summary>
    public Domain.Appointments.Appointment? Appointment { get; set; }

    public required string ToAddress { get; set; }

    public string ToName { get; set; } = "";

    public required string Subject { get; set; }

    public required string TextBody { get; set; }

    public string? HtmlBody { get; set; }

    public string? AttachmentFileName { get; set; }

    public string? AttachmentContentType { get; set; }

    public byte[]? AttachmentContent { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>Not to be tried before this time (retries back off).</summary>
    public DateTime NextAttemptUtc { get; set; }

    public int Attempts { get; set; }

    public DateTime? SentUtc { get; set; }

    /// <summary>Set when the message has failed so often that it is given up; a person has to look.</summary>
    public DateTime? FailedUtc { get; set; }

    /// <summary>The last error's type and short message (no message content).</summary>
    public string? LastError { get; set; }

    /// <summary>Which sender instance has claimed the message, and until when; another instance leaves it alone.</summary>
    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedUntilUtc { get; set; }
}
