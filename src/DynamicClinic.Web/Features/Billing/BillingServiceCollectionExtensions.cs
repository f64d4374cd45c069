using DynamicClinic.Web.Features.Scheduling;

namespace DynamicClinic.Web.Features.Billing;

public static class BillingServiceCollectionExtensions
{
    /// <summary>Invoices, payments and courses; completing an appointment drafts its invoice or draws a prepaid session.</summary>
    public static IServiceCollection AddBilling(this IServiceCollection services)
    {
        services.AddScoped<BillingDesk>();
        services.AddScoped<ICompletedAppointmentHandler>(sp => sp.GetRequiredService<BillingDesk>());
        services.AddScoped<BillingPages>();
        services.AddScoped<Takings>();
        services.AddScoped<Reports.OwnerReports>();
        services.AddScoped<BillingAdmin>();
        services.AddScoped<PaymentReceipts>();
        services.AddScoped<MoneyAccess>();
        services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler>(sp => sp.GetRequiredService<MoneyAccess>());
        return services;
    }
}
