using DynamicClinic.Web.Infrastructure;

namespace DynamicClinic.Web.Features.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>The shared scheduling code: availability, the one slot check, the booking core and its messages.</summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<SiteLinks>();
        services.AddScoped<AvailabilityQuery>();
        services.AddScoped<ReceptionScheduling>();
        services.AddScoped<SlotRules>();
        services.AddScoped<AppointmentNotifications>();
        services.AddScoped<AppointmentBooking>();
        return services;
    }
}
