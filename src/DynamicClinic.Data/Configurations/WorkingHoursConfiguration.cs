using DynamicClinic.Domain.Clinicians;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class WorkingHoursConfiguration : IEntityTypeConfiguration<WorkingHours>
{
    public void Configure(EntityTypeBuilder<WorkingHours> builder)
    {
        builder.ToTable("WorkingHours", t => t.HasCheckConstraint("CK_WorkingHours_StartBeforeEnd", "\"Start\" < \"End\""));
        builder.HasIndex(w => new { w.ClinicianId, w.DayOfWeek });
    }
}
