using DynamicClinic.Domain.Clinicians;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class ClinicianPhotoConfiguration : IEntityTypeConfiguration<ClinicianPhoto>
{
    public void Configure(EntityTypeBuilder<ClinicianPhoto> builder)
    {
        builder.HasKey(p => p.ClinicianId);
        builder.Property(p => p.ClinicianId).ValueGeneratedNever();
        builder.Property(p => p.ContentType).HasMaxLength(ClinicianPhoto.ContentTypeMaxLength).IsRequired();
        builder.Property(p => p.Content).HasMaxLength(ClinicianPhoto.MaxBytes).IsRequired();
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasOne<Clinician>().WithOne().HasForeignKey<ClinicianPhoto>(p => p.ClinicianId).OnDelete(DeleteBehavior.Cascade);
    }
}
