using DynamicClinic.Domain.Appointments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class AppointmentManageTokenConfiguration : IEntityTypeConfiguration<AppointmentManageToken>
{
    public void Configure(EntityTypeBuilder<AppointmentManageToken> builder)
    {
        builder.Property(t => t.TokenHash).HasMaxLength(AppointmentManageToken.HashLength).IsUnicode(false).IsRequired();
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.AppointmentId);
    }
}
