using DynamicClinic.Domain.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.Property(x => x.AmountRupees).HasConversion(MoneyConverters.WholeRupees);
        builder.ToTable("Payments", table => table.HasCheckConstraint("CK_Payments_Amount", "\"AmountRupees\" > 0"));
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Reference).HasMaxLength(Payment.ReferenceMaxLength);
        builder.Property(p => p.Reason).HasMaxLength(Payment.ReasonMaxLength);
        builder.Property(p => p.TakenByName).HasMaxLength(Payment.TakenByMaxLength).IsRequired();
        builder.Property(p => p.TakenByUserId).HasMaxLength(450);
        builder.HasOne(p => p.Invoice).WithMany().HasForeignKey(p => p.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.PaymentMethod).WithMany().HasForeignKey(p => p.PaymentMethodId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Payment>().WithMany().HasForeignKey(p => p.RefundOfPaymentId).OnDelete(DeleteBehavior.Restrict);
        // Payments over a period, with what takings by method add up, read from the index alone.
        builder.HasIndex(p => new { p.TakenUtc, p.PaymentMethodId, p.Kind, p.AmountRupees });
        builder.Ignore(p => p.Amount);
        builder.Ignore(p => p.NetEffect);
    }
}
