using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace DynamicClinic.BrowserTests.SiteWide;

/// <summary>
/// Runs axe-core on each page one browser page visits and keeps every serious or critical violation, so one
/// failure lists all the pages with problems rather than only the first.
/// </summary>
public sealed class AxeAudit(IPage page)
{
    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    private readonly List<string> _violations = [];
    private readonly List<string> _checked = [];

    public IPage Page => page;

    /// <summary>Opens <paramref name="path"/>, expects its status code, and checks it.</summary>
    public async Task VisitAsync(string path, int status = 200)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response?.Status == status, $"{path} answered {response?.Status}, expected {status}.");
        await CheckAsync(path);
    }

    /// <summary>Checks the page as it is now (after a click or a form), naming it <paramref name="what"/>.</summary>
    public async Task CheckAsync(string what)
    {
        var result = await page.RunAxe();
        var where = $"{what} ({new Uri(page.Url).PathAndQuery})";
        _checked.Add(where);
        _violations.AddRange(result.Violations
            .Where(v => BlockingImpacts.Contains(v.Impact))
            .SelectMany(v => v.Nodes.Select(n => $"  {where}: {v.Id} ({v.Impact}) at {n.Target}: {v.Help}")));
    }

    public void AssertNone() => Assert.True(
        _violations.Count == 0,
        $"axe found serious or critical violations on {_checked.Count} pages checked:{Environment.NewLine}{string.Join(Environment.NewLine, _violations)}");
}
