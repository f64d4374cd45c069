using DynamicClinic.Domain.Clinicians;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class ClinicClosureConfiguration : IEntityTypeConfiguration<ClinicClosure>
{
    public void Configure(EntityTypeBuilder<ClinicClosure> builder)
    {
        builder.Property(c => c.Reason).HasMaxLength(ClinicClosure.ReasonMaxLength).IsRequired();
        builder.HasIndex(c => c.Date).IsUnique();
    }
}
