using DynamicClinic.Domain.Photos;
using DynamicClinic.Web.Features.Photos;

namespace DynamicClinic.UnitTests.Photos;

public sealed class PhotoRulesTests
{
    [Theory]
    [InlineData("heic", true)]
    [InlineData("heix", true)]
    [InlineData("mif1", true)]
    [InlineData("avif", true)]
    [InlineData("isom", false)]
    [InlineData("mp42", false)]
    public void HeicIsRecognisedByItsFtypBrand(string brand, bool heic)
    {
        byte[] bytes = [0, 0, 0, 24, .. "ftyp"u8, .. System.Text.Encoding.ASCII.GetBytes(brand), 0, 0, 0, 0];
        Assert.Equal(heic, PhotoRules.LooksLikeHeic(bytes));
    }

    [Fact]
    public void AJpegIsNotHeic() => Assert.False(PhotoRules.LooksLikeHeic([0xFF, 0xD8, 0xFF, 0xE0, 0, 16, .. "JFIF"u8, 0, 1]));

    [Theory]
    [InlineData("IMG_0001.jpg", true)]
    [InlineData("crown photo.JPEG", true)]
    [InlineData("../../x.jpg", false)]
    [InlineData("..\\x.jpg", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("a/b.jpg", false)]
    [InlineData("x\u0000.jpg", false)]
    public void OnlyAPlainFileNameIsAccepted(string name, bool plain) => Assert.Equal(plain, PhotoDesk.PlainFileName(name));

    [Fact]
    public void EachViewHasItsOwnFieldAndLabel()
    {
        foreach (var view in Enum.GetValues<PhotoView>())
        {
            Assert.Equal(view, PhotoDesk.ViewOfField(PhotoDesk.FieldFor(view)));
            Assert.NotEqual(view.ToString(), PhotoRules.Label(view));
        }

        Assert.Null(PhotoDesk.ViewOfField("photo-Nose"));
        Assert.Null(PhotoDesk.ViewOfField("photo-99"));
        Assert.Null(PhotoDesk.ViewOfField("__RequestVerificationToken"));
    }

    [Fact]
    public void TheExportNameHoldsNothingTheUploaderTyped() =>
        Assert.Equal("2026-11-27-crown-41.jpg", PhotoRules.ExportName(new DateOnly(2026, 11, 27), PhotoView.Crown, 41));

    [Fact]
    public void ABombHeaderIsRefusedBeforeDecoding()
    {
        // A PNG declaring 30,000 x 30,000 (900 megapixels) made by libvips itself would take minutes; 8,000 x 8,000
        // (64 megapixels, over the limit) of one colour compresses to a few kilobytes.
        using var big = NetVips.Image.Black(8000, 8000);
        var png = big.PngsaveBuffer(compression: 1);
        Assert.Equal(PhotoRules.TooManyPixels, PhotoProcessing.Process(png).Problem);
    }

    [Fact]
    public void ATransparentPngBecomesAnOpaqueJpegOfBothSizes()
    {
        using var black = NetVips.Image.Black(3000, 1000, bands: 4);
        var png = black.PngsaveBuffer();
        var photo = PhotoProcessing.Process(png);
        Assert.Null(photo.Problem);
        Assert.Equal((2048, 683), (photo.Width, photo.Height));
        using var display = NetVips.Image.NewFromBuffer(photo.Display!);
        Assert.False(display.HasAlpha());
        Assert.StartsWith("VipsForeignLoadJpeg", NetVips.Image.FindLoadBuffer(photo.Thumbnail!), StringComparison.Ordinal);
    }
}
