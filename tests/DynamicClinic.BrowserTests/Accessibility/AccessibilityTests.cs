using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using DynamicClinic.BrowserTests.Infrastructure;

namespace DynamicClinic.BrowserTests.Accessibility;

/// <summary>
/// axe-core, run in the browser on the rendered page (CSS applied). At phone width, where most visitors
/// are and where touch targets and reflow matter; the markup is the same at every width.
/// </summary>
[Collection(SharedBrowser.Name)]
public class AccessibilityTests(BrowserFixture browser)
{
    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    [Theory]
    [InlineData("/")]
    [InlineData("/treatments")]
    [InlineData("/treatments/mesotherapy")]
    [InlineData("/privacy")]
    [InlineData("/staff/sign-in")]
    public async Task PageHasNoSeriousOrCriticalViolations(string path)
    {
        await using var context = await browser.NewContextAsync(Viewport.Phone);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response?.Status);

        var result = await page.RunAxe();

        var blocking = result.Violations.Where(v => BlockingImpacts.Contains(v.Impact)).ToList();
        Assert.True(blocking.Count == 0, $"axe found on {path}:{Environment.NewLine}{Describe(blocking)}");
    }

    private static string Describe(IEnumerable<AxeResultItem> violations) => string.Join(
        Environment.NewLine,
        violations.SelectMany(v => v.Nodes.Select(n => $"  {v.Id} ({v.Impact}) at {n.Target}: {v.Help}")));
}
