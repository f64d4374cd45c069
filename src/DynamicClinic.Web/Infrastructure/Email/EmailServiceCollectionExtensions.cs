using DynamicClinic.Web.Infrastructure.Hosting;
using DynamicClinic.Web.Infrastructure.Settings;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Infrastructure.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// Registers the email outbox: options (validated at start-up), the transport (SMTP when <c>Email:Smtp:Host</c> is
    /// set, otherwise the pickup folder), the booking email composer, and the sender and reminder background services.
    /// </summary>
    public static IServiceCollection AddClinicEmail(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.SectionName))
            .ValidateSettings(EmailOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>>(new EmailOptionsValidator(environment));

        services.AddSingleton<IEmailTransport>(provider =>
            provider.GetRequiredService<IOptions<EmailOptions>>().Value.UsesSmtp
                ? ActivatorUtilities.CreateInstance<SmtpEmailTransport>(provider)
                : ActivatorUtilities.CreateInstance<PickupDirectoryEmailTransport>(provider));

        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<ReminderSignal>();
        services.AddSingleton<CalendarInvite>();
        services.AddSingleton<BookingEmails>();
        // From the clinic's settings, read once per request (or per reminder pass).
        services.AddScoped(provider => provider.GetRequiredService<ClinicSettingsService>().Contact);
        services.AddScoped<EmailOutbox>();

        // Singletons first, so tests and admin code can reach the running instances.
        services.AddSingleton<OutboxSender>();
        services.AddSingleton<ReminderScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxSender>());
        services.AddHostedService(provider => provider.GetRequiredService<ReminderScheduler>());
        return services;
    }
}
