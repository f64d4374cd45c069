using DynamicClinic.Domain.Photos;
using NetVips;

namespace DynamicClinic.Web.Features.Photos;

/// <summary>A progress photo ready to store (both JPEG, no metadata), or why the file was refused.</summary>
public sealed record ProcessedPhoto(byte[]? Display, byte[]? Thumbnail, int Width, int Height, string? Problem)
{
    public static ProcessedPhoto Refused(string problem) => new(null, null, 0, 0, problem);
}

/// <summary>
/// Turns an uploaded progress photo into the two copies we keep, with libvips (NetVips; why in
/// docs/decisions/0005-image-library.md). The bytes decide what the file is, never its name or the browser's type:
/// only libvips' JPEG, PNG and WebP loaders are used, HEIC gets a message saying how to send JPEG. The header is read
/// first and a picture over <see cref="PhotoRules.MaxPixels"/> is refused before a pixel is decoded. The pixels are
/// then decoded in strips with fail_on=warning (a truncated file fails instead of being padded with grey), turned
/// upright by their EXIF orientation, converted to sRGB, shrunk and re-encoded as JPEG with every metadata block left
/// behind (EXIF with GPS and serial numbers, XMP, IPTC, ICC, comments). Everything happens in memory: no temp file.
/// </summary>
public static class PhotoProcessing
{
    // The loaders we accept, by the class name libvips gives them (e.g. VipsForeignLoadJpegBuffer).
    private static readonly string[] AcceptedLoaders = ["VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadWebp"];

    static PhotoProcessing()
    {
        // As for clinicians' photos: loaders libvips marks unsafe for untrusted input are never used, and nothing is cached.
        NetVips.NetVips.BlockUntrusted = true;
        Cache.Max = 0;
    }

    /// <summary>Processes one uploaded file, whatever it claims to be.</summary>
    public static ProcessedPhoto Process(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return ProcessedPhoto.Refused(PhotoRules.NotAPicture);
        }

        if (bytes.Length > PhotoRules.MaxFileBytes)
        {
            return ProcessedPhoto.Refused(PhotoRules.TooLargeFile);
        }

        if (PhotoRules.LooksLikeHeic(bytes))
        {
            return ProcessedPhoto.Refused(PhotoRules.Heic);
        }

        try
        {
            var loader = Image.FindLoadBuffer(bytes);
            if (loader is null || !AcceptedLoaders.Any(l => loader.StartsWith(l, StringComparison.Ordinal)))
            {
                return ProcessedPhoto.Refused(PhotoRules.NotAPicture);
            }

            // Opening reads the header only: the size it declares is checked before anything is decoded.
            using var header = Image.NewFromBuffer(bytes, access: Enums.Access.Sequential, failOn: Enums.FailOn.Warning);
            if (header.Width > PhotoRules.MaxSide || header.Height > PhotoRules.MaxSide || (long)header.Width * header.Height > PhotoRules.MaxPixels)
            {
                return ProcessedPhoto.Refused(PhotoRules.TooManyPixels);
            }

            // Decoded here, streamed in strips; thumbnail applies the EXIF orientation.
            using var display = header.ThumbnailImage(PhotoRules.DisplayLongSide, height: PhotoRules.DisplayLongSide, size: Enums.Size.Down);
            using var srgb = display.Colourspace(Enums.Interpretation.Srgb);
            using var flat = srgb.HasAlpha() ? srgb.Flatten(background: [255, 255, 255]) : null;
            var upright = flat ?? srgb;
            var displayJpeg = upright.JpegsaveBuffer(q: 85, keep: Enums.ForeignKeep.None);
            var (width, height) = (upright.Width, upright.Height);

            // The thumbnail from the display copy: a small decode of our own bytes, not a second one of the upload.
            using var thumbnail = Image.ThumbnailBuffer(displayJpeg, PhotoRules.ThumbnailLongSide, height: PhotoRules.ThumbnailLongSide, size: Enums.Size.Down);
            var thumbnailJpeg = thumbnail.JpegsaveBuffer(q: 78, keep: Enums.ForeignKeep.None);
            return new ProcessedPhoto(displayJpeg, thumbnailJpeg, width, height, null);
        }
        catch (VipsException)
        {
            return ProcessedPhoto.Refused(PhotoRules.NotAPicture);
        }
    }
}
