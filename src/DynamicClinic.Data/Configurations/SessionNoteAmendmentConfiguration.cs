using DynamicClinic.Domain.Notes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class SessionNoteAmendmentConfiguration : IEntityTypeConfiguration<SessionNoteAmendment>
{
    public void Configure(EntityTypeBuilder<SessionNoteAmendment> builder)
    {
        builder.Property(a => a.Content).HasMaxLength(16000).IsRequired();
        builder.Property(a => a.Reason).HasMaxLength(SessionNoteAmendment.ReasonMaxLength).IsRequired();
        builder.Property(a => a.AuthorUserId).HasMaxLength(450).IsRequired();
        builder.Property(a => a.AuthorName).HasMaxLength(150).IsRequired();
        builder.HasIndex(a => new { a.SessionNoteId, a.CreatedUtc });
    }
}
