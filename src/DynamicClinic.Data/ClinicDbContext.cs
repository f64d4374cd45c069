using DynamicClinic.Data.Outbox;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Clinicians;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.Treatments;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Data;

/// <summary>The clinic's one database: staff accounts (Identity) and the clinic's own records.</summary>
public class ClinicDbContext(DbContextOptions<ClinicDbContext> options) : IdentityDbContext<StaffUser>(options)
{
    public DbSet<Treatment> Treatments => Set<Treatment>();

    public DbSet<Clinician> Clinicians => Set<Clinician>();

    public DbSet<WorkingHours> WorkingHours => Set<WorkingHours>();

    public DbSet<TimeOff> TimeOff => Set<TimeOff>();

    public DbSet<ClinicClosure> ClinicClosures => Set<ClinicClosure>();

    public DbSet<Patient> Patients => Set<Patient>();

    public DbSet<Appointment> Appointments => Set<Appointment>();

    public DbSet<ClinicianTimeBlock> ClinicianTimeBlocks => Set<ClinicianTimeBlock>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ClinicDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC in the database; reading one back marks it as UTC so that
        // conversions to clinic time are never done from an "unspecified" kind.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }
}
