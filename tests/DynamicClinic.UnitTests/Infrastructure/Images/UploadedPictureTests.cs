using System.Text;
using DynamicClinic.Web.Infrastructure.Images;
using NetVips;

namespace DynamicClinic.UnitTests.Infrastructure.Images;

public class UploadedPictureTests
{
    [Fact]
    public void ARealPngIsStoredAsAJpegOfTheSameSize()
    {
        var result = UploadedPicture.Read(TestPictures.Png(120, 90));

        Assert.Null(result.Problem);
        using var stored = Image.NewFromBuffer(result.Jpeg!);
        Assert.StartsWith("VipsForeignLoadJpeg", Image.FindLoadBuffer(result.Jpeg!), StringComparison.Ordinal);
        Assert.Equal((120, 90), (stored.Width, stored.Height));
    }

    [Fact]
    public void ATransparentPngIsFlattened()
    {
        var result = UploadedPicture.Read(TestPictures.Png(40, 40, bands: 4));

        using var stored = Image.NewFromBuffer(result.Jpeg!);
        Assert.False(stored.HasAlpha());
    }

    [Fact]
    public void ALargePhotoIsShrunkToTheStoredSize()
    {
        var result = UploadedPicture.Read(TestPictures.Jpeg(2400, 1600, flat: true));

        using var stored = Image.NewFromBuffer(result.Jpeg!);
        Assert.Equal((UploadedPicture.StoredMaxSide, 533), (stored.Width, stored.Height));
    }

    [Fact]
    public void AHeaderDeclaringAHugePictureIsRefusedBeforeDecoding()
    {
        var header = TestPictures.PngHeaderOnly(30_000, 30_000);

        var result = UploadedPicture.Read(header);

        Assert.Equal(45, header.Length);
        Assert.Null(result.Jpeg);
        Assert.Equal(UploadedPicture.TooLarge, result.Problem);
    }

    [Fact]
    public void AHeaderOfAPictureWithNoPixelsIsRefused()
    {
        var result = UploadedPicture.Read(TestPictures.PngHeaderOnly(100, 100));

        Assert.Null(result.Jpeg);
        Assert.Equal(UploadedPicture.Unreadable, result.Problem);
    }

    [Fact]
    public void TheFirstTwentyBytesOfAPngAreRefused()
    {
        var result = UploadedPicture.Read(TestPictures.Png(300, 300)[..20]);

        Assert.Null(result.Jpeg);
        Assert.Equal(UploadedPicture.Unreadable, result.Problem);
    }

    [Fact]
    public void AHalfPngIsRefused()
    {
        var png = TestPictures.Png(300, 300);

        var result = UploadedPicture.Read(png[..(png.Length / 2)]);

        Assert.Null(result.Jpeg);
        Assert.Equal(UploadedPicture.Unreadable, result.Problem);
    }

    [Fact]
    public void ATruncatedJpegIsRefused()
    {
        var jpeg = TestPictures.Jpeg(300, 300);

        var result = UploadedPicture.Read(jpeg[..(jpeg.Length / 2)]);

        Assert.Null(result.Jpeg);
        Assert.Equal(UploadedPicture.Unreadable, result.Problem);
    }

    [Fact]
    public void AnSvgIsRefusedEvenThoughLibvipsCouldReadIt()
    {
        var svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>");

        Assert.Null(UploadedPicture.Read(svg).Jpeg);
    }
}
