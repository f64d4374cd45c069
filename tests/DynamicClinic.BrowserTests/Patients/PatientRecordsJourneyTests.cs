using System.Text.RegularExpressions;
using DynamicClinic.BrowserTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DynamicClinic.BrowserTests.Patients;

/// <summary>
/// Reception finds a patient, reads the record, tries an edit that is refused and looks at a merge, at phone and
/// desktop width. Changes nothing (the demo data is shared with the other browser tests).
/// </summary>
[Collection(SharedBrowser.Name)]
public class PatientRecordsJourneyTests(BrowserFixture browser)
{
    [Theory]
    [MemberData(nameof(Viewport.Names), MemberType = typeof(Viewport))]
    public async Task ReceptionFindsReadsAndChecksAPatientRecord(string viewportName)
    {
        await using var context = await browser.NewContextAsync(Viewport.Named(viewportName));
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);

        await page.GotoAsync("/staff/sign-in");
        await page.GetByLabel("Work email").FillAsync(DemoDataSeeder.ReceptionEmail);
        await page.GetByLabel("Password").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.Site.Url("/staff"));

        await page.GotoAsync("/staff/patients");
        await page.GetByLabel("Find a patient").FillAsync("demo patient");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Demo Patient Two" })).ToBeVisibleAsync();
        await page.AssertNoSidewaysScrollAsync();
        await page.AssertStylesheetsAppliedAsync();
        await page.SaveScreenshotAsync("search");

        await page.GetByRole(AriaRole.Link, new() { Name = "Demo Patient Two" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Upcoming appointments", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Who changed what", Level = 2 })).ToBeVisibleAsync();
        await page.AssertNoSidewaysScrollAsync();
        await page.SaveScreenshotAsync("record");
        var recordUrl = page.Url;

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit contact details" }).ClickAsync();
        await page.GetByLabel("Mobile number").FillAsync("12345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.GetByText("Enter a valid mobile number")).ToBeVisibleAsync();
        await page.AssertNoSidewaysScrollAsync();
        await page.SaveScreenshotAsync("edit-refused");

        await page.GotoAsync(recordUrl + "/merge?q=demo+patient+one");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Choose") }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Full name to keep" })).ToBeVisibleAsync();
        await page.AssertNoSidewaysScrollAsync();
        await page.SaveScreenshotAsync("merge-compare");

        problems.AssertNone();
    }
}
