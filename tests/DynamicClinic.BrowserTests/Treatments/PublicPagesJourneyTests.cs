using DynamicClinic.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DynamicClinic.BrowserTests.Treatments;

/// <summary>A visitor's first steps, on a phone and on a laptop: home, a treatment, the way to book.</summary>
[Collection(SharedBrowser.Name)]
public class PublicPagesJourneyTests(BrowserFixture browser)
{
    [Theory]
    [MemberData(nameof(Viewport.Names), MemberType = typeof(Viewport))]
    public async Task VisitorGoesFromHomeToMesotherapyAndReachesBookingByKeyboard(string viewportName)
    {
        var viewport = Viewport.Named(viewportName);
        await using var context = await browser.NewContextAsync(viewport);
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);

        await page.GotoAsync("/");
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        await page.AssertStylesheetsAppliedAsync();
        await page.SaveScreenshotAsync("home");
        await page.AssertNoSidewaysScrollAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Mesotherapy" }).And(page.Locator("[href='/treatments/mesotherapy']")).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.Site.Url("/treatments/mesotherapy"));
        await Expect(page.Locator("h1")).ToContainTextAsync("Mesotherapy");
        await page.SaveScreenshotAsync("mesotherapy");
        await page.AssertNoSidewaysScrollAsync();

        var book = page.GetByRole(AriaRole.Link, new() { Name = "Book a consultation" }).And(page.Locator("[href='/book?treatment=mesotherapy']")).First;
        await Expect(book).ToBeVisibleAsync();

        var presses = await page.TabUntilFocusedAsync(book);
        await Expect(book).ToBeFocusedAsync();
        Assert.InRange(presses, 1, 60);
        await page.SaveScreenshotAsync("booking-link-focused");
        problems.AssertNone();
    }

    [Theory]
    [MemberData(nameof(Viewport.Names), MemberType = typeof(Viewport))]
    public async Task FirstTabFocusesTheSkipLink(string viewportName)
    {
        await using var context = await browser.NewContextAsync(Viewport.Named(viewportName));
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");

        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeVisibleAsync();
        await Expect(skip).ToHaveAttributeAsync("href", "#main");
        await page.SaveScreenshotAsync("skip-link-focused");

        // Following it moves focus into the page's content, past the header.
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToBeFocusedAsync();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/treatments")]
    [InlineData("/treatments/mesotherapy")]
    [InlineData("/privacy")]
    [InlineData("/staff/sign-in")]
    public async Task PageLoadsCleanlyAndFitsAPhoneWithoutSidewaysScrolling(string path)
    {
        await using var context = await browser.NewContextAsync(Viewport.Phone);
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);
        var response = await page.GotoAsync(path);

        Assert.Equal(200, response?.Status);
        await page.AssertStylesheetsAppliedAsync();
        await page.SaveScreenshotAsync(path == "/" ? "home" : path.Trim('/').Replace('/', '-'));
        await page.AssertNoSidewaysScrollAsync();
        problems.AssertNone();
    }
}
