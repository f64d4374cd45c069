using DynamicClinic.Domain.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class CashDrawerCloseConfiguration : IEntityTypeConfiguration<CashDrawerClose>
{
    public void Configure(EntityTypeBuilder<CashDrawerClose> builder)
    {
        builder.Property(x => x.ExpectedRupees).HasConversion(MoneyConverters.WholeRupees);
        builder.Property(x => x.CountedRupees).HasConversion(MoneyConverters.WholeRupees);
        builder.Property(x => x.DifferenceRupees).HasConversion(MoneyConverters.WholeRupees);
        builder.Property(c => c.Note).HasMaxLength(CashDrawerClose.NoteMaxLength);
        builder.Property(c => c.ClosedByName).HasMaxLength(Payment.TakenByMaxLength).IsRequired();
        builder.Property(c => c.ClosedByUserId).HasMaxLength(450);
        builder.HasIndex(c => c.Day);
    }
}
