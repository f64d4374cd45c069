using DynamicClinic.Domain.Messaging;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Infrastructure.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// WhatsApp and SMS: options (validated at start-up when a channel is on), one sender per channel that is on (the
    /// provider when configured, else the pickup folder when set, as in Development), and the webhooks' rate limit.
    /// Texts go through the email outbox's one sender: the same claim, retries and exactly-once.
    /// </summary>
    public static IServiceCollection AddClinicMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MessagingOptions>()
            .Bind(configuration.GetSection(MessagingOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MessagingOptions>, MessagingOptionsValidator>();

        var options = configuration.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>() ?? new MessagingOptions();
        var timeout = TimeSpan.FromSeconds(Math.Clamp(options.TimeoutSeconds, 1, 120));
        if (options.WhatsApp.Enabled)
        {
            services.AddHttpClient<WhatsAppCloudSender>(http => http.Timeout = timeout);
            services.AddSingleton<ITextSender>(provider => provider.GetRequiredService<WhatsAppCloudSender>());
        }
        else if (options.UsesPickupDirectory)
        {
            services.AddSingleton<ITextSender>(provider => ActivatorUtilities.CreateInstance<PickupDirectoryTextSender>(provider, ContactChannel.WhatsApp));
        }

        if (options.Sms.Enabled)
        {
            services.AddHttpClient<TwilioSmsSender>(http => http.Timeout = timeout);
            services.AddSingleton<ITextSender>(provider => provider.GetRequiredService<TwilioSmsSender>());
        }
        else if (options.UsesPickupDirectory)
        {
            services.AddSingleton<ITextSender>(provider => ActivatorUtilities.CreateInstance<PickupDirectoryTextSender>(provider, ContactChannel.Sms));
        }

        services.AddSingleton<TextSenders>();
        services.AddSingleton<MessageFallback>();
        return services;
    }
}
