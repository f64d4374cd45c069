using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Infrastructure.Hosting;

namespace DynamicClinic.Web.Features.Booking;

public static class BookingServiceCollectionExtensions
{
    public static IServiceCollection AddBooking(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BookingOptions>()
            .Bind(configuration.GetSection(BookingOptions.SectionName))
            .ValidateSettings(BookingOptions.SectionName)
            .Validate(o => o.ToRules().Validate().Count == 0, "Booking settings are not valid: check SlotStepMinutes, BufferMinutes, MinimumNoticeHours and HorizonDays.")
            // Appointments hold time in five-minute blocks (docs/decisions/0003-double-booking.md).
            .Validate(o => o.SlotStepMinutes % 5 == 0 && o.BufferMinutes % 5 == 0, "Booking:SlotStepMinutes and Booking:BufferMinutes must be multiples of 5.")
            .ValidateOnStart();

        services.AddScoped<BookingCatalogue>();
        services.AddBookingRateLimits(configuration);
        return services;
    }
}
