using DynamicClinic.Domain.Photos;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class ProgressPhotoImageConfiguration : IEntityTypeConfiguration<ProgressPhotoImage>
{
    public void Configure(EntityTypeBuilder<ProgressPhotoImage> builder)
    {
        builder.HasKey(i => i.PhotoId);
        builder.Property(i => i.PhotoId).ValueGeneratedNever();
        builder.Property(i => i.Display).IsRequired();
        builder.Property(i => i.Thumbnail).IsRequired();
        builder.HasOne<ProgressPhoto>().WithOne().HasForeignKey<ProgressPhotoImage>(i => i.PhotoId).OnDelete(DeleteBehavior.Cascade);
    }
}
