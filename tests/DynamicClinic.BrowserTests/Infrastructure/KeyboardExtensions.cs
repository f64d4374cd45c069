using Microsoft.Playwright;

namespace DynamicClinic.BrowserTests.Infrastructure;

public static class KeyboardExtensions
{
    /// <summary>
    /// Presses Tab from wherever focus is, as a keyboard user would, until <paramref name="target"/> has
    /// focus. Returns how many presses it took, or fails after <paramref name="maxPresses"/>.
    /// </summary>
    public static async Task<int> TabUntilFocusedAsync(this IPage page, ILocator target, int maxPresses = 60)
    {
        for (var presses = 1; presses <= maxPresses; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("el => el === document.activeElement"))
            {
                return presses;
            }
        }

        var focused = await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing'");
        Assert.Fail($"{maxPresses} presses of Tab never reached the element; focus ended on: {focused}");
        return maxPresses;
    }
}
