using DynamicClinic.Domain.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class BillingSettingsConfiguration : IEntityTypeConfiguration<BillingSettings>
{
    public void Configure(EntityTypeBuilder<BillingSettings> builder)
    {
        builder.Property(x => x.ConsultationFeeRupees).HasConversion(MoneyConverters.WholeRupees);
        builder.Property(x => x.DiscountLimitPercent).HasConversion(MoneyConverters.Hundredths);
        builder.Property(x => x.CourseRefundPercent).HasConversion(MoneyConverters.Hundredths);
        builder.Property(x => x.CourseRefundFeeRupees).HasConversion(MoneyConverters.WholeRupees);
        builder.ToTable("BillingSettings", table =>
        {
            table.HasCheckConstraint("CK_BillingSettings_SingleRow", "\"Id\" = 1");
            table.HasCheckConstraint("CK_BillingSettings_Ranges",
                // Percentages are stored in hundredths (10000 is 100 %), see MoneyConverters.
                "\"ConsultationFeeRupees\" >= 0 AND \"DiscountLimitPercent\" >= 0 AND \"DiscountLimitPercent\" <= 10000"
                + " AND \"CourseRefundPercent\" >= 0 AND \"CourseRefundPercent\" <= 10000 AND \"CourseRefundFeeRupees\" >= 0");
        });
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasData(new BillingSettings { Version = new Guid("5b7c1e0a-0000-4000-8000-000000000001") });
    }
}
