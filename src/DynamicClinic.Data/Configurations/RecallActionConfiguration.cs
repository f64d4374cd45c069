using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.Recalls;
using DynamicClinic.Domain.SessionPlans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class RecallActionConfiguration : IEntityTypeConfiguration<RecallAction>
{
    public void Configure(EntityTypeBuilder<RecallAction> builder)
    {
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.ByUserId).HasMaxLength(450);

        builder.HasOne<Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SessionPlan>().WithMany().HasForeignKey(r => r.SessionPlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.PatientId, r.Kind, r.DueDate });
    }
}
