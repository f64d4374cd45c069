using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Infrastructure.Messaging;

/// <summary>
/// A channel that is switched on must have everything it needs, or the site does not start: a WhatsApp or SMS set-up
/// missing a token would otherwise fail on the first patient's confirmation. The messages name the setting, never its value.
/// </summary>
public sealed class MessagingOptionsValidator : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.WhatsApp.Enabled)
        {
            Require(failures, options.WhatsApp.PhoneNumberId, "Messaging:WhatsApp:PhoneNumberId");
            Require(failures, options.WhatsApp.AccessToken, "Messaging:WhatsApp:AccessToken");
            Require(failures, options.WhatsApp.AppSecret, "Messaging:WhatsApp:AppSecret");
            Require(failures, options.WhatsApp.VerifyToken, "Messaging:WhatsApp:VerifyToken");
            Require(failures, options.WhatsApp.ApiVersion, "Messaging:WhatsApp:ApiVersion");
        }

        if (options.Sms.Enabled)
        {
            if (!string.Equals(options.Sms.Provider, "Twilio", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add("Messaging:Sms:Provider must be Twilio (the only SMS provider so far).");
            }

            Require(failures, options.Sms.AccountSid, "Messaging:Sms:AccountSid");
            Require(failures, options.Sms.AuthToken, "Messaging:Sms:AuthToken");
            Require(failures, options.Sms.From, "Messaging:Sms:From");
        }

        if (options.TimeoutSeconds is < 1 or > 120)
        {
            failures.Add("Messaging:TimeoutSeconds must be between 1 and 120.");
        }

        if (options.WebhookRequestsPerMinute < 1)
        {
            failures.Add("Messaging:WebhookRequestsPerMinute must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Require(List<string> failures, string? value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{key} is required when the channel is enabled.");
        }
    }
}
