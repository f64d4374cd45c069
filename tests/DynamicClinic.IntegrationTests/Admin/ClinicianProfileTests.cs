using System.Net;
using System.Text;
using DynamicClinic.Domain.Audit;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Admin;

/// <summary>
/// Clinicians' public profiles on the booking step where patients choose whom to see, and the optional photo admins
/// upload: only real images are kept, served from the database with caching and nosniff headers, and removable.
/// </summary>
public class ClinicianProfileTests : IClassFixture<ClinicianProfileTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _factory;

    public ClinicianProfileTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync()
    {
        await _factory.SeedDemoDataAsync();
        await _factory.WithDbAsync(db => db.ClinicianPhotos.ExecuteDeleteAsync());
        // AnEditedBioShowsOnTheBookingStep changes Dr Hina's bio; every test starts from the demo data's.
        await _factory.WithDbAsync(db => db.Clinicians.Where(c => c.DisplayName == "Dr Hina Raza")
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Bio, "Runs medication reviews and general hair-loss consultations.")));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpClient> AdminAsync() => _factory.SignedInClientAsync(DemoDataSeeder.AdminEmail);

    [Fact]
    public async Task ChoosingAClinicianShowsTheirTitleBioAndTreatmentsBesideFirstAvailable()
    {
        using var patient = _factory.CreateClient();

        var html = WebUtility.HtmlDecode(await patient.GetStringAsync("/book?treatment=mesotherapy"));

        Assert.Contains("First available", html, StringComparison.Ordinal);
        Assert.Contains("Dr Ayesha Khan", html, StringComparison.Ordinal);
        Assert.Contains("Dermatologist and hair-restoration specialist", html, StringComparison.Ordinal);
        Assert.Contains("Leads the clinic's mesotherapy and PRP programmes.", html, StringComparison.Ordinal);
        Assert.Contains("Runs medication reviews and general hair-loss consultations.", html, StringComparison.Ordinal);
        Assert.Contains("Offers: General hair-loss consultation", html, StringComparison.Ordinal);
        // Dr Omar does not offer mesotherapy.
        Assert.DoesNotContain("Dr Omar Farooq", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img class=\"clinician-choice__photo\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEditedBioShowsOnTheBookingStep()
    {
        using var admin = await AdminAsync();
        using var save = await admin.PostFormAsync("/staff/admin/clinicians/3", "/staff/admin/clinicians/3/profile", new Dictionary<string, string>
        {
            ["DisplayName"] = "Dr Hina Raza",
            ["Title"] = "Aesthetic physician",
            ["Bio"] = "Ten years of medication reviews for thinning hair.",
            ["IsActive"] = "true",
        });
        using var patient = _factory.CreateClient();

        var html = WebUtility.HtmlDecode(await patient.GetStringAsync("/book?treatment=medications"));

        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        Assert.Contains("Ten years of medication reviews for thinning hair.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminUploadsARealPngWhichPatientsSeeWithCachingAndNoSniffing()
    {
        using var admin = await AdminAsync();

        using var upload = await admin.UploadPhotoAsync(1, SettingsClient.Png, "ayesha.png", "image/png");
        var adminPage = await admin.GetStringAsync("/staff/admin/clinicians/1");
        using var patient = _factory.CreateClient();
        var booking = await patient.GetStringAsync("/book?treatment=mesotherapy");
        var version = await _factory.WithDbAsync(db => db.ClinicianPhotos.Where(p => p.ClinicianId == 1).Select(p => p.Version).SingleAsync());
        var url = $"/clinicians/1/photo?v={version:N}";
        using var photo = await patient.GetAsync(url);
        using var revalidated = await SendAsync(patient, url, photo.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        Assert.Contains("Photo saved", adminPage, StringComparison.Ordinal);
        Assert.Contains($"src=\"{url}\" alt=\"Photo of Dr Ayesha Khan\"", booking, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        // Patients get the site's own re-encoding of the upload, never the uploaded bytes.
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType!.MediaType);
        using (var served = NetVips.Image.NewFromBuffer(await photo.Content.ReadAsByteArrayAsync(), failOn: NetVips.Enums.FailOn.Warning))
        {
            Assert.Equal((1, 1), (served.Width, served.Height));
            Assert.StartsWith("VipsForeignLoadJpeg", NetVips.Image.FindLoadBuffer(await photo.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        }

        Assert.Equal("nosniff", photo.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("max-age=31536000", photo.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.True(photo.Headers.CacheControl.Public);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        var entry = await _factory.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.ClinicianPhotoChanged).OrderByDescending(e => e.Id).FirstAsync());
        Assert.Equal("1", entry.EntityId);
        Assert.DoesNotContain("iVBOR", entry.After, StringComparison.Ordinal);
    }

    /// <summary>A PNG signature and header declaring 30,000 x 30,000 pixels, and no pixels: 45 bytes.</summary>
    private const string HugePngHeader = "iVBORw0KGgoAAAANSUhEUgAAdTAAAHUwCAIAAADpRW/tAAAAAElEQVQ1rwYe";

    [Theory]
    [InlineData("truncated", "This file is not a picture we can read.")]
    [InlineData("huge", "The picture is too large")]
    public async Task APngThatStartsRightButIsNotAUsablePictureIsRefusedAndNothingIsSaved(string kind, string message)
    {
        using var admin = await AdminAsync();
        var bytes = kind == "huge" ? Convert.FromBase64String(HugePngHeader) : SettingsClient.Png[..20];

        using var upload = await admin.UploadPhotoAsync(2, bytes, "photo.png", "image/png");
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/staff/admin/clinicians/2"));

        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        Assert.Contains($"id=\"photo-error\">{message}", page, StringComparison.Ordinal);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.ClinicianPhotos.CountAsync(p => p.ClinicianId == 2)));
        using var patient = _factory.CreateClient();
        using var photo = await patient.GetAsync("/clinicians/2/photo");
        Assert.Equal(HttpStatusCode.NotFound, photo.StatusCode);
    }

    [Fact]
    public async Task ATextFileRenamedToPngIsRefusedAndNothingIsSaved()
    {
        using var admin = await AdminAsync();

        using var upload = await admin.UploadPhotoAsync(2, Encoding.UTF8.GetBytes("just some text, honestly"), "photo.png", "image/png");
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/staff/admin/clinicians/2"));

        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        Assert.Contains("id=\"photo-error\">The file is not a JPEG, PNG or WebP image. Nothing was saved.", page, StringComparison.Ordinal);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.ClinicianPhotos.CountAsync(p => p.ClinicianId == 2)));
        using var patient = _factory.CreateClient();
        using var photo = await patient.GetAsync("/clinicians/2/photo");
        Assert.Equal(HttpStatusCode.NotFound, photo.StatusCode);
    }

    [Fact]
    public async Task APhotoOverOneMegabyteIsRefused()
    {
        using var admin = await AdminAsync();
        var big = new byte[Domain.Clinicians.ClinicianPhoto.MaxBytes + 10];
        SettingsClient.Png.CopyTo(big, 0);

        using var upload = await admin.UploadPhotoAsync(3, big, "big.png", "image/png");
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/staff/admin/clinicians/3"));

        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        Assert.Contains("larger than 1 MB", page, StringComparison.Ordinal);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.ClinicianPhotos.CountAsync()));
    }

    [Fact]
    public async Task AnAdminRemovesThePhoto()
    {
        using var admin = await AdminAsync();
        using var upload = await admin.UploadPhotoAsync(1, SettingsClient.Png, "ayesha.png", "image/png");

        using var remove = await admin.PostFormAsync("/staff/admin/clinicians/1", "/staff/admin/clinicians/1/photo/remove", new Dictionary<string, string>());
        using var patient = _factory.CreateClient();
        var booking = await patient.GetStringAsync("/book?treatment=mesotherapy");
        using var photo = await patient.GetAsync("/clinicians/1/photo");

        Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.ClinicianPhotos.CountAsync()));
        Assert.DoesNotContain("clinician-choice__photo", booking, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, photo.StatusCode);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.ClinicianPhotoRemoved)));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, string etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        return await client.SendAsync(request);
    }
}
