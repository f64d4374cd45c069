using DynamicClinic.Domain.Billing;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.Treatments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class CoursePackageConfiguration : IEntityTypeConfiguration<CoursePackage>
{
    public void Configure(EntityTypeBuilder<CoursePackage> builder)
    {
        builder.Property(x => x.PriceRupees).HasConversion(MoneyConverters.WholeRupees);
        builder.ToTable("CoursePackages", table => table.HasCheckConstraint("CK_CoursePackages_Sessions",
            "\"SessionsBought\" >= 1 AND \"SessionsUsed\" >= 0 AND \"SessionsRefunded\" >= 0 AND \"SessionsUsed\" + \"SessionsRefunded\" <= \"SessionsBought\""));
        builder.HasOne<Patient>().WithMany().HasForeignKey(p => p.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Treatment>().WithMany().HasForeignKey(p => p.TreatmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(p => p.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Uses).WithOne().HasForeignKey(u => u.CoursePackageId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => new { p.PatientId, p.TreatmentId });
        builder.Ignore(p => p.SessionsLeft);
        builder.Ignore(p => p.Progress);
    }
}
