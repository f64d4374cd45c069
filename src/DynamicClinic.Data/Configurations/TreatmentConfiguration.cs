using DynamicClinic.Domain.Treatments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class TreatmentConfiguration : IEntityTypeConfiguration<Treatment>
{
    public void Configure(EntityTypeBuilder<Treatment> builder)
    {
        builder.Property(t => t.Slug).HasMaxLength(Treatment.SlugMaxLength).IsRequired();
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.Property(t => t.Name).HasMaxLength(Treatment.NameMaxLength).IsRequired();
        builder.Property(t => t.Summary).HasMaxLength(Treatment.SummaryMaxLength).IsRequired();
        builder.ToTable(t =>
        {
            // Lengths sit on the five-minute grid that appointments hold time in.
            t.HasCheckConstraint("CK_Treatments_ConsultationMinutes", "ConsultationMinutes > 0 AND ConsultationMinutes % 5 = 0");
            t.HasCheckConstraint("CK_Treatments_SessionMinutes", "SessionMinutes > 0 AND SessionMinutes % 5 = 0");
        });

        builder.HasMany(t => t.Clinicians)
            .WithMany(c => c.Treatments)
            .UsingEntity("ClinicianTreatments");
    }
}
