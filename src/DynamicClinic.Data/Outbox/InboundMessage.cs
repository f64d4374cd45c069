using DynamicClinic.Domain.Messaging;

namespace DynamicClinic.Data.Outbox;

/// <summary>
/// A text a patient (or an unknown number) sent the clinic by WhatsApp or SMS. Kept once per provider message id, so
/// a webhook the provider sends again changes nothing. Replies the clinic acts on (confirm, cancel, STOP...) are kept
/// too, marked handled; anything else waits in reception's inbox. Patient-written text: shown encoded, never logged.
/// </summary>
public class InboundMessage
{
    public const int BodyMaxLength = 4000;

    public long Id { get; set; }

    public ContactChannel Channel { get; set; }

    /// <summary>The provider's id (WhatsApp "wamid...", Twilio "SM..."); unique.</summary>
    public required string ProviderMessageId { get; set; }

    /// <summary>The sender's number in E.164 form.</summary>
    public required string FromPhone { get; set; }

    public string Body { get; set; } = "";

    public DateTime ReceivedUtc { get; set; }

    /// <summary>What the clinic made of it (a <see cref="PatientReplyKind"/>), and what it did, in reception's words.</summary>
    public PatientReplyKind Kind { get; set; }

    public string? Outcome { get; set; }

    /// <summary>The appointment a reply acted on, when there was exactly one to act on.</summary>
    public int? AppointmentId { get; set; }

    /// <summary>Set when no reception action is needed (a handled reply) or reception has read it.</summary>
    public DateTime? ReadUtc { get; set; }

    /// <summary>For a message reception answered from the inbox: the outbox message of the answer.</summary>
    public long? AnsweredByMessageId { get; set; }
}
