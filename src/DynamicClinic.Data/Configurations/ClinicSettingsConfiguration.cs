using DynamicClinic.Domain.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class ClinicSettingsConfiguration : IEntityTypeConfiguration<ClinicSettings>
{
    public void Configure(EntityTypeBuilder<ClinicSettings> builder)
    {
        builder.ToTable("ClinicSettings", table =>
        {
            table.HasCheckConstraint("CK_ClinicSettings_SingleRow", "Id = 1");
            // The domain's rules (ClinicSettings.Validate) hold in the database too, whatever code writes the row.
            table.HasCheckConstraint(
                "CK_ClinicSettings_Ranges",
                "SlotStepMinutes IN (5, 10, 15, 20, 30, 60, 120) AND BufferMinutes >= 0 AND BufferMinutes <= 120"
                + " AND MinimumNoticeHours >= 0 AND MinimumNoticeHours <= 168 AND HorizonDays >= 1 AND HorizonDays <= 365"
                + " AND CancellationCutoffHours >= 0 AND CancellationCutoffHours <= 168 AND ReminderLeadHours >= 1 AND ReminderLeadHours <= 168");
        });
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Address).HasMaxLength(ClinicSettings.AddressMaxLength).IsRequired();
        builder.Property(s => s.Phone).HasMaxLength(ClinicSettings.PhoneMaxLength).IsRequired();
        builder.Property(s => s.PublicEmail).HasMaxLength(ClinicSettings.PublicEmailMaxLength).IsRequired();
        builder.Property(s => s.OpeningHours).HasMaxLength(ClinicSettings.OpeningHoursMaxLength).IsRequired();
        // Two admins saving at once: the second save finds a different version and is refused.
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.OpeningHoursLines);
        builder.Ignore(s => s.CancellationCutoff);
        builder.Ignore(s => s.ReminderLeadTime);
    }
}
