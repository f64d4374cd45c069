using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Billing;
using DynamicClinic.Domain.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.Property(x => x.SubtotalRupees).HasConversion(MoneyConverters.WholeRupees);
        builder.Property(x => x.DiscountRupees).HasConversion(MoneyConverters.WholeRupees);
        builder.Property(x => x.TotalRupees).HasConversion(MoneyConverters.WholeRupees);
        builder.Property(x => x.PaidRupees).HasConversion(MoneyConverters.WholeRupees);
        builder.Property(x => x.ReleasedRupees).HasConversion(MoneyConverters.WholeRupees);
        builder.Property(x => x.DiscountValue).HasConversion(MoneyConverters.Hundredths);
        builder.ToTable("Invoices", table =>
        {
            // Two desks paying at once: whatever the code, the database never holds more paid than owed.
            table.HasCheckConstraint("CK_Invoices_Paid", "\"PaidRupees\" >= 0 AND \"PaidRupees\" <= \"TotalRupees\"");
            table.HasCheckConstraint("CK_Invoices_Released", "\"ReleasedRupees\" >= 0 AND \"PaidRupees\" + \"ReleasedRupees\" <= \"TotalRupees\"");
            table.HasCheckConstraint("CK_Invoices_Amounts", "\"SubtotalRupees\" >= 0 AND \"DiscountRupees\" >= 0 AND \"TotalRupees\" >= 0");
        });
        builder.Property(i => i.Number).HasMaxLength(Invoice.NumberMaxLength);
        // The number is unique however many servers issue at once (drafts have none).
        builder.HasIndex(i => i.Number).IsUnique().HasFilter("\"Number\" IS NOT NULL");
        // One live invoice per completed appointment, so completing twice or two desks drafting at once make one.
        builder.HasIndex(i => i.AppointmentId).IsUnique()
            .HasFilter("\"AppointmentId\" IS NOT NULL AND \"Kind\" = 'Invoice' AND \"Status\" <> 'Credited'");
        // Issued invoices over a period, and all those still owed something: the reports' sums (by clinician, discounts,
        // outstanding balances) come from the index alone.
        builder.HasIndex(i => new { i.Status, i.IssuedUtc, i.Kind, i.ClinicianId, i.TotalRupees, i.DiscountRupees, i.PaidRupees, i.ReleasedRupees });
        builder.HasIndex(i => i.PatientId);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.DiscountKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.DiscountReason).HasMaxLength(Discount.ReasonMaxLength);
        builder.Property(i => i.IssuedByName).HasMaxLength(Invoice.NameMaxLength);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasOne<Patient>().WithMany().HasForeignKey(i => i.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(i => i.AppointmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(i => i.CreditsInvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(i => i.Subtotal);
        builder.Ignore(i => i.DiscountAmount);
        builder.Ignore(i => i.Total);
        builder.Ignore(i => i.Paid);
        builder.Ignore(i => i.Balance);
        builder.Ignore(i => i.Discount);
    }
}
