using DynamicClinic.Data.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.Property(m => m.Kind).HasMaxLength(OutboxMessage.KindMaxLength).IsRequired();
        builder.Property(m => m.ToAddress).HasMaxLength(OutboxMessage.AddressMaxLength).IsRequired();
        builder.Property(m => m.ToName).HasMaxLength(OutboxMessage.NameMaxLength).IsRequired();
        builder.Property(m => m.Subject).HasMaxLength(OutboxMessage.SubjectMaxLength).IsRequired();
        builder.Property(m => m.TextBody).IsRequired();
        builder.Property(m => m.AttachmentFileName).HasMaxLength(100);
        builder.Property(m => m.AttachmentContentType).HasMaxLength(100);
        builder.Property(m => m.LastError).HasMaxLength(500);
        builder.Property(m => m.ClaimedBy).HasMaxLength(100);
        // The sender asks for unsent messages that are due.
        builder.HasIndex(m => new { m.SentUtc, m.NextAttemptUtc });
        // Rows from before texts existed are emails.
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(16).HasDefaultValue(Domain.Messaging.ContactChannel.Email);
        builder.Property(m => m.Template).HasMaxLength(60);
        builder.Property(m => m.Language).HasMaxLength(8);
        builder.Property(m => m.TemplateParameters).HasMaxLength(2000);
        builder.Property(m => m.ProviderMessageId).HasMaxLength(128);
        builder.Property(m => m.DeliveryState).HasMaxLength(16);
        // Status callbacks find the message by the provider's id.
        builder.HasIndex(m => m.ProviderMessageId);
        builder.HasOne(m => m.Appointment).WithMany().HasForeignKey(m => m.AppointmentId).OnDelete(DeleteBehavior.SetNull);
    }
}
