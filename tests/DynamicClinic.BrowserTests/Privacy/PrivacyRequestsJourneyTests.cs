using DynamicClinic.BrowserTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DynamicClinic.BrowserTests.Privacy;

/// <summary>
/// An admin opens a patient's privacy requests from the record, sends the decision form empty (refused, messages by
/// the fields) and opens the printable export, on screen and as printed, at phone and desktop width. Erases nothing:
/// the demo data is shared with the other browser tests.
/// </summary>
[Collection(SharedBrowser.Name)]
public class PrivacyRequestsJourneyTests(BrowserFixture browser)
{
    [Theory]
    [MemberData(nameof(Viewport.Names), MemberType = typeof(Viewport))]
    public async Task AdminOpensPrivacyRequestsAndThePrintableExport(string viewportName)
    {
        await using var context = await browser.NewContextAsync(Viewport.Named(viewportName));
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);

        await page.GotoAsync("/staff/sign-in");
        await page.GetByLabel("Work email").FillAsync(DemoDataSeeder.AdminEmail);
        await page.GetByLabel("Password").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.Site.Url("/staff"));

        await page.GotoAsync("/staff/patients?q=demo+patient+two");
        await page.GetByRole(AriaRole.Link, new() { Name = "Demo Patient Two" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Privacy requests" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Request to be forgotten", Level = 2 })).ToBeVisibleAsync();
        await page.AssertNoSidewaysScrollAsync();
        await page.AssertStylesheetsAppliedAsync();
        await page.SaveScreenshotAsync("privacy");

        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await Expect(page.GetByText("Nothing was changed.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Choose what to do with the request.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Give the reason")).ToBeVisibleAsync();
        await page.AssertNoSidewaysScrollAsync();
        await page.SaveScreenshotAsync("privacy-refused");

        await page.GetByRole(AriaRole.Link, new() { Name = "Printable summary" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Personal data held about Demo Patient Two", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Appointments"), Level = 2 })).ToBeVisibleAsync();
        await page.AssertNoSidewaysScrollAsync();
        await page.SaveScreenshotAsync("export");

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Expect(page.GetByText("Use your browser's Print command")).ToBeHiddenAsync();
        await page.SaveScreenshotAsync("export-print");

        problems.AssertNone();
    }
}
