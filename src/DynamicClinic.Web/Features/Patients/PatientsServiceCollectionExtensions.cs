namespace DynamicClinic.Web.Features.Patients;

public static class PatientsServiceCollectionExtensions
{
    /// <summary>Patient records for reception. <see cref="PatientSearch"/> is also used by the reception booking form.</summary>
    public static IServiceCollection AddPatients(this IServiceCollection services)
    {
        services.AddScoped<PatientSearch>();
        services.AddScoped<PatientRecordQuery>();
        services.AddScoped<PatientEditor>();
        services.AddScoped<PatientMerger>();
        services.AddScoped<PatientDuplicates>();
        services.AddScoped<PatientChartAccess>();
        services.AddScoped<PatientChartQuery>();
        services.AddScoped<PatientChartEditor>();
        return services;
    }
}
