using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace DynamicClinic.BrowserTests.Infrastructure;

/// <summary>
/// What went wrong while a page loaded and ran, as the browser saw it: responses of 400 and over (a
/// missing stylesheet), requests that failed, script errors and console errors (the strict
/// Content-Security-Policy reports blocked inline styles and scripts there).
/// </summary>
public sealed class PageProblems
{
    private readonly ConcurrentQueue<string> _problems = new();

    private PageProblems(IPage page)
    {
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                _problems.Enqueue($"{response.Status} for {response.Request.Method} {response.Url}");
            }
        };
        // A script's own fetch cut short because the page navigated away (the calendar's polling) is not a problem.
        page.RequestFailed += (_, request) =>
        {
            if (!(request.ResourceType == "fetch" && request.Failure == "net::ERR_ABORTED"))
            {
                _problems.Enqueue($"request failed ({request.Failure}): {request.Url}");
            }
        };
        page.PageError += (_, error) => _problems.Enqueue($"script error: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _problems.Enqueue($"console error: {message.Text}");
            }
        };
    }

    public static PageProblems Watch(IPage page) => new(page);

    /// <param name="expected">Problems the test caused on purpose (a refused drop answers 409), by a part of their text.</param>
    public void AssertNone(params string[] expected)
    {
        var unexpected = _problems.Where(p => !expected.Any(e => p.Contains(e, StringComparison.Ordinal))).ToList();
        Assert.True(unexpected.Count == 0, "The browser reported problems:" + Environment.NewLine + string.Join(Environment.NewLine, unexpected.Select(p => "  " + p)));
    }
}
