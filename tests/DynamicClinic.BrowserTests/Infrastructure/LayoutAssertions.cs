using Microsoft.Playwright;

namespace DynamicClinic.BrowserTests.Infrastructure;

public static class LayoutAssertions
{
    /// <summary>Fails if the page is wider than the window, i.e. a phone user would have to scroll sideways.</summary>
    public static async Task AssertNoSidewaysScrollAsync(this IPage page)
    {
        // Measure the page as laid out with its stylesheet: a click returns once the next page has begun, and on a
        // busy machine its styles can still be loading (seen in full runs, never alone).
        await page.WaitForLoadStateAsync(LoadState.Load);
        var size = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, innerWidth) = (size[0], size[1]);
        var expectedWidth = page.ViewportSize?.Width ?? innerWidth;

        if (scrollWidth > innerWidth || innerWidth != expectedWidth)
        {
            var widest = await page.EvaluateAsync<string>("""
                () => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
                    .slice(0, 6)
                    .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : '')
                        + ' (right edge ' + Math.round(e.getBoundingClientRect().right) + 'px)')
                    .join(', ')
                """);
            Assert.Fail($"{page.Url} is {scrollWidth}px wide in a {expectedWidth}px window (window.innerWidth {innerWidth}). Elements past the right edge: {widest}");
        }
    }

    /// <summary>Fails unless every stylesheet the page links to has loaded and has rules in it.</summary>
    public static async Task AssertStylesheetsAppliedAsync(this IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        var sheets = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('link[rel=stylesheet]')]
                .map(link => link.getAttribute('href') + ': ' + (link.sheet ? link.sheet.cssRules.length + ' rules' : 'not loaded'))
            """);
        var broken = sheets.Where(s => s.EndsWith(": not loaded", StringComparison.Ordinal) || s.EndsWith(": 0 rules", StringComparison.Ordinal)).ToList();
        Assert.True(sheets.Length > 0 && broken.Count == 0, $"{page.Url} is unstyled: {(sheets.Length == 0 ? "it links no stylesheet" : string.Join(", ", broken))}");
    }
}
