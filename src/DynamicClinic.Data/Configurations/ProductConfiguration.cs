using DynamicClinic.Domain.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.Property(x => x.Rupees).HasConversion(MoneyConverters.WholeRupees);
        builder.ToTable("Products", table => table.HasCheckConstraint("CK_Products_Rupees", "\"Rupees\" >= 0"));
        builder.Property(p => p.Name).HasMaxLength(Product.NameMaxLength).IsRequired();
        builder.HasIndex(p => p.Name).IsUnique();
    }
}
