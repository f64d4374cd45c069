using Deque.AxeCore.Playwright;
using DynamicClinic.BrowserTests.Infrastructure;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.Photos;
using DynamicClinic.TestSupport;
using DynamicClinic.Web.Features.Photos;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DynamicClinic.BrowserTests.Photos;

/// <summary>
/// At the chair, on a phone (375 px): the clinician takes three views at today's consultation, signs the note, and
/// compares today's frontal hairline with the baseline visit two months ago (seeded with photos), the two stacked.
/// Axe runs on the upload and the compare pages. Uses a patient of its own.
/// </summary>
[Collection(SecondBrowser.Name)]
public class ProgressPhotoJourneyTests(BrowserFixture browser)
{
    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    [Fact]
    public async Task AClinicianUploadsThreeViewsSignsTheNoteAndComparesWithTheBaseline()
    {
        var (patientId, reference) = await PatientWithBaselineAsync();
        await using var context = await browser.NewContextAsync(Viewport.Phone);
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);

        await page.GotoAsync(PhotosController.VisitHref(reference));
        await page.GetByLabel("Work email").FillAsync(DemoDataSeeder.ClinicianEmail);
        await page.GetByLabel("Password").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Progress photos", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("No photos yet.")).ToBeVisibleAsync();
        // The phone's camera opens from the field itself: no script needed.
        await Expect(page.GetByLabel("Crown (vertex)")).ToHaveAttributeAsync("capture", "environment");
        await page.AssertStylesheetsAppliedAsync();
        await page.AssertNoSidewaysScrollAsync();
        await page.SaveScreenshotAsync("1-upload");
        await AssertNoBlockingAxeViolationsAsync(page);

        await page.GetByLabel("Frontal hairline").SetInputFilesAsync(Photo("frontal.jpg", 210));
        await page.GetByLabel("Crown (vertex)").SetInputFilesAsync(Photo("crown.jpg", 200));
        await page.GetByLabel("Donor area").SetInputFilesAsync(Photo("donor.jpg", 190));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the photos" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("3 photos saved.");
        await Expect(page.Locator(".photo-grid img")).ToHaveCountAsync(3);
        await page.AssertNoSidewaysScrollAsync();
        await page.SaveScreenshotAsync("2-saved");

        await page.GetByRole(AriaRole.Link, new() { Name = "The visit's note" }).ClickAsync();
        // The consultation's own fields (Content/note-fields/consultation.json); Norwood or Ludwig as the record's sex says.
        await page.Locator("#f-hair-loss-history").FillAsync("Frontal recession over four years; crown thinning.");
        await page.Locator("#f-medications").FillAsync("None");
        if (await page.Locator("#f-norwood-stage-3").CountAsync() > 0)
        {
            await page.Locator("#f-norwood-stage-3").CheckAsync();
        }
        else
        {
            await page.Locator("#f-ludwig-stage-1").CheckAsync();
        }

        await page.Locator("#f-scalp-findings").FillAsync("Miniaturisation at the crown. Photos taken.");
        await page.Locator("#f-contraindications-none").CheckAsync();
        await page.Locator("#f-plan").FillAsync("Six PRP sessions a month apart.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Draft saved");
        await page.GetByLabel("I confirm this note is accurate").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign note" }).ClickAsync();
        await Expect(page.Locator(".note-status")).ToHaveTextAsync("Signed");

        await page.GetByRole(AriaRole.Link, new() { Name = "Progress photos of this visit" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Compare with earlier visits" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Frontal hairline", Level = 2 })).ToBeVisibleAsync();
        var pair = page.Locator(".compare-photo");
        await Expect(pair).ToHaveCountAsync(2);
        await Expect(pair.First.Locator("figcaption")).ToContainTextAsync("Visit 1");
        await Expect(pair.Last.Locator("figcaption")).ToContainTextAsync("Visit 2");
        await Expect(page.Locator(".photo-strip li")).ToHaveCountAsync(2);
        // Both photos decoded, at the same size, one above the other at phone width. Waited for: the heading shows before
        // the photos have arrived, and on a loaded machine the check ran ahead of the second one (a CI failure); a photo
        // that never decodes still fails here, by the timeout.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.compare-photo img')].every(i => i.complete && i.naturalWidth > 0)");
        foreach (var image in await pair.Locator("img").AllAsync())
        {
            Assert.True(await image.EvaluateAsync<bool>("i => i.complete && i.naturalWidth > 0"));
        }

        var before = (await pair.First.Locator("img").BoundingBoxAsync())!;
        var after = (await pair.Last.Locator("img").BoundingBoxAsync())!;
        Assert.Equal((before.Width, before.Height), (after.Width, after.Height));
        Assert.True(after.Y >= before.Y + before.Height, "the two photos are not stacked at 375 px");
        await page.AssertNoSidewaysScrollAsync();
        await page.SaveScreenshotAsync("3-compare");
        await AssertNoBlockingAxeViolationsAsync(page);

        problems.AssertNone();
        Assert.Equal(patientId, await PatientOfAsync(reference));
    }

    private static FilePayload Photo(string name, int shade) => new() { Name = name, MimeType = "image/jpeg", Buffer = TestPhotos.Jpeg(1200, 1600, shade) };

    private static async Task AssertNoBlockingAxeViolationsAsync(IPage page)
    {
        var results = await page.RunAxe();
        var blocking = results.Violations.Where(v => BlockingImpacts.Contains(v.Impact)).ToList();
        Assert.True(blocking.Count == 0, string.Join("\n", blocking.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})")));
    }

    private async Task<int> PatientOfAsync(string reference)
    {
        await using var scope = browser.Site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        return await db.Appointments.Where(a => a.Reference == reference).Select(a => a.PatientId).SingleAsync();
    }

    /// <summary>
    /// A patient of Dr Ayesha who agreed to photos: a baseline consultation two months ago with three views stored as an
    /// upload stores them, and today's consultation (arrived), whose reference is returned.
    /// </summary>
    private async Task<(int PatientId, string Reference)> PatientWithBaselineAsync()
    {
        await using var scope = browser.Site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var clinician = await db.Clinicians.SingleAsync(c => c.DisplayName == "Dr Ayesha Khan");
        var treatment = await db.Treatments.SingleAsync(t => t.Slug == "general-consultation");
        var now = browser.Site.Clock.GetUtcNow().UtcDateTime;
        var patient = new Patient
        {
            FullName = "Photo Journey Patient",
            PhoneE164 = "+923004447788",
            ConsentsToClinicalPhotos = true,
            CreatedUtc = now.AddDays(-70),
            UpdatedUtc = now.AddDays(-70),
        };
        db.Patients.Add(patient);
        await db.SaveChangesAsync();
        var today = new DateTime(now.Year, now.Month, now.Day, 4, 0, 0, DateTimeKind.Utc);
        var baseline = RecordedAppointments.Recorded(patient, clinician.Id, treatment.Id, today.AddDays(-60), TimeSpan.FromMinutes(30), AppointmentStatus.Completed);
        var visit = RecordedAppointments.Recorded(patient, clinician.Id, treatment.Id, today, TimeSpan.FromMinutes(30), AppointmentStatus.Arrived);
        db.Appointments.AddRange(baseline, visit);
        await db.SaveChangesAsync();

        var store = scope.ServiceProvider.GetRequiredService<IPhotoStore>();
        foreach (var (view, shade) in new[] { (PhotoView.FrontalHairline, 60), (PhotoView.Crown, 50), (PhotoView.DonorArea, 40) })
        {
            var processed = PhotoProcessing.Process(TestPhotos.Jpeg(1200, 1600, shade));
            var photo = new ProgressPhoto
            {
                PatientId = patient.Id,
                AppointmentId = baseline.Id,
                View = view,
                TakenUtc = baseline.StartUtc,
                UploadedByUserId = clinician.StaffUserId ?? "",
                Width = processed.Width,
                Height = processed.Height,
            };
            db.ProgressPhotos.Add(photo);
            await db.SaveChangesAsync();
            await store.SaveAsync(photo.Id, processed.Display!, processed.Thumbnail!, CancellationToken.None);
        }

        return (patient.Id, visit.Reference);
    }
}
