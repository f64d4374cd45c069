using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace DynamicClinic.TestSupport;

/// <summary>
/// Pictures for photo tests, made in the test: a phone-like JPEG carrying EXIF (GPS, a camera serial, an orientation,
/// a description full of script tags), a truncated JPEG, and a PNG whose header declares 30,000 × 30,000 pixels in a
/// few hundred bytes.
/// </summary>
public static class TestPhotos
{
    public const string Serial = "SERIAL-QZX-4411";
    public const string Script = "<script>alert('exif')</script>";

    /// <summary>A plain JPEG of <paramref name="width"/> × <paramref name="height"/>, a gradient with a colour of its own.</summary>
    public static byte[] Jpeg(int width = 400, int height = 200, int shade = 120)
    {
        using var x = NetVips.Image.Xyz(width, height);
        using var r = x[0] * (255.0 / width);
        using var g = x[1] * (255.0 / height);
        using var b = (r * 0) + shade;
        using var rgb = r.Bandjoin(g, b);
        using var image = rgb.Cast(NetVips.Enums.BandFormat.Uchar).Copy(interpretation: NetVips.Enums.Interpretation.Srgb);
        return image.JpegsaveBuffer(q: 80, keep: NetVips.Enums.ForeignKeep.None);
    }

    /// <summary>
    /// <see cref="Jpeg"/> with an EXIF block as a phone writes one: make, orientation 6 (turn 90° clockwise to view),
    /// a description of script tags, the body serial number and GPS coordinates.
    /// </summary>
    public static byte[] JpegWithExif(int width = 400, int height = 200)
    {
        var jpeg = Jpeg(width, height);
        var app1 = ExifSegment();
        // Straight after the SOI marker (FF D8).
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    /// <summary>The first half of a JPEG: its header is whole, its pixels stop short.</summary>
    public static byte[] TruncatedJpeg() => Jpeg(800, 600)[..^2000];

    /// <summary>A valid PNG signature and IHDR declaring 30,000 × 30,000 pixels, a tiny IDAT and IEND: under 200 bytes.</summary>
    public static byte[] DecompressionBomb(int side = 30_000)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)side);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)side);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(new byte[4096]);
        }

        return [.. (byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], .. Chunk("IHDR", ihdr), .. Chunk("IDAT", compressed.ToArray()), .. Chunk("IEND", [])];
    }

    /// <summary>The first bytes of an iPhone's HEIC photo (an ISO media "ftyp" box with the heic brand).</summary>
    public static byte[] Heic() => [0, 0, 0, 24, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8, .. new byte[2000]];

    private static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>An APP1 "Exif" segment: IFD0 (make, description, orientation, pointers), the Exif IFD (serial), the GPS IFD.</summary>
    private static byte[] ExifSegment()
    {
        // A big-endian TIFF structure; offsets are from the start of the TIFF header.
        var tiff = new List<byte>();
        var make = Encoding.ASCII.GetBytes("QZXPhone\0");
        var description = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(Script, 8)) + "\0");
        var serial = Encoding.ASCII.GetBytes(Serial + "\0");

        const int Ifd0 = 8;
        const int Ifd0Entries = 5;
        const int ExifIfd = Ifd0 + 2 + (Ifd0Entries * 12) + 4;
        const int ExifEntries = 1;
        const int GpsIfd = ExifIfd + 2 + (ExifEntries * 12) + 4;
        const int GpsEntries = 3;
        const int Data = GpsIfd + 2 + (GpsEntries * 12) + 4;
        var makeAt = Data;
        var descriptionAt = makeAt + make.Length;
        var serialAt = descriptionAt + description.Length;
        var latitudeAt = serialAt + serial.Length;

        tiff.AddRange("MM"u8.ToArray());
        tiff.AddRange(U16(42));
        tiff.AddRange(U32(Ifd0));

        tiff.AddRange(U16(Ifd0Entries));
        tiff.AddRange(Entry(0x010E, 2, description.Length, descriptionAt)); // ImageDescription
        tiff.AddRange(Entry(0x010F, 2, make.Length, makeAt)); // Make
        tiff.AddRange([0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]); // Orientation = 6
        tiff.AddRange(Entry(0x8769, 4, 1, ExifIfd)); // Exif IFD
        tiff.AddRange(Entry(0x8825, 4, 1, GpsIfd)); // GPS IFD
        tiff.AddRange(U32(0));

        tiff.AddRange(U16(ExifEntries));
        tiff.AddRange(Entry(0xA431, 2, serial.Length, serialAt)); // BodySerialNumber
        tiff.AddRange(U32(0));

        tiff.AddRange(U16(GpsEntries));
        tiff.AddRange([0x00, 0x00, 0, 1, 0, 0, 0, 4, 2, 3, 0, 0]); // GPSVersionID 2.3.0.0
        tiff.AddRange([0x00, 0x01, 0, 2, 0, 0, 0, 2, (byte)'N', 0, 0, 0]); // GPSLatitudeRef N
        tiff.AddRange(Entry(0x0002, 5, 3, latitudeAt)); // GPSLatitude
        tiff.AddRange(U32(0));

        tiff.AddRange(make);
        tiff.AddRange(description);
        tiff.AddRange(serial);
        foreach (var (numerator, denominator) in new[] { (33, 1), (41, 1), (2460, 100) })
        {
            tiff.AddRange(U32(numerator));
            tiff.AddRange(U32(denominator));
        }

        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        return [0xFF, 0xE1, .. U16(payload.Length + 2), .. payload];
    }

    private static byte[] Entry(int tag, int type, int count, int valueOrOffset) => [.. U16(tag), .. U16(type), .. U32(count), .. U32(valueOrOffset)];

    private static byte[] U16(int value) => [(byte)(value >> 8), (byte)value];

    private static byte[] U32(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}
