using DynamicClinic.Domain.Clinicians;
using NetVips;

namespace DynamicClinic.Web.Infrastructure.Images;

/// <summary>The outcome of reading an upload: the picture to store, or why it was refused (for the page).</summary>
public sealed record PictureResult(byte[]? Jpeg, string? Problem);

/// <summary>
/// Turns an uploaded picture into one we are happy to serve: decoded in full by libvips (NetVips, see
/// docs/decisions/0005-image-library.md), no larger than <see cref="StoredMaxSide"/>, turned upright, flattened and
/// re-encoded as a JPEG without its metadata (a phone photo's EXIF can hold where it was taken). The first bytes
/// proving nothing, a truncated file or a tiny header declaring a huge picture is caught here.
/// </summary>
public static class UploadedPicture
{
    /// <summary>No side longer than this is even decoded: a header can declare any size in a few bytes.</summary>
    public const int MaxSide = 8000;

    /// <summary>At most 40 megapixels decoded (about 160 MB of pixels), well over any phone's camera.</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>A portrait on a booking card needs no more; the stored copy is a few tens of kilobytes.</summary>
    public const int StoredMaxSide = 800;

    public const string Unreadable = "This file is not a picture we can read.";

    public static readonly string TooLarge = $"The picture is too large: at most {MaxSide} pixels wide and high. Please upload a smaller one.";

    // The loaders we accept, by the class name libvips gives them (e.g. VipsForeignLoadPngBuffer). Anything else (SVG,
    // PDF, TIFF, ...) is refused before it is parsed, even though libvips could read it.
    private static readonly string[] AcceptedLoaders = ["VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadWebp"];

    static UploadedPicture()
    {
        // Loaders libvips marks as unsafe for untrusted input are never used, whatever the bytes claim.
        NetVips.NetVips.BlockUntrusted = true;
        // Each upload is read once: libvips' operation cache would only keep decoded pictures alive.
        Cache.Max = 0;
    }

    public static PictureResult Read(byte[] bytes)
    {
        if (ClinicianPhoto.Refusal(bytes) is { } refusal)
        {
            return new(null, refusal);
        }

        try
        {
            var loader = Image.FindLoadBuffer(bytes);
            if (loader is null || !AcceptedLoaders.Any(l => loader.StartsWith(l, StringComparison.Ordinal)))
            {
                return new(null, Unreadable);
            }

            // Opening reads the header only; the pixels are decoded when the thumbnail below is written.
            using var header = Image.NewFromBuffer(bytes, access: Enums.Access.Sequential, failOn: Enums.FailOn.Warning);
            if (header.Width > MaxSide || header.Height > MaxSide || (long)header.Width * header.Height > MaxPixels)
            {
                return new(null, TooLarge);
            }

            // The pixels are decoded from the image opened above, whose loader was told fail_on=warning: a truncated or
            // corrupt file fails here instead of being padded out with grey (libjpeg and libspng call a file that ends
            // early a warning). Streamed in strips, so a large picture never sits whole in memory.
            using var thumbnail = header.ThumbnailImage(StoredMaxSide, height: StoredMaxSide, size: Enums.Size.Down);
            // JPEG has no transparency: a transparent background becomes white, as on the page.
            using var flat = thumbnail.HasAlpha() ? thumbnail.Flatten(background: [255]) : null;
            var jpeg = (flat ?? thumbnail).JpegsaveBuffer(q: 85, keep: Enums.ForeignKeep.None);
            return new(jpeg, null);
        }
        catch (VipsException)
        {
            return new(null, Unreadable);
        }
    }
}
