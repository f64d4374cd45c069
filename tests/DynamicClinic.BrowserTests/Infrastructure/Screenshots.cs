using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace DynamicClinic.BrowserTests.Infrastructure;

/// <summary>
/// Full-page screenshots for a person to look at, named <c>{test}-{step}-{width}.png</c>, in
/// <c>$SCREENSHOT_DIR</c> or else a <c>screenshots</c> folder beside the test assembly.
/// </summary>
public static class Screenshots
{
    public static string Folder { get; } = Environment.GetEnvironmentVariable("SCREENSHOT_DIR") is { Length: > 0 } dir
        ? Path.GetFullPath(dir)
        : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<string> SaveScreenshotAsync(this IPage page, string step, [CallerMemberName] string test = "")
    {
        Directory.CreateDirectory(Folder);
        var width = page.ViewportSize?.Width ?? 0;
        var path = Path.Combine(Folder, $"{test}-{step}-{width}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
