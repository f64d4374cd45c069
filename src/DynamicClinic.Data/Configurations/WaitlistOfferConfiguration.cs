using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Clinicians;
using DynamicClinic.Domain.Waitlist;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class WaitlistOfferConfiguration : IEntityTypeConfiguration<WaitlistOffer>
{
    public void Configure(EntityTypeBuilder<WaitlistOffer> builder)
    {
        builder.ToTable("WaitlistOffers", t => t.HasCheckConstraint("CK_WaitlistOffers_StartBeforeEnd", "StartUtc < EndUtc"));
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Version).IsConcurrencyToken();

        builder.HasOne(o => o.Entry).WithMany().HasForeignKey(o => o.EntryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Clinician>().WithMany().HasForeignKey(o => o.ClinicianId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(o => o.AppointmentId).OnDelete(DeleteBehavior.Restrict);

        // Reception's list: open offers, soonest expiry first; and the offers of one freed time.
        builder.HasIndex(o => new { o.Status, o.ExpiresUtc });
        builder.HasIndex(o => new { o.ClinicianId, o.StartUtc });
        builder.HasIndex(o => o.EntryId);
    }
}
