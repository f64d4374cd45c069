using DynamicClinic.Domain.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

/// <summary>The usual ways to pay are reference data from the migrations; admins add more.</summary>
internal sealed class PaymentMethodConfiguration : IEntityTypeConfiguration<PaymentMethod>
{
    public void Configure(EntityTypeBuilder<PaymentMethod> builder)
    {
        builder.Property(m => m.Name).HasMaxLength(PaymentMethod.NameMaxLength).IsRequired();
        builder.HasIndex(m => m.Name).IsUnique();
        builder.HasData(
            new PaymentMethod { Id = PaymentMethod.Cash, Name = "Cash", IsCash = true, SortOrder = 1 },
            new PaymentMethod { Id = 2, Name = "Card", NeedsReference = true, SortOrder = 2 },
            new PaymentMethod { Id = 3, Name = "Bank transfer", NeedsReference = true, SortOrder = 3 },
            new PaymentMethod { Id = 4, Name = "JazzCash", NeedsReference = true, SortOrder = 4 },
            new PaymentMethod { Id = 5, Name = "Easypaisa", NeedsReference = true, SortOrder = 5 });
    }
}
