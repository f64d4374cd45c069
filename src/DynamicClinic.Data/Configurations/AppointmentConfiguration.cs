using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Clinicians;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.Treatments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.ToTable("Appointments", t => t.HasCheckConstraint("CK_Appointments_StartBeforeEnd", "StartUtc < EndUtc"));

        builder.Property(a => a.Reference).HasMaxLength(Appointment.ReferenceMaxLength).IsRequired();
        builder.HasIndex(a => a.Reference).IsUnique();

        // Enums as text: readable in the database and the same on both providers.
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Source).HasConversion<string>().HasMaxLength(16);
        // Appointments booked before languages were kept were all in English.
        builder.Property(a => a.Language).HasConversion<string>().HasMaxLength(PatientLanguages.MaxLength).HasDefaultValue(PatientLanguage.English);

        builder.Property(a => a.MainConcern).HasMaxLength(60);
        builder.Property(a => a.PatientMessage).HasMaxLength(Appointment.MessageMaxLength);
        builder.Property(a => a.CancellationReason).HasMaxLength(Appointment.CancellationReasonMaxLength);
        builder.HasMany(a => a.ManageTokens).WithOne().HasForeignKey(t => t.AppointmentId).OnDelete(DeleteBehavior.Cascade);

        builder.Property(a => a.IdempotencyKeyHash).HasMaxLength(64).IsUnicode(false);
        builder.HasIndex(a => a.IdempotencyKeyHash).IsUnique();
        builder.HasIndex(a => a.ReminderQueuedUtc);

        builder.HasMany(a => a.TimeBlocks).WithOne().HasForeignKey(b => b.AppointmentId).OnDelete(DeleteBehavior.Cascade);

        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.HoldsTime);

        builder.HasOne(a => a.Patient).WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Clinician).WithMany().HasForeignKey(a => a.ClinicianId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Treatment).WithMany().HasForeignKey(a => a.TreatmentId).OnDelete(DeleteBehavior.Restrict);

        // The calendar and availability read one clinician's appointments over a date range. EndUtc and Status ride
        // along so availability's query is answered from the index alone: looking each row up in a table of a million
        // appointments cost more than the whole range scan (bench/availability.sh, docs/benchmarks.md).
        builder.HasIndex(a => new { a.ClinicianId, a.StartUtc, a.EndUtc, a.Status });
        // The owner's reports count a period's appointments by clinician, day, status and source, and add up booked
        // time: every column they read is in this index, so a year is read from it alone, never row by row.
        builder.HasIndex(a => new { a.StartUtc, a.ClinicianId, a.Status, a.Source, a.SessionPlanId, a.EndUtc });
        builder.HasIndex(a => a.PatientId);

        // Availability reads one room's appointments over a date range, as it does a clinician's (covering, likewise).
        builder.HasIndex(a => new { a.RoomId, a.StartUtc, a.EndUtc, a.Status });

        // A plan's sessions; the same session number never appears twice in one plan.
        builder.HasOne(a => a.SessionPlan).WithMany().HasForeignKey(a => a.SessionPlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.SessionPlanId, a.SessionNumber });
    }
}
