using DynamicClinic.Domain.Billing;
using DynamicClinic.Domain.Treatments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class TreatmentPriceConfiguration : IEntityTypeConfiguration<TreatmentPrice>
{
    public void Configure(EntityTypeBuilder<TreatmentPrice> builder)
    {
        builder.Property(x => x.Rupees).HasConversion(MoneyConverters.WholeRupees);
        builder.ToTable("TreatmentPrices", table => table.HasCheckConstraint("CK_TreatmentPrices_Rupees", "\"Rupees\" >= 0"));
        builder.HasOne<Treatment>().WithMany().HasForeignKey(p => p.TreatmentId).OnDelete(DeleteBehavior.Restrict);
        // One price per treatment per start day: a second change on the same day replaces nothing silently.
        builder.HasIndex(p => new { p.TreatmentId, p.From }).IsUnique();
    }
}
