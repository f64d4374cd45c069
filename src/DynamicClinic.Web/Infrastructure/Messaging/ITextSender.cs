using DynamicClinic.Domain.Messaging;

namespace DynamicClinic.Web.Infrastructure.Messaging;

/// <summary>One text to send: to a mobile, as a registered template with its parameters, and the same words as plain text.</summary>
public sealed record TextMessage(long OutboxId, ContactChannel Channel, string ToPhoneE164, string Template, string Language, IReadOnlyList<string> Parameters, string Text);

/// <summary>
/// Hands a text to a provider (WhatsApp Cloud API, Twilio, or a local gateway added later) and returns the provider's
/// id for it. Throws <see cref="TextSendException"/> when it could not; the outbox retries or falls back.
/// </summary>
public interface ITextSender
{
    ContactChannel Channel { get; }

    Task<string> SendAsync(TextMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// A provider refused or failed. <see cref="Permanent"/>: no retry can help (not a WhatsApp number, template refused,
/// number invalid), so the message moves to the next channel. The message never quotes the number or the text.
/// </summary>
public sealed class TextSendException(string message, bool permanent, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;

    /// <summary>The provider's Retry-After, when it asked us to slow down (429).</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
