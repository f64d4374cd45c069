using DynamicClinic.Data.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class InboundMessageConfiguration : IEntityTypeConfiguration<InboundMessage>
{
    public void Configure(EntityTypeBuilder<InboundMessage> builder)
    {
        builder.ToTable("InboundMessages");
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.ProviderMessageId).HasMaxLength(128).IsRequired();
        // A webhook delivered twice inserts once: the second insert breaks this index and is ignored.
        builder.HasIndex(m => m.ProviderMessageId).IsUnique();
        builder.Property(m => m.FromPhone).HasMaxLength(32).IsRequired();
        builder.HasIndex(m => m.FromPhone);
        builder.Property(m => m.Body).HasMaxLength(InboundMessage.BodyMaxLength).IsRequired();
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Outcome).HasMaxLength(200);
        // The inbox and the header's unread count ask for unread messages.
        builder.HasIndex(m => m.ReadUtc);
    }
}
