using System.Net;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.TestSupport;
using DynamicClinic.Web.Infrastructure.Database;
using static DynamicClinic.IntegrationTests.Photos.PhotoTestData;

namespace DynamicClinic.IntegrationTests.Photos;

/// <summary>
/// Every bad upload gets a clear message beside its view, and nothing is kept: no photo row, no bytes, no temp file
/// left behind (ASP.NET buffers a large file to disk while the request lasts), never a 5xx. One bad file among good
/// ones refuses the whole upload, so nobody has to work out which photos were kept.
/// </summary>
public class PhotoBadInputTests : IClassFixture<PhotoBadInputTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _site;
    private string _reference = "";

    public PhotoBadInputTests(Factory site) => _site = site;

    public async Task InitializeAsync()
    {
        await _site.SeedDemoDataAsync();
        (_, _reference) = await PatientWithVisitAsync(_site, "Photo Badinput");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string> BadFiles() => new()
    {
        { "text", "not a picture we can read" },
        { "truncated", "not a picture we can read" },
        { "bomb", "This picture is too large: at most 50 megapixels" },
        { "25mb", "larger than 20 MB" },
        { "heic", "Settings > Camera > Formats > Most Compatible" },
        { "path", "holds a folder path" },
        { "empty-jpeg-header", "not a picture we can read" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task IsRefusedWithAMessageAndNothingStored(string kind, string message)
    {
        var (bytes, name) = kind switch
        {
            "text" => ("<html><script>alert(1)</script></html>"u8.ToArray(), "photo.jpg"),
            "truncated" => (TestPhotos.TruncatedJpeg(), "photo.jpg"),
            "bomb" => (TestPhotos.DecompressionBomb(), "photo.png"),
            "25mb" => (Big(), "photo.jpg"),
            "heic" => (TestPhotos.Heic(), "IMG_4410.HEIC"),
            "path" => (TestPhotos.Jpeg(), "../../x.jpg"),
            _ => ((byte[])[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], "photo.jpg"),
        };
        if (kind == "bomb")
        {
            Assert.True(bytes.Length < 500, $"the bomb is {bytes.Length} bytes");
        }

        using var client = await _site.SignedInClientAsync(DemoDataSeeder.ClinicianEmail);
        var before = await PhotoCountAsync(_site);
        var tempBefore = TempFiles();

        // A good photo of another view beside the bad one: the whole upload is refused.
        using var response = await client.UploadAsync(_reference, ("Crown", bytes, name), ("DonorArea", TestPhotos.Jpeg(), "donor.jpg"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var error = html[html.IndexOf("id=\"photo-Crown-error\"", StringComparison.Ordinal)..];
        Assert.Contains(message, error[..error.IndexOf("</span>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\" aria-describedby=\"photo-Crown-error upload-hint\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("photo-DonorArea-error", html, StringComparison.Ordinal);
        Assert.Contains("Nothing was saved", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await PhotoCountAsync(_site));
        Assert.Equal(0, await _site.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.ProgressPhotoImages)));
        await AssertNoTempFileLeftAsync(tempBefore);
    }

    [Fact]
    public async Task NoFileChosenIsAMessageNotAnError()
    {
        using var client = await _site.SignedInClientAsync(DemoDataSeeder.ClinicianEmail);
        var page = await client.GetStringAsync(Visit(_reference));
        using var content = new MultipartFormDataContent
        {
            { new StringContent(HttpClientExtensions.AntiforgeryToken(page)), "__RequestVerificationToken" },
        };
        using var response = await client.PostAsync(Visit(_reference), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose at least one photo", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await PhotoCountAsync(_site));
    }

    [Fact]
    public async Task AnUploadWithoutTheFormsTokenIsRefused()
    {
        using var client = await _site.SignedInClientAsync(DemoDataSeeder.ClinicianEmail);
        using var content = new MultipartFormDataContent { { new ByteArrayContent(TestPhotos.Jpeg()), "photo-Crown", "crown.jpg" } };
        using var response = await client.PostAsync(Visit(_reference), content);

        // Sent back to the page with "This form expired" (FormExpiredFilter); nothing it carried is used.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Visit(_reference), response.Headers.Location!.OriginalString);
        Assert.Equal(0, await PhotoCountAsync(_site));
    }

    [Fact]
    public async Task AFileOverTheFormsOldLimitIsRefusedBesideItsViewNotByTheFramework()
    {
        const int megabytes = 31;
        using var client = await _site.SignedInClientAsync(DemoDataSeeder.ClinicianEmail);
        var before = await PhotoCountAsync(_site);
        var tempBefore = TempFiles();
        var page = await client.GetStringAsync(Visit(_reference));
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(HttpClientExtensions.AntiforgeryToken(page)), "__RequestVerificationToken");
        // Made as it is sent, never held whole in the test's memory.
        var file = new StreamContent(new JpegLikeStream(megabytes * 1024L * 1024L), 81920);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        content.Add(file, "photo-Crown", "big.jpg");

        using var response = await client.PostAsync(Visit(_reference), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var error = html[html.IndexOf("id=\"photo-Crown-error\"", StringComparison.Ordinal)..];
        Assert.Contains("larger than 20 MB", error[..error.IndexOf("</span>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("Nothing was saved", html, StringComparison.Ordinal);
        Assert.Equal(before, await PhotoCountAsync(_site));
        await AssertNoTempFileLeftAsync(tempBefore);
    }

    [Fact]
    public async Task AnUploadTooLargeToReadComesBackToThePhotoPageSayingSoWithNothingSaved()
    {
        using var client = await _site.SignedInClientAsync(DemoDataSeeder.ClinicianEmail);
        var before = await PhotoCountAsync(_site);
        var page = await client.GetStringAsync(Visit(_reference));
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(HttpClientExtensions.AntiforgeryToken(page)), "__RequestVerificationToken");
        // One part over the whole upload's limit of 130 MB: the form reader gives up on it.
        var file = new StreamContent(new JpegLikeStream((130L * 1024 * 1024) + 1), 81920);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        content.Add(file, "photo-Crown", "huge.jpg");

        using var response = await client.PostAsync(Visit(_reference), content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Visit(_reference) + "?tooLarge=true", response.Headers.Location!.OriginalString);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(response.Headers.Location.OriginalString));
        Assert.Contains("These photos are larger than 130 MB together, so nothing was saved. Send them a few at a time, each under 20 MB.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("This form expired", html, StringComparison.Ordinal);
        Assert.Equal(before, await PhotoCountAsync(_site));
    }

    /// <summary>A stream of the given length that begins like a JPEG and is zeros after, produced as it is read.</summary>
    private sealed class JpegLikeStream(long length) : Stream
    {
        private static readonly byte[] Start = TestPhotos.Jpeg()[..64];

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Position);
            for (var i = 0; i < n; i++)
            {
                var at = Position + i;
                buffer[offset + i] = at < Start.Length ? Start[at] : (byte)0;
            }

            Position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>25 MB that begin like a JPEG.</summary>
    private static byte[] Big()
    {
        var bytes = new byte[25 * 1024 * 1024];
        TestPhotos.Jpeg().CopyTo(bytes, 0);
        return bytes;
    }

    /// <summary>Where ASP.NET Core buffers large form files (ASPNETCORE_TEMP, else the system's temp folder).</summary>
    private static string TempFolder() => Environment.GetEnvironmentVariable("ASPNETCORE_TEMP") is { Length: > 0 } folder ? folder : Path.GetTempPath();

    private static HashSet<string> TempFiles() => Directory.GetFiles(TempFolder(), "ASPNETCORE_*.tmp").ToHashSet(StringComparer.Ordinal);

    /// <summary>Files buffered for the request are deleted as it ends, which may be a moment after the response.</summary>
    private static async Task AssertNoTempFileLeftAsync(HashSet<string> before)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (!TempFiles().Except(before).Any())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Empty(TempFiles().Except(before));
    }
}
