using DynamicClinic.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace DynamicClinic.BrowserTests.Booking;

public static class NoScriptContexts
{
    /// <summary>
    /// Like <see cref="BrowserFixture.NewContextAsync"/> (same site, viewport, locale, certificate handling
    /// and timeouts) but with JavaScript switched off, as for a visitor whose browser blocks scripts.
    /// </summary>
    public static async Task<IBrowserContext> NewContextWithoutJavaScriptAsync(this BrowserFixture fixture, Viewport viewport)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Site.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = viewport.Width, Height = viewport.Height },
            IsMobile = viewport.IsMobile,
            HasTouch = viewport.IsMobile,
            DeviceScaleFactor = 1,
            Locale = "en-GB",
            IgnoreHTTPSErrors = true,
            JavaScriptEnabled = false,
        });
        context.SetDefaultTimeout(10_000);
        context.SetDefaultNavigationTimeout(15_000);
        return context;
    }
}
