namespace DynamicClinic.Web.Features.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>Privacy requests: exports, erasure, anonymisation, and the narrow audit redaction they need.</summary>
    public static IServiceCollection AddPrivacyRequests(this IServiceCollection services)
    {
        services.AddScoped<PatientExport>();
        services.AddScoped<PrivacyRequests>();
        services.AddScoped<AuditRedaction>();
        return services;
    }
}
