using DynamicClinic.Domain.Clinicians;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class ClinicianConfiguration : IEntityTypeConfiguration<Clinician>
{
    public void Configure(EntityTypeBuilder<Clinician> builder)
    {
        builder.Property(c => c.DisplayName).HasMaxLength(Clinician.DisplayNameMaxLength).IsRequired();
        builder.Property(c => c.Title).HasMaxLength(Clinician.TitleMaxLength).IsRequired();
        builder.Property(c => c.Bio).HasMaxLength(Clinician.BioMaxLength).IsRequired();
        builder.Property(c => c.StaffUserId).HasMaxLength(450);

        // A staff account is at most one clinician.
        builder.HasIndex(c => c.StaffUserId).IsUnique();
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(c => c.StaffUserId).OnDelete(DeleteBehavior.SetNull);

        builder.HasMany(c => c.WorkingHours).WithOne().HasForeignKey(w => w.ClinicianId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.TimeOff).WithOne().HasForeignKey(t => t.ClinicianId).OnDelete(DeleteBehavior.Cascade);
    }
}
