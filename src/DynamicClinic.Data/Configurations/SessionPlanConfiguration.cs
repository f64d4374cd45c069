using DynamicClinic.Domain.SessionPlans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class SessionPlanConfiguration : IEntityTypeConfiguration<SessionPlan>
{
    public void Configure(EntityTypeBuilder<SessionPlan> builder)
    {
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.PreferredDay).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.PhasesSummary).HasMaxLength(300).IsRequired();
        builder.Property(p => p.EndReason).HasMaxLength(SessionPlan.EndReasonMaxLength);
        builder.Property(p => p.CreatedByUserId).HasMaxLength(450);
        builder.Property(p => p.Version).IsConcurrencyToken();

        builder.HasOne(p => p.Patient).WithMany().HasForeignKey(p => p.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Treatment).WithMany().HasForeignKey(p => p.TreatmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Clinician).WithMany().HasForeignKey(p => p.ClinicianId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.PatientId, p.Status });
        builder.HasIndex(p => new { p.ClinicianId, p.Status });
    }
}
