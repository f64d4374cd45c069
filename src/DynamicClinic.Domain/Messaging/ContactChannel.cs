namespace DynamicClinic.Domain.Messaging;

/// <summary>
/// How the clinic reaches a patient. Stored as text. Email is the zero value because every message before texts
/// existed was an email (the column's default); the fallback order is <see cref="ContactChannels.FallbackOrder"/>.
/// </summary>
public enum ContactChannel
{
    Email = 0,
    WhatsApp = 1,
    Sms = 2,
}
