using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using DynamicClinic.Domain.Audit;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.IntegrationTests.Patients;
using DynamicClinic.TestSupport;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using static DynamicClinic.IntegrationTests.Photos.PhotoTestData;

namespace DynamicClinic.IntegrationTests.Photos;

/// <summary>
/// Progress photos over real HTTP: who may take and see them (route by role by relationship), consent first, metadata
/// gone from the stored bytes, the comparison of visits, and the photos in the export, the merge and the anonymisation.
/// </summary>
public class ProgressPhotoTests : IClassFixture<ProgressPhotoTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _site;

    public ProgressPhotoTests(Factory site) => _site = site;

    public async Task InitializeAsync()
    {
        await _site.SeedDemoDataAsync();
        await EnsureHinaAsync(_site);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task WhoSeesWhatRouteByRoleByRelationship()
    {
        var (patientId, reference) = await PatientWithVisitAsync(_site, "Photo Matrix");
        using var ayesha = await _site.SignedInClientAsync(DemoDataSeeder.ClinicianEmail);
        using (var upload = await ayesha.UploadAsync(reference, ("Crown", TestPhotos.Jpeg(), "crown.jpg")))
        {
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        }

        var photoId = Assert.Single(await PhotoIdsAsync(_site, patientId));
        string[] routes = [Visit(reference), $"/staff/photos/{photoId}", $"/staff/photos/{photoId}/thumbnail", $"/staff/patients/{patientId}/photos"];

        // The treating clinician and an admin: every route, images as JPEG never to be stored by the browser.
        foreach (var email in new[] { DemoDataSeeder.ClinicianEmail, DemoDataSeeder.AdminEmail })
        {
            using var client = await _site.SignedInClientAsync(email);
            foreach (var route in routes)
            {
                using var response = await client.GetAsync(route);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{email} {route}: {response.StatusCode}");
                Assert.True(response.Headers.CacheControl?.NoStore, $"{route} may be stored");
            }

            using var image = await client.GetAsync($"/staff/photos/{photoId}");
            Assert.Equal("image/jpeg", image.Content.Headers.ContentType!.MediaType);
        }

        // Reception: never, whatever the route.
        using (var reception = await _site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail))
        {
            foreach (var route in routes)
            {
                using var response = await reception.GetAsync(route);
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                Assert.NotEqual("image/jpeg", response.Content.Headers.ContentType?.MediaType);
            }

            using var posted = await reception.PostAsync(Visit(reference), new MultipartFormDataContent());
            Assert.NotEqual(HttpStatusCode.Redirect, posted.StatusCode);
        }

        // Anonymous: sent to sign in.
        using (var anonymous = _site.CreateClient())
        {
            foreach (var route in routes)
            {
                using var response = await anonymous.GetAsync(route);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Equal("/staff/sign-in", response.Headers.Location!.AbsolutePath);
            }
        }

        // Another clinician: the reason page first (pages) or 403 (images), then everything once a reason is given.
        using var hina = await _site.SignedInClientAsync(HinaEmail);
        foreach (var route in routes)
        {
            using var response = await hina.GetAsync(route);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.NotEqual("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        }

        using (var refused = await hina.GetAsync(Visit(reference)))
        {
            Assert.Contains("Give a reason to open this record", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var given = await hina.PostFormAsync("/staff", $"/staff/patients/{patientId}/reason", new Dictionary<string, string> { ["Reason"] = "Covering Dr Ayesha's clinic today" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, given.StatusCode);
        }

        foreach (var route in routes)
        {
            using var response = await hina.GetAsync(route);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Each upload and each look is audited.
        Assert.Single(await PatientTestData.AuditAsync(_site, patientId, AuditActions.PhotosUploaded));
        var looks = await PatientTestData.AuditAsync(_site, patientId, AuditActions.PhotoViewed);
        Assert.Contains(looks, l => l.ActorName.Contains("Hina", StringComparison.Ordinal));
        Assert.True(looks.Count >= 9, $"{looks.Count} looks audited");
    }

    [Fact]
    public async Task ThreeViewsAtOnceAreStoredWithoutAnyMetadataUprightAndSized()
    {
        var (patientId, reference) = await PatientWithVisitAsync(_site, "Photo Metadata");
        var withExif = TestPhotos.JpegWithExif(4000, 2000);
        // The upload really carries what must go: EXIF with GPS, the serial and the script tags, orientation 6.
        using (var sent = NetVips.Image.NewFromBuffer(withExif))
        {
            Assert.Contains("exif-data", sent.GetFields());
            Assert.Equal(6, sent.Get("orientation"));
            Assert.Contains(TestPhotos.Serial, Encoding.ASCII.GetString(withExif), StringComparison.Ordinal);
            Assert.Contains(sent.GetFields(), f => f.StartsWith("exif-ifd3-", StringComparison.Ordinal));
        }

        using var client = await _site.SignedInClientAsync(DemoDataSeeder.ClinicianEmail);
        using var upload = await client.UploadAsync(
            reference, ("FrontalHairline", withExif, "IMG_0001.jpg"), ("Crown", TestPhotos.Jpeg(300, 300), "IMG_0002.jpg"), ("DonorArea", TestPhotos.Jpeg(), "IMG_0003.jpg"));
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        Assert.Equal(Visit(reference), upload.Headers.Location!.OriginalString);
        Assert.Contains("3 photos saved.", await client.GetStringAsync(Visit(reference)), StringComparison.Ordinal);

        var stored = await _site.WithDbAsync(db => db.ProgressPhotos.Where(p => p.PatientId == patientId)
            .Join(db.ProgressPhotoImages, p => p.Id, i => i.PhotoId, (p, i) => new { p.View, p.Width, p.Height, i.Display, i.Thumbnail, p.AppointmentId })
            .ToListAsync());
        Assert.Equal(3, stored.Count);
        var frontal = stored.Single(s => s.View == Domain.Photos.PhotoView.FrontalHairline);
        foreach (var bytes in new[] { frontal.Display, frontal.Thumbnail })
        {
            var text = Encoding.ASCII.GetString(bytes);
            Assert.DoesNotContain("Exif", text, StringComparison.Ordinal);
            Assert.DoesNotContain(TestPhotos.Serial, text, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", text, StringComparison.Ordinal);
            Assert.DoesNotContain("QZXPhone", text, StringComparison.Ordinal);
            using var image = NetVips.Image.NewFromBuffer(bytes, failOn: NetVips.Enums.FailOn.Warning);
            var fields = image.GetFields();
            Assert.DoesNotContain("exif-data", fields);
            Assert.DoesNotContain("xmp-data", fields);
            Assert.DoesNotContain("iptc-data", fields);
            Assert.DoesNotContain("icc-profile-data", fields);
            Assert.DoesNotContain(fields, f => f.StartsWith("exif-", StringComparison.Ordinal));
            Assert.StartsWith("VipsForeignLoadJpeg", NetVips.Image.FindLoadBuffer(bytes), StringComparison.Ordinal);
        }

        // Turned upright (4000 × 2000 with orientation 6 is a portrait) and no more than 2048 px on its long side.
        Assert.Equal((1024, 2048), (frontal.Width, frontal.Height));
        using (var display = NetVips.Image.NewFromBuffer(frontal.Display))
        using (var thumbnail = NetVips.Image.NewFromBuffer(frontal.Thumbnail))
        {
            Assert.Equal((1024, 2048), (display.Width, display.Height));
            Assert.Equal(320, Math.Max(thumbnail.Width, thumbnail.Height));
        }

        // A small photo is not enlarged.
        var crown = stored.Single(s => s.View == Domain.Photos.PhotoView.Crown);
        Assert.Equal((300, 300), (crown.Width, crown.Height));
    }

    [Fact]
    public async Task NoPhotoWithoutTheClinicalPhotoConsent()
    {
        var (patientId, reference) = await PatientWithVisitAsync(_site, "Photo Noconsent", consent: false);
        using var client = await _site.SignedInClientAsync(DemoDataSeeder.ClinicianEmail);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(Visit(reference)));
        Assert.Contains("No photos without consent.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("type=\"file\"", page, StringComparison.Ordinal);
        Assert.Contains($"/staff/patients/{patientId}/chart", page, StringComparison.Ordinal);

        // A form posted anyway (an old tab) is refused with the message and where to record consent.
        var token = HttpClientExtensions.AntiforgeryToken(await client.GetStringAsync("/staff"));
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(TestPhotos.Jpeg()), "photo-Crown", "crown.jpg" },
        };
        using var posted = await client.PostAsync(Visit(reference), content);
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("has not agreed to clinical photos", WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Empty(await PhotoIdsAsync(_site, patientId));
    }

    [Fact]
    public async Task CompareShowsTheBaselineBesideTheLatestAndEveryVisitInOrder()
    {
        var (patientId, first) = await PatientWithVisitAsync(_site, "Photo Compare", daysAgo: 60);
        var second = await PatientTestData.AddAppointmentAsync(_site, patientId, TimeSpan.FromDays(-30), Domain.Appointments.AppointmentStatus.Completed);
        var third = await PatientTestData.AddAppointmentAsync(_site, patientId, TimeSpan.FromDays(-1), Domain.Appointments.AppointmentStatus.Completed);
        using var client = await _site.SignedInClientAsync(DemoDataSeeder.ClinicianEmail);
        foreach (var (reference, shade) in new[] { (first, 10), (second, 100), (third, 200) })
        {
            using var upload = await client.UploadAsync(reference, ("Crown", TestPhotos.Jpeg(shade: shade), "crown.jpg"), ("LeftTemple", TestPhotos.Jpeg(shade: shade), "temple.jpg"));
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        }

        var ids = await _site.WithDbAsync(db => db.ProgressPhotos.Where(p => p.PatientId == patientId && p.View == Domain.Photos.PhotoView.Crown).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync());
        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/staff/patients/{patientId}/photos?view=Crown"));
        var pair = html[html.IndexOf("class=\"compare-pair\"", StringComparison.Ordinal)..html.IndexOf("Every visit", StringComparison.Ordinal)];
        // Baseline first, latest second; the middle visit is in the strip only.
        Assert.True(pair.IndexOf($"/staff/photos/{ids[0]}\"", StringComparison.Ordinal) < pair.IndexOf($"/staff/photos/{ids[2]}\"", StringComparison.Ordinal));
        Assert.DoesNotContain($"/staff/photos/{ids[1]}\"", pair, StringComparison.Ordinal);
        Assert.Contains("28 Sep 2026", pair, StringComparison.Ordinal);
        Assert.Contains("Visit 1", pair, StringComparison.Ordinal);
        Assert.Contains("Visit 3", pair, StringComparison.Ordinal);
        var strip = html[html.IndexOf("class=\"photo-strip\"", StringComparison.Ordinal)..];
        var positions = ids.Select(id => strip.IndexOf($"/staff/photos/{id}/thumbnail", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);

        // Two chosen visits; the record links to the comparison.
        var chosen = WebUtility.HtmlDecode(await client.GetStringAsync($"/staff/patients/{patientId}/photos?view=Crown&before={second}&after={third}"));
        var chosenPair = chosen[chosen.IndexOf("class=\"compare-pair\"", StringComparison.Ordinal)..chosen.IndexOf("Every visit", StringComparison.Ordinal)];
        Assert.Contains($"/staff/photos/{ids[1]}\"", chosenPair, StringComparison.Ordinal);
        Assert.DoesNotContain($"/staff/photos/{ids[0]}\"", chosenPair, StringComparison.Ordinal);
        Assert.Contains($"/staff/patients/{patientId}/photos", await client.GetStringAsync($"/staff/patients/{patientId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportZipHoldsTheJsonAndEveryPhoto()
    {
        var (patientId, reference) = await PatientWithVisitAsync(_site, "Photo Export");
        using var clinician = await _site.SignedInClientAsync(DemoDataSeeder.ClinicianEmail);
        using (var upload = await clinician.UploadAsync(reference, ("Crown", TestPhotos.JpegWithExif(), "crown.jpg"), ("DonorArea", TestPhotos.Jpeg(), "donor.jpg")))
        {
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        }

        using var admin = await _site.SignedInClientAsync(DemoDataSeeder.AdminEmail);
        using var response = await admin.GetAsync($"/staff/patients/{patientId}/privacy/export.zip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var json = zip.GetEntry($"patient-{patientId}.json");
        Assert.NotNull(json);
        using var document = await JsonDocument.ParseAsync(json.Open());
        var photos = document.RootElement.GetProperty("photos").EnumerateArray().ToList();
        Assert.Equal(2, photos.Count);
        foreach (var photo in photos)
        {
            var entry = zip.GetEntry(photo.GetProperty("fileName").GetString()!);
            Assert.NotNull(entry);
            Assert.Equal(reference, photo.GetProperty("appointmentReference").GetString());
            using var memory = new MemoryStream();
            await entry.Open().CopyToAsync(memory);
            Assert.StartsWith("VipsForeignLoadJpeg", NetVips.Image.FindLoadBuffer(memory.ToArray()), StringComparison.Ordinal);
            Assert.DoesNotContain(TestPhotos.Serial, Encoding.ASCII.GetString(memory.ToArray()), StringComparison.Ordinal);
        }

        Assert.Contains(await PatientTestData.AuditAsync(_site, patientId, AuditActions.PatientExported), e => e.After!.Contains("zip", StringComparison.Ordinal));

        // Not for the front desk: the privacy pages are admins' only.
        using var reception = await _site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);
        using var refused = await reception.GetAsync($"/staff/patients/{patientId}/privacy/export.zip");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task PhotosAreClinicalRecordErasureIsRefusedAnonymisationKeepsThem()
    {
        // A visit booked and not yet attended, no note: only the photo makes this a clinical record.
        var patientId = await PatientTestData.AddPatientAsync(_site, "Photo Erasure");
        await _site.WithDbAsync(async db =>
        {
            (await db.Patients.SingleAsync(p => p.Id == patientId)).ConsentsToClinicalPhotos = true;
            return await db.SaveChangesAsync();
        });
        var reference = await PatientTestData.AddAppointmentAsync(_site, patientId, TimeSpan.FromHours(1));
        using var clinician = await _site.SignedInClientAsync(DemoDataSeeder.ClinicianEmail);
        using (var upload = await clinician.UploadAsync(reference, ("Crown", TestPhotos.Jpeg(), "crown.jpg")))
        {
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        }

        using var admin = await _site.SignedInClientAsync(DemoDataSeeder.AdminEmail);
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync($"/staff/patients/{patientId}/privacy"));
        Assert.Contains("1 progress photo", page, StringComparison.Ordinal);

        using (var erase = await admin.PostFormAsync($"/staff/patients/{patientId}/privacy", $"/staff/patients/{patientId}/privacy", new Dictionary<string, string>
        {
            ["Decision"] = "Erase",
            ["Reason"] = "Patient asked by email to be forgotten",
            ["Confirmation"] = patientId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }))
        {
            Assert.NotEqual(HttpStatusCode.Redirect, erase.StatusCode);
        }

        Assert.Single(await PhotoIdsAsync(_site, patientId));

        using (var anonymise = await admin.PostFormAsync($"/staff/patients/{patientId}/privacy", $"/staff/patients/{patientId}/privacy", new Dictionary<string, string>
        {
            ["Decision"] = "Anonymise",
            ["Reason"] = "Patient asked by email to be forgotten",
            ["Confirmation"] = patientId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymise.StatusCode);
        }

        var photoId = Assert.Single(await PhotoIdsAsync(_site, patientId));
        using var photo = await admin.GetAsync($"/staff/photos/{photoId}");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
    }

    [Fact]
    public async Task AMergeMovesThePhotosToTheKeptRecord()
    {
        var (keptId, _) = await PatientWithVisitAsync(_site, "Photo Merge Kept");
        var (duplicateId, reference) = await PatientWithVisitAsync(_site, "Photo Merge Duplicate");
        using var clinician = await _site.SignedInClientAsync(DemoDataSeeder.ClinicianEmail);
        using (var upload = await clinician.UploadAsync(reference, ("Crown", TestPhotos.Jpeg(), "crown.jpg")))
        {
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        }

        using var reception = await _site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);
        var action = $"/staff/patients/{keptId}/merge";
        var form = await PatientTestData.FormAsync(reception, $"{action}?other={duplicateId}", action);
        form["NameFrom"] = "kept";
        form["PhoneFrom"] = "kept";
        form["EmailFrom"] = "kept";
        using (var merged = await reception.PostAsync(action, new FormUrlEncodedContent(form)))
        {
            Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        }

        Assert.Empty(await PhotoIdsAsync(_site, duplicateId));
        Assert.Single(await PhotoIdsAsync(_site, keptId));
    }
}
