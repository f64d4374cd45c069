using System.Buffers.Binary;
using NetVips;

namespace DynamicClinic.UnitTests.Infrastructure.Images;

/// <summary>Pictures made for the tests: real ones drawn by libvips, and hand-made PNG headers.</summary>
public static class TestPictures
{
    public static byte[] Png(int width, int height, int bands = 3)
    {
        using var pixels = Noise(width, height, bands);
        return pixels.PngsaveBuffer();
    }

    /// <param name="flat">One colour, so even a large picture is a small file.</param>
    public static byte[] Jpeg(int width, int height, bool flat = false)
    {
        using var pixels = flat ? Flat(width, height) : Noise(width, height, 3);
        return pixels.JpegsaveBuffer(q: 90);
    }

    private static Image Flat(int width, int height)
    {
        using var black = Image.Black(width, height, bands: 3);
        using var grey = black + 90;
        return grey.Cast(Enums.BandFormat.Uchar);
    }

    // Noise, so the file is as large as a photo's and a cut lands in the pixels, not in a run of identical bytes.
    private static Image Noise(int width, int height, int bands)
    {
        using var noise = Image.Gaussnoise(width, height, sigma: 40, mean: 128);
        using var grey = noise.Cast(Enums.BandFormat.Uchar);
        return bands == 1 ? grey.Copy() : grey.Bandjoin(Enumerable.Repeat(grey, bands - 1).ToArray());
    }

    /// <summary>
    /// A PNG signature, a valid IHDR chunk declaring <paramref name="width"/> x <paramref name="height"/> RGB pixels
    /// and an empty IDAT chunk: 45 bytes that claim a picture of any size.
    /// </summary>
    public static byte[] PngHeaderOnly(int width, int height)
    {
        var bytes = new List<byte>([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        Chunk(bytes, "IHDR"u8, ihdr);
        Chunk(bytes, "IDAT"u8, []);
        return [.. bytes];
    }

    private static void Chunk(List<byte> png, ReadOnlySpan<byte> type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.AddRange(length);
        var typed = new byte[type.Length + data.Length];
        type.CopyTo(typed);
        data.CopyTo(typed, type.Length);
        png.AddRange(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.AddRange(crc);
    }

    // PNG's CRC-32 (ISO 3309), bit by bit: a few bytes only.
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
