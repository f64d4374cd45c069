using System.Text;
using DynamicClinic.Domain.Clinicians;

namespace DynamicClinic.UnitTests.Admin;

public class ClinicianPhotoTests
{
    private static readonly byte[] PngStart = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    private static readonly byte[] JpegStart = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46];

    private static byte[] WebPStart() => [.. "RIFF"u8.ToArray(), 0x24, 0, 0, 0, .. "WEBPVP8 "u8.ToArray()];

    [Fact]
    public void RecognisesPngJpegAndWebPByTheirFirstBytes()
    {
        Assert.Equal(ClinicianPhoto.Png, ClinicianPhoto.DetectContentType(PngStart));
        Assert.Equal(ClinicianPhoto.Jpeg, ClinicianPhoto.DetectContentType(JpegStart));
        Assert.Equal(ClinicianPhoto.WebP, ClinicianPhoto.DetectContentType(WebPStart()));
    }

    [Theory]
    [InlineData("hello, this is not a picture")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>")]
    [InlineData("GIF89a......")]
    [InlineData("RIFF....WAVE")]
    [InlineData("%PDF-1.7")]
    public void RefusesAnythingElseWhateverItIsCalled(string content)
    {
        var bytes = Encoding.ASCII.GetBytes(content);

        Assert.Null(ClinicianPhoto.DetectContentType(bytes));
        Assert.Equal("The file is not a JPEG, PNG or WebP image.", ClinicianPhoto.Refusal(bytes));
    }

    [Fact]
    public void RefusesAnEmptyFileAndOneOverOneMegabyte()
    {
        var tooBig = new byte[ClinicianPhoto.MaxBytes + 1];
        PngStart.CopyTo(tooBig, 0);
        var justRight = new byte[ClinicianPhoto.MaxBytes];
        PngStart.CopyTo(justRight, 0);

        Assert.NotNull(ClinicianPhoto.Refusal([]));
        Assert.Contains("larger than 1 MB", ClinicianPhoto.Refusal(tooBig), StringComparison.Ordinal);
        Assert.Null(ClinicianPhoto.Refusal(justRight));
    }

    [Fact]
    public void ATruncatedSignatureIsNotAnImage()
    {
        Assert.Null(ClinicianPhoto.DetectContentType(PngStart.AsSpan(0, 5)));
        Assert.Null(ClinicianPhoto.DetectContentType([0xFF, 0xD8]));
    }
}
