using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace DynamicClinic.Web.Features.Booking;

/// <summary>
/// Per-client-address limits on booking POSTs and the slots endpoint. A refused request gets 429 with
/// <c>Retry-After</c>: JSON callers a problem body, people the friendly error page.
/// The counters live in each instance's memory (see docs/operations.md).
/// </summary>
public static class BookingRateLimits
{
    public const string BookingPolicy = "booking";
    public const string SlotsPolicy = "slots";

    /// <summary>The details step's language switch: shows the form again, books nothing, so it is kept out of the booking budget.</summary>
    public const string LanguageSwitchPolicy = "language-switch";

    /// <summary>Far more switches than anyone makes, few enough that the switch cannot be used to load the site.</summary>
    public const int LanguageSwitchesPerMinute = 60;

    public static IServiceCollection AddBookingRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(BookingOptions.SectionName).Get<BookingOptions>() ?? new BookingOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(BookingPolicy, context => PerClient(context, options.BookingRequestsPerMinute));
            limiter.AddPolicy(SlotsPolicy, context => PerClient(context, options.SlotRequestsPerMinute));
            limiter.AddPolicy(LanguageSwitchPolicy, context => PerClient(context, LanguageSwitchesPerMinute));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                if (context.HttpContext.Request.Path.StartsWithSegments("/book/slots", StringComparison.OrdinalIgnoreCase))
                {
                    await Results.Problem(
                        title: "Too many requests",
                        detail: "Too many look-ups from your connection. Wait a moment and try again.",
                        statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
                }

                // Otherwise the body is left empty, so the status-code pages show the friendly 429 page.
            };
        });
        return services;
    }

    private static RateLimitPartition<string> PerClient(HttpContext context, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
