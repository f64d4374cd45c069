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
        page.RequestFailed += (_, request) => _problems.Enqueue($"request failed ({request.Failure}): {request.Url}");
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

    public void AssertNone() =>
        Assert.True(_problems.IsEmpty, "The browser reported problems:" + Environment.NewLine + string.Join(Environment.NewLine, _problems.Select(p => "  " + p)));
}
