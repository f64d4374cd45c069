using DynamicClinic.BrowserTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DynamicClinic.BrowserTests.Admin;

/// <summary>
/// At phone width: an admin corrects the clinic's phone number in the settings (after a refused buffer value), uploads
/// Dr Ayesha's photo, and a patient choosing whom to see finds her photo, title, bio and treatments. Booking rules are
/// left as they were, so the other journeys on this shared site see the same times.
/// </summary>
[Collection(SharedBrowser.Name)]
public class ClinicSettingsJourneyTests(BrowserFixture browser)
{
    /// <summary>A real 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task AdminChangesTheClinicPhoneAndAddsAPhotoThatPatientsSeeWhenChoosingAClinician()
    {
        await using var context = await browser.NewContextAsync(Viewport.Phone);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/staff/sign-in");
        await page.GetByLabel("Work email").FillAsync(DemoDataSeeder.AdminEmail);
        await page.GetByLabel("Password").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Clinic settings" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Clinic settings", Level = 1 })).ToBeVisibleAsync();
        await page.AssertNoSidewaysScrollAsync();
        await page.SaveScreenshotAsync("settings-form");

        // A buffer off the five-minute grid is refused beside the field, and nothing is saved.
        var buffer = await page.Locator("#BufferMinutes").InputValueAsync();
        await page.Locator("#BufferMinutes").FillAsync("7");
        await page.Locator("#Phone").FillAsync("051 2345678");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(page.Locator("#BufferMinutes-error")).ToContainTextAsync("multiple of 5");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was saved");
        await page.AssertNoSidewaysScrollAsync();
        await page.SaveScreenshotAsync("settings-refused");

        // From here on nothing may go wrong in the browser (the refused form above was a 400 on purpose).
        var problems = PageProblems.Watch(page);

        await page.Locator("#BufferMinutes").FillAsync(buffer);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Settings saved");
        await Expect(page.Locator("#Phone")).ToHaveValueAsync("+92 51 2345678");

        // Dr Ayesha's photo, on her schedule page.
        await page.GotoAsync("/staff/admin/clinicians");
        await page.GetByRole(AriaRole.Link, new() { Name = "Dr Ayesha Khan" }).First.ClickAsync();
        await page.Locator("#photo-file").SetInputFilesAsync(new FilePayload { Name = "ayesha.png", MimeType = "image/png", Buffer = Png });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload photo" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Photo saved");
        await Expect(page.GetByAltText("Photo of Dr Ayesha Khan")).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.AssertNoSidewaysScrollAsync();
        await page.SaveScreenshotAsync("clinician-photo");

        // A patient choosing whom to see; the footer has the new number.
        await using var patientContext = await browser.NewContextAsync(Viewport.Phone);
        var patient = await patientContext.NewPageAsync();
        var patientProblems = PageProblems.Watch(patient);
        await patient.GotoAsync("/book?treatment=mesotherapy");
        var ayesha = patient.Locator(".clinician-choice").Filter(new() { HasText = "Dr Ayesha Khan" });
        await Expect(ayesha).ToContainTextAsync("Leads the clinic's mesotherapy and PRP programmes.");
        await Expect(ayesha).ToContainTextAsync("Offers: General hair-loss consultation");
        await Expect(ayesha.GetByAltText("Photo of Dr Ayesha Khan")).ToBeVisibleAsync();
        await Expect(patient.GetByRole(AriaRole.Radio, new() { Name = "First available" })).ToBeCheckedAsync();
        await Expect(patient.Locator(".site-footer")).ToContainTextAsync("+92 51 2345678");
        await patient.WaitForLoadStateAsync(LoadState.Load);
        await patient.AssertNoSidewaysScrollAsync();
        await patient.SaveScreenshotAsync("clinician-choice");

        problems.AssertNone();
        patientProblems.AssertNone();
    }
}
