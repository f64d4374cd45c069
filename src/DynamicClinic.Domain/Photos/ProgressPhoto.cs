namespace DynamicClinic.Domain.Photos;

/// <summary>The standard views of the scalp, taken the same way at every visit so that visits can be compared.</summary>
public enum PhotoView
{
    FrontalHairline = 1,
    MidScalp = 2,
    Crown = 3,
    LeftTemple = 4,
    RightTemple = 5,
    DonorArea = 6,
}

/// <summary>
/// A progress photo taken at a visit: which patient, which appointment, which view, when and by whom. The pictures
/// themselves (a display copy and a thumbnail) live in <see cref="ProgressPhotoImage"/>, a table of their own, so
/// listing a patient's photos never reads their bytes.
/// </summary>
public class ProgressPhoto
{
    public const int UploadedByMaxLength = 450;

    public int Id { get; set; }

    public int PatientId { get; set; }

    public int AppointmentId { get; set; }

    public PhotoView View { get; set; }

    public DateTime TakenUtc { get; set; }

    /// <summary>The staff user's id; the name is read from the audit trail or the user table when shown.</summary>
    public string UploadedByUserId { get; set; } = "";

    /// <summary>Size of the display copy in pixels (at most <see cref="PhotoRules.DisplayLongSide"/> on its long side).</summary>
    public int Width { get; set; }

    public int Height { get; set; }
}

/// <summary>The bytes of a progress photo: both JPEG, re-encoded on upload without any metadata.</summary>
public class ProgressPhotoImage
{
    /// <summary>The photo's id (one row per photo).</summary>
    public int PhotoId { get; set; }

    public byte[] Display { get; set; } = [];

    public byte[] Thumbnail { get; set; } = [];
}

/// <summary>The clinic's rules for progress photos, apart from any decoding.</summary>
public static class PhotoRules
{
    /// <summary>Largest file accepted: a 12-megapixel phone JPEG is 3 to 6 MB, a PNG of the same far more.</summary>
    public const int MaxFileBytes = 20 * 1024 * 1024;

    /// <summary>At most this many pixels are ever decoded; a header can declare any size in a few bytes.</summary>
    public const long MaxPixels = 50_000_000;

    /// <summary>No side longer than this is decoded either (a 1 × 40,000 strip is no photo).</summary>
    public const int MaxSide = 12_000;

    /// <summary>The display copy's long side: sharp on a tablet, a few hundred kilobytes.</summary>
    public const int DisplayLongSide = 2048;

    /// <summary>The thumbnail's long side, for the lists and the compare strip.</summary>
    public const int ThumbnailLongSide = 320;

    /// <summary>Photos one visit's upload may carry.</summary>
    public const int MaxFilesPerUpload = 12;

    /// <summary>Largest upload request: room for a full upload of photos at their largest; a larger one is not read.</summary>
    public const long MaxUploadBytes = 130L * 1024 * 1024;

    public const string NoConsent = "The patient has not agreed to clinical photos. Record their consent under \"Edit clinical details\" on their record before taking any.";

    public const string NoFile = "Choose at least one photo, beside the view it shows.";

    public const string NotAPicture = "This file is not a picture we can read (it may be damaged or cut short). Send a JPEG, PNG or WebP photo.";

    public const string Heic = "This is a HEIC photo, which we cannot read. On an iPhone choose Settings > Camera > Formats > Most Compatible (photos are then taken as JPEG), or share the photo as JPEG.";

    public static string TooLargeFile => $"This file is larger than {MaxFileBytes / 1024 / 1024} MB. Send a smaller photo (a phone's normal JPEG is well under this).";

    public static string TooLargeUpload => $"These photos are larger than {MaxUploadBytes / 1024 / 1024} MB together, so nothing was saved. Send them a few at a time, each under {MaxFileBytes / 1024 / 1024} MB.";

    public static string TooManyPixels => $"This picture is too large: at most {MaxPixels / 1_000_000} megapixels and {MaxSide:N0} pixels a side.";

    public static string TooMany => $"Upload at most {MaxFilesPerUpload} photos at once.";

    public static string Label(PhotoView view) => view switch
    {
        PhotoView.FrontalHairline => "Frontal hairline",
        PhotoView.MidScalp => "Mid-scalp (top)",
        PhotoView.Crown => "Crown (vertex)",
        PhotoView.LeftTemple => "Left temple",
        PhotoView.RightTemple => "Right temple",
        PhotoView.DonorArea => "Donor area",
        _ => view.ToString(),
    };

    /// <summary>The file name a photo carries in the export: date, view and id, never anything the uploader typed.</summary>
    public static string ExportName(DateOnly takenOn, PhotoView view, int id) =>
        $"{takenOn:yyyy-MM-dd}-{view.ToString().ToLowerInvariant()}-{id}.jpg";

    /// <summary>
    /// True when the bytes begin like a HEIF/HEIC file (an ISO media "ftyp" box naming a HEIF brand): refused with a
    /// message saying how to send JPEG, rather than "not a picture".
    /// </summary>
    public static bool LooksLikeHeic(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 12 || !bytes[4..8].SequenceEqual("ftyp"u8))
        {
            return false;
        }

        var brand = bytes[8..12];
        return brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("hevc"u8)
            || brand.SequenceEqual("heim"u8) || brand.SequenceEqual("heis"u8) || brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("msf1"u8)
            || brand.SequenceEqual("avif"u8);
    }
}
