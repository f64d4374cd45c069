using DynamicClinic.Domain.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> builder)
    {
        builder.Property(p => p.FullName).HasMaxLength(Patient.FullNameMaxLength).IsRequired();
        builder.Property(p => p.PhoneE164).HasMaxLength(Patient.PhoneMaxLength).IsRequired();
        builder.Property(p => p.Email).HasMaxLength(Patient.EmailMaxLength);
        // Online booking reuses the patient with the same phone; reception searches by it.
        builder.HasIndex(p => p.PhoneE164);
        builder.HasIndex(p => p.FullName);
        builder.HasIndex(p => p.Email);
        builder.Property(p => p.PreferredChannel).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.PreferredLanguage).HasConversion<string>().HasMaxLength(PatientLanguages.MaxLength);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Property(p => p.Sex).HasConversion<string>().HasMaxLength(8);
        builder.Property(p => p.Allergies).HasMaxLength(Patient.ClinicalTextMaxLength);
        builder.Property(p => p.Alerts).HasMaxLength(Patient.ClinicalTextMaxLength);
        builder.Property(p => p.SecondContactName).HasMaxLength(Patient.FullNameMaxLength);
        builder.Property(p => p.SecondContactPhoneE164).HasMaxLength(Patient.PhoneMaxLength);
        builder.HasOne<Patient>().WithMany().HasForeignKey(p => p.MergedIntoPatientId).OnDelete(DeleteBehavior.Restrict);
        // Reception's list of open duplicate flags reads this column.
        builder.HasOne<Patient>().WithMany().HasForeignKey(p => p.PossibleDuplicateOfPatientId).OnDelete(DeleteBehavior.Restrict);
    }
}
