using DynamicClinic.Domain.SessionPlans;
using DynamicClinic.Domain.Treatments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class TreatmentPlanPhaseConfiguration : IEntityTypeConfiguration<TreatmentPlanPhase>
{
    public void Configure(EntityTypeBuilder<TreatmentPlanPhase> builder)
    {
        builder.ToTable("TreatmentPlanPhases", t =>
        {
            t.HasCheckConstraint("CK_TreatmentPlanPhases_Sessions", "MinSessions >= 1 AND MinSessions <= MaxSessions AND DefaultSessions >= MinSessions AND DefaultSessions <= MaxSessions");
            t.HasCheckConstraint("CK_TreatmentPlanPhases_Interval", "IntervalCount >= 1");
        });
        builder.Property(p => p.Name).HasMaxLength(PhaseTemplate.NameMaxLength).IsRequired();
        builder.Property(p => p.IntervalUnit).HasConversion<string>().HasMaxLength(8);
        builder.HasOne<Treatment>().WithMany().HasForeignKey(p => p.TreatmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.TreatmentId, p.Order }).IsUnique();
    }
}
