using System.Threading.RateLimiting;
using DynamicClinic.Web.Infrastructure.Messaging;
using Microsoft.AspNetCore.RateLimiting;

namespace DynamicClinic.Web.Features.Messages;

/// <summary>The webhooks' limit per client address; the rejection (429 with Retry-After) is the booking limiter's.</summary>
public static class MessagingRateLimits
{
    public const string WebhookPolicy = "webhooks";

    public static IServiceCollection AddWebhookRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = Math.Max(1, configuration.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>()?.WebhookRequestsPerMinute ?? 600);
        services.Configure<RateLimiterOptions>(limiter => limiter.AddPolicy(WebhookPolicy, context =>
            RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        services.AddScoped<PatientReplies>();
        services.AddScoped<ReceptionInbox>();
        return services;
    }
}
