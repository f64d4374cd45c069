using DynamicClinic.Domain.Clinicians;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class TimeOffConfiguration : IEntityTypeConfiguration<TimeOff>
{
    public void Configure(EntityTypeBuilder<TimeOff> builder)
    {
        builder.ToTable("TimeOff", t => t.HasCheckConstraint("CK_TimeOff_StartBeforeEnd", "StartUtc < EndUtc"));
        builder.Property(t => t.Reason).HasMaxLength(TimeOff.ReasonMaxLength).IsRequired();
        // Availability reads one clinician's time off over a date range.
        builder.HasIndex(t => new { t.ClinicianId, t.StartUtc });
    }
}
