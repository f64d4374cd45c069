using DynamicClinic.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(a => a.ActorUserId).HasMaxLength(450);
        builder.Property(a => a.ActorName).HasMaxLength(AuditEntry.ActorNameMaxLength).IsRequired();
        builder.Property(a => a.Action).HasMaxLength(AuditEntry.ActionMaxLength).IsUnicode(false).IsRequired();
        builder.Property(a => a.EntityType).HasMaxLength(AuditEntry.EntityTypeMaxLength).IsUnicode(false).IsRequired();
        builder.Property(a => a.EntityId).HasMaxLength(AuditEntry.EntityIdMaxLength).IsRequired();
        builder.Property(a => a.Summary).HasMaxLength(AuditEntry.SummaryMaxLength).IsRequired();
        builder.Property(a => a.Before).HasMaxLength(AuditEntry.StateMaxLength);
        builder.Property(a => a.After).HasMaxLength(AuditEntry.StateMaxLength);

        // The only foreign key is the patient's, so an entry written with a new patient gets its id; erasing a
        // patient later unlinks the entries rather than losing them. The trail outlives what it describes.
        builder.HasOne(a => a.Patient).WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.SetNull);
        // The audit log pages filter by date, by actor, by patient and by record.
        builder.HasIndex(a => a.OccurredUtc);
        builder.HasIndex(a => new { a.PatientId, a.OccurredUtc });
        builder.HasIndex(a => new { a.ActorUserId, a.OccurredUtc });
        // By record; with the action and time, a record's latest entry of one kind (when an appointment was
        // cancelled, for the late-cancellation report) is one seek.
        builder.HasIndex(a => new { a.EntityType, a.EntityId, a.Action, a.OccurredUtc });
    }
}
