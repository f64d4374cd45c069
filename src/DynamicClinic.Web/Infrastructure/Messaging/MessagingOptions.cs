using DynamicClinic.Domain.Messaging;

namespace DynamicClinic.Web.Infrastructure.Messaging;

/// <summary>
/// The <c>Messaging</c> section: WhatsApp and SMS, both off until configured (docs/messages.md). Secrets (access
/// token, app secret, auth token) belong in user secrets or the environment; they are never stored, logged or shown.
/// </summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>Where texts are written as files when <see cref="PickupDirectory"/> is set without a provider (Development).</summary>
    public const string DefaultPickupDirectory = "App_Data/messages";

    public WhatsAppOptions WhatsApp { get; set; } = new();

    public SmsOptions Sms { get; set; } = new();

    /// <summary>
    /// When set, WhatsApp and SMS messages are written as text files into this folder instead of being sent (both
    /// channels count as on). Development sets it so a newcomer sees every message; a provider that is enabled
    /// still sends for real.
    /// </summary>
    public string? PickupDirectory { get; set; }

    /// <summary>
    /// The first value of the admin setting "Name the treatment in WhatsApp and SMS messages" (off by default: a lock
    /// screen shows the text). Read only when the settings row is created; the admin settings page owns it after that.
    /// </summary>
    public bool IncludeTreatmentName { get; set; }

    /// <summary>Time allowed for one request to a provider.</summary>
    public int TimeoutSeconds { get; set; } = 15;

    /// <summary>Webhook requests accepted per minute from one address.</summary>
    public int WebhookRequestsPerMinute { get; set; } = 600;

    public bool UsesPickupDirectory => !string.IsNullOrWhiteSpace(PickupDirectory);

    /// <summary>The channels that can send: email always; a text channel when its provider or the pickup folder is on.</summary>
    public IReadOnlySet<ContactChannel> EnabledChannels()
    {
        var channels = new HashSet<ContactChannel> { ContactChannel.Email };
        if (WhatsApp.Enabled || UsesPickupDirectory)
        {
            channels.Add(ContactChannel.WhatsApp);
        }

        if (Sms.Enabled || UsesPickupDirectory)
        {
            channels.Add(ContactChannel.Sms);
        }

        return channels;
    }
}

/// <summary>The WhatsApp Business Cloud API (Meta Graph API).</summary>
public sealed class WhatsAppOptions
{
    public bool Enabled { get; set; }

    public Uri BaseUrl { get; set; } = new("https://graph.facebook.com");

    public string ApiVersion { get; set; } = "v21.0";

    /// <summary>The business phone number's id in Meta's WhatsApp Manager (not the number itself).</summary>
    public string? PhoneNumberId { get; set; }

    /// <summary>A system user's permanent access token (bearer). Secret.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The Meta app's secret: webhook bodies are signed with it (X-Hub-Signature-256). Secret.</summary>
    public string? AppSecret { get; set; }

    /// <summary>Any string you choose, typed into Meta's webhook set-up too: the verification GET must echo it.</summary>
    public string? VerifyToken { get; set; }
}

/// <summary>SMS through Twilio's Messaging API.</summary>
public sealed class SmsOptions
{
    public bool Enabled { get; set; }

    /// <summary>Only "Twilio" so far; the sender is an interface, so a local gateway can be added beside it.</summary>
    public string Provider { get; set; } = "Twilio";

    public Uri BaseUrl { get; set; } = new("https://api.twilio.com");

    public string? AccountSid { get; set; }

    /// <summary>Twilio's auth token: the API password and the key status callbacks are signed with. Secret.</summary>
    public string? AuthToken { get; set; }

    /// <summary>The sending number (E.164) or a Messaging Service SID ("MG...").</summary>
    public string? From { get; set; }

    /// <summary>The public URL of /webhooks/twilio/status exactly as Twilio calls it (the signature covers it).</summary>
    public Uri? StatusCallbackUrl { get; set; }

    /// <summary>The public URL of /webhooks/twilio/inbound as set on the number in Twilio's console.</summary>
    public Uri? InboundUrl { get; set; }
}
