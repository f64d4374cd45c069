using DynamicClinic.BrowserTests.Infrastructure;
using DynamicClinic.BrowserTests.SiteWide;
using DynamicClinic.Web.Features.Treatments;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DynamicClinic.BrowserTests.Treatments;

/// <summary>
/// The public pages in Urdu, on a phone (375 px) and a laptop (1366 px): right to left, in the Urdu typeface, nothing
/// scrolling sideways, the phone number reading left to right, the language switch keeping the page; and axe over
/// every Urdu public page.
/// </summary>
[Collection(SharedBrowser.Name)]
public class UrduPagesJourneyTests(BrowserFixture browser)
{
    private static readonly Viewport Laptop = new("laptop", 1366, 768, IsMobile: false);

    public static TheoryData<string> Widths => [Viewport.Phone.Name, Laptop.Name];

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task VisitorReadsHomeAndMesotherapyInUrduAndSwitchesToEnglish(string viewportName)
    {
        var viewport = viewportName == Laptop.Name ? Laptop : Viewport.Named(viewportName);
        await using var context = await browser.NewContextAsync(viewport);
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);

        await page.GotoAsync("/ur");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ur");
        await Expect(page.Locator("h1")).ToHaveTextAsync("بالوں کے کم ہونے اور گرنے کا ماہرانہ علاج");
        await page.AssertStylesheetsAppliedAsync();
        await AssertUrduTypefaceAsync(page);
        await page.SaveScreenshotAsync($"ur-home-{viewport.Name}");
        await page.AssertNoSidewaysScrollAsync();

        // The footer's phone number reads left to right inside the Urdu text.
        var phone = page.Locator("footer a[href^='tel:']");
        Assert.Equal("ltr", await phone.EvaluateAsync<string>("a => getComputedStyle(a).direction"));
        await phone.ScrollIntoViewIfNeededAsync();
        await page.SaveScreenshotAsync($"ur-footer-{viewport.Name}");
        // The opening hours in Urdu (the admin writes them in English), the address in its Latin spelling.
        var footer = page.Locator("footer");
        await Expect(footer.GetByText("پیر تا ہفتہ: 10:00 تا 19:00")).ToBeVisibleAsync();
        await Expect(footer.GetByText("اتوار: بند")).ToBeVisibleAsync();
        await Expect(footer.Locator("bdi[lang=en]")).ToHaveTextAsync("Dynamic Clinic, Islamabad, Pakistan");
        await page.Locator("#visit-heading").ScrollIntoViewIfNeededAsync();
        await Expect(page.Locator(".visit").GetByText("پیر تا ہفتہ: 10:00 تا 19:00")).ToBeVisibleAsync();
        await page.SaveScreenshotAsync($"ur-visit-{viewport.Name}");
        await page.AssertNoSidewaysScrollAsync();

        // Right to left: the brand starts at the right-hand edge, the header's links to its left.
        var brand = await page.Locator(".brand").BoundingBoxAsync();
        Assert.NotNull(brand);
        Assert.True(brand.X + brand.Width > viewport.Width * 0.6, $"the brand ends at {brand.X + brand.Width}px of {viewport.Width}px");

        await page.GetByRole(AriaRole.Link, new() { Name = "میسوتھراپی" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.Site.Url("/ur/treatments/mesotherapy"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("بال گرنے کے لیے میسوتھراپی");
        await Expect(page.GetByText("6 سے 8 سیشنز")).ToBeVisibleAsync();
        await page.SaveScreenshotAsync($"ur-mesotherapy-{viewport.Name}");
        await page.AssertNoSidewaysScrollAsync();
        await Expect(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "مشاورت بک کریں" }).First).ToHaveAttributeAsync("href", "/ur/book?treatment=mesotherapy");

        await page.Locator(".breadcrumbs").ScrollIntoViewIfNeededAsync();
        await page.Locator("#side-effects").ScrollIntoViewIfNeededAsync();
        await page.SaveScreenshotAsync($"ur-mesotherapy-side-effects-{viewport.Name}");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.Site.Url("/treatments/mesotherapy"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Mesotherapy for hair loss");
        problems.AssertNone();
    }

    [Fact]
    public async Task UrduPublicPagesHaveNoSeriousOrCriticalViolations()
    {
        await using var context = await browser.NewContextAsync(Viewport.Phone);
        var audit = new AxeAudit(await context.NewPageAsync());

        await audit.VisitAsync("/ur");
        await audit.VisitAsync("/ur/treatments");
        await audit.Page.SaveScreenshotAsync("ur-treatments-phone");
        await audit.Page.Locator("table").ScrollIntoViewIfNeededAsync();
        await audit.Page.SaveScreenshotAsync("ur-comparison-phone");
        await audit.Page.AssertNoSidewaysScrollAsync();
        foreach (var guide in TreatmentCatalogue.All)
        {
            await audit.VisitAsync($"/ur/treatments/{guide.Slug}");
        }

        await audit.VisitAsync("/ur/privacy");
        await audit.Page.SaveScreenshotAsync("ur-privacy-phone");
        await audit.VisitAsync("/ur/no-such-page", status: 404);
        await audit.Page.SaveScreenshotAsync("ur-not-found-phone");

        audit.AssertNone();
    }

    /// <summary>The vendored typeface is loaded and used for the Urdu text (not a system fallback).</summary>
    private static async Task AssertUrduTypefaceAsync(IPage page)
    {
        var loaded = await page.EvaluateAsync<bool>(
            "async () => { await document.fonts.ready; return [...document.fonts].some(f => f.family.includes('Noto Naskh Arabic Urdu') && f.status === 'loaded'); }");
        Assert.True(loaded, "the Urdu typeface did not load");
    }
}
