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

    /// <summary>Email (the default) or a text channel; for texts <see cref="ToAddress"/> is the mobile in E.164 form.</summary>
    public Domain.Messaging.ContactChannel Channel { get; set; } = Domain.Messaging.ContactChannel.Email;

    /// <summary>For texts: the WhatsApp template's name (registered with Meta) the message is sent as.</summary>
    public string? Template { get; set; }

    /// <summary>For texts: the language of the words, "en" or "ur".</summary>
    public string? Language { get; set; }

    /// <summary>For texts: the template's body parameters as a JSON array of strings (clinic, date, time, reference...).</summary>
    public string? TemplateParameters { get; set; }

    /// <summary>The provider's id for the sent message (WhatsApp "wamid...", Twilio "SM..."): status callbacks name it.</summary>
    public string? ProviderMessageId { get; set; }

    /// <summary>The furthest delivery state a provider reported (see <c>DeliveryStates</c>); never goes backwards.</summary>
    public string? DeliveryState { get; set; }

    public DateTime? DeliveryUpdatedUtc { get; set; }

    /// <summary>The message this one replaces after that one failed for good on its channel.</summary>
    public long? FallbackOfMessageId { get; set; }

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
