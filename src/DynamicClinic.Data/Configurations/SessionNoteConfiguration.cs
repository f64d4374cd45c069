using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Notes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class SessionNoteConfiguration : IEntityTypeConfiguration<SessionNote>
{
    public void Configure(EntityTypeBuilder<SessionNote> builder)
    {
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Status).HasConversion<string>().HasMaxLength(16);
        // JSON of the note's fields; generous, but bounded, on both providers.
        builder.Property(n => n.Content).HasMaxLength(16000).IsRequired();
        builder.Property(n => n.AuthorUserId).HasMaxLength(450).IsRequired();
        builder.Property(n => n.AuthorName).HasMaxLength(150).IsRequired();
        builder.Property(n => n.Version).IsConcurrencyToken();

        // One note per appointment, written by its clinician.
        builder.HasOne(n => n.Appointment).WithMany().HasForeignKey(n => n.AppointmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(n => n.AppointmentId).IsUnique();
        builder.HasIndex(n => new { n.AuthorUserId, n.Status });
        builder.HasMany(n => n.Amendments).WithOne().HasForeignKey(a => a.SessionNoteId).OnDelete(DeleteBehavior.Restrict);
    }
}
