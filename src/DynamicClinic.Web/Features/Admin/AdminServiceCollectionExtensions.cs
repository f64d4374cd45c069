namespace DynamicClinic.Web.Features.Admin;

public static class AdminServiceCollectionExtensions
{
    /// <summary>The admin pages' services: staff accounts, schedules and closures, treatments, settings, the audit log.</summary>
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddScoped<StaffAccounts>();
        services.AddScoped<StrandedAppointments>();
        services.AddSingleton<StaffInvitationEmail>();
        services.AddScoped<AuditLogQuery>();
        services.AddScoped<ClinicianSchedules>();
        services.AddScoped<TreatmentAdmin>();
        services.AddScoped<ClinicSettingsEditor>();
        return services;
    }
}
