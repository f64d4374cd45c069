using DynamicClinic.Domain.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> builder)
    {
        builder.Property(x => x.UnitRupees).HasConversion(MoneyConverters.WholeRupees);
        builder.ToTable("InvoiceLines", table =>
            table.HasCheckConstraint("CK_InvoiceLines_Amounts", "\"Quantity\" >= 1 AND \"UnitRupees\" >= 0"));
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.Description).HasMaxLength(InvoiceLine.DescriptionMaxLength).IsRequired();
        builder.HasIndex(l => l.TreatmentId);
        // An invoice's lines (the foreign key) with what revenue by treatment adds up, so the report reads no rows.
        builder.HasIndex(l => new { l.InvoiceId, l.Kind, l.TreatmentId, l.UnitRupees, l.Quantity });
        builder.Ignore(l => l.Amount);
    }
}
