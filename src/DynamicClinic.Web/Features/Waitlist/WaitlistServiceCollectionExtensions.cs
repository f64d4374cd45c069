using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Infrastructure.Hosting;

namespace DynamicClinic.Web.Features.Waitlist;

public static class WaitlistServiceCollectionExtensions
{
    /// <summary>The waitlist: freed time from the booking core is offered to it; offers are listed for reception and texted to patients.</summary>
    public static IServiceCollection AddWaitlist(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WaitlistOptions>()
            .Bind(configuration.GetSection(WaitlistOptions.SectionName))
            .ValidateSettings(WaitlistOptions.SectionName)
            .ValidateOnStart();
        services.AddScoped<WaitlistOffers>();
        services.AddScoped<IFreedTimeListener>(provider => provider.GetRequiredService<WaitlistOffers>());
        services.AddScoped<IWaitlistOfferSender, TextWaitlistOfferSender>();
        services.AddScoped<WaitlistDesk>();
        return services;
    }
}
