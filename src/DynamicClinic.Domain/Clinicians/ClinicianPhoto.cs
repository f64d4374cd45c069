namespace DynamicClinic.Domain.Clinicians;

/// <summary>
/// A clinician's optional photo, shown to patients choosing whom to see. Kept in the database (not on one server's
/// disk) so every instance of the site serves it. Only JPEG, PNG and WebP uploads are considered, recognised by their
/// first bytes rather than by the name or content type the browser sent; the site then decodes them and stores its
/// own re-encoded JPEG (DynamicClinic.Web's UploadedPicture).
/// </summary>
public class ClinicianPhoto
{
    /// <summary>Largest accepted photo: a portrait for a card at phone width needs far less.</summary>
    public const int MaxBytes = 1024 * 1024;

    public const int ContentTypeMaxLength = 20;

    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string WebP = "image/webp";

    /// <summary>The clinician's id: a clinician has one photo at most.</summary>
    public int ClinicianId { get; set; }

    /// <summary>One of <see cref="Jpeg"/>, <see cref="Png"/> or <see cref="WebP"/>; <see cref="Jpeg"/> for every photo re-encoded on upload.</summary>
    public string ContentType { get; set; } = "";

    public byte[] Content { get; set; } = [];

    /// <summary>Renewed with every upload; part of the photo's URL so browsers fetch a new photo at once.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public DateTime UploadedUtc { get; set; }

    /// <summary>The image type the bytes begin with (JPEG, PNG or WebP), or null for anything else.</summary>
    public static string? DetectContentType(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 8 && bytes[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return Jpeg;
        }

        // "RIFF", four bytes of length, "WEBP".
        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP;
        }

        return null;
    }

    /// <summary>Why an upload cannot be used, or null when it can.</summary>
    public static string? Refusal(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            return "Choose a photo to upload.";
        }

        if (bytes.Length > MaxBytes)
        {
            return "The photo is larger than 1 MB. Please upload a smaller one.";
        }

        return DetectContentType(bytes) is null ? "The file is not a JPEG, PNG or WebP image." : null;
    }
}
