using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Clinicians;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class ClinicianTimeBlockConfiguration : IEntityTypeConfiguration<ClinicianTimeBlock>
{
    public void Configure(EntityTypeBuilder<ClinicianTimeBlock> builder)
    {
        // The constraint that makes double booking impossible: one holder per clinician per five minutes.
        builder.HasKey(b => new { b.ClinicianId, b.StartUtc });
        builder.HasIndex(b => b.AppointmentId);
        builder.HasOne<Clinician>().WithMany().HasForeignKey(b => b.ClinicianId).OnDelete(DeleteBehavior.NoAction);
    }
}
