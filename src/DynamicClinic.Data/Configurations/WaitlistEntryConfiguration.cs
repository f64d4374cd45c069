using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Waitlist;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class WaitlistEntryConfiguration : IEntityTypeConfiguration<WaitlistEntry>
{
    public void Configure(EntityTypeBuilder<WaitlistEntry> builder)
    {
        builder.Property(e => e.ClinicianIds).HasMaxLength(WaitlistEntry.ClinicianIdsMaxLength).IsUnicode(false).IsRequired();
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Version).IsConcurrencyToken();

        builder.HasOne(e => e.Patient).WithMany().HasForeignKey(e => e.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Treatment).WithMany().HasForeignKey(e => e.TreatmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(e => e.AppointmentId).OnDelete(DeleteBehavior.Restrict);

        // Freed time looks for waiting entries of a treatment, oldest first.
        builder.HasIndex(e => new { e.Status, e.TreatmentId, e.CreatedUtc });
        builder.HasIndex(e => e.PatientId);
    }
}
