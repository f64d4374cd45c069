using DynamicClinic.Data;
using DynamicClinic.Domain.Photos;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Photos;

public enum PhotoSize
{
    Display,
    Thumbnail,
}

/// <summary>
/// Where the bytes of progress photos live. The database by default (<see cref="DatabasePhotoStore"/>): every server
/// of the site sees the same photos and they are backed up with the records they belong to. A blob store can take its
/// place later without touching the rest of the feature.
/// </summary>
public interface IPhotoStore
{
    /// <summary>Keeps the two copies of a photo already saved (so it has its id); called inside the upload's transaction.</summary>
    Task SaveAsync(int photoId, byte[] display, byte[] thumbnail, CancellationToken cancellationToken);

    /// <summary>One copy of a photo, or null when there is none.</summary>
    Task<byte[]?> ReadAsync(int photoId, PhotoSize size, CancellationToken cancellationToken);
}

/// <summary>Photos in their own table (<see cref="ProgressPhotoImage"/>), read one copy at a time.</summary>
public sealed class DatabasePhotoStore(ClinicDbContext db) : IPhotoStore
{
    public async Task SaveAsync(int photoId, byte[] display, byte[] thumbnail, CancellationToken cancellationToken)
    {
        db.ProgressPhotoImages.Add(new ProgressPhotoImage { PhotoId = photoId, Display = display, Thumbnail = thumbnail });
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<byte[]?> ReadAsync(int photoId, PhotoSize size, CancellationToken cancellationToken)
    {
        var images = db.ProgressPhotoImages.AsNoTracking().Where(i => i.PhotoId == photoId);
        return size == PhotoSize.Thumbnail
            ? images.Select(i => i.Thumbnail).FirstOrDefaultAsync(cancellationToken)
            : images.Select(i => i.Display).FirstOrDefaultAsync(cancellationToken);
    }
}
