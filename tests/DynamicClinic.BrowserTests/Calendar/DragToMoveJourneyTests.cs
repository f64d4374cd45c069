using DynamicClinic.BrowserTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DynamicClinic.BrowserTests.Calendar;

/// <summary>
/// Drag to move on the day grid at 1366 × 768, on a day far ahead that only this test books (Dr Ayesha works 10:00–13:00
/// and 14:00–18:00): two consultations of 30 minutes at 10:00 and 11:00. A drop on 10:45 would run into the 11:00 one, so
/// the booking core refuses it and the appointment stays, with the reason read out; a drop on 16:00, free for hours
/// around, moves it. The drag is dispatched as the browser's own drag events with one DataTransfer (Playwright's mouse
/// drag over the grid's scrolling box did not fire HTML5 drag events reliably).
/// </summary>
[Collection(SecondBrowser.Name)]
public class DragToMoveJourneyTests(BrowserFixture browser)
{
    private static readonly Viewport Laptop = new("laptop", 1366, 768, IsMobile: false);

    [Fact]
    public async Task ADropIsCheckedByTheBookingCoreRefusedDropsStayAndAFreeTimeMovesIt()
    {
        var day = browser.Site.Services.GetRequiredService<ClinicClock>().Today.AddDays(120);
        while (day.DayOfWeek == DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        var date = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await using var context = await browser.NewContextAsync(Laptop);
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);
        await page.GotoAsync($"/staff/calendar?date={date}");
        await page.GetByLabel("Work email").FillAsync(DemoDataSeeder.ReceptionEmail);
        await page.GetByLabel("Password").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var ayesha = page.Locator(".cal-body[aria-labelledby^='col-']").First;
        await BookFromGridAsync(page, ayesha, date, "10:00", "Sana Drag");
        await BookFromGridAsync(page, ayesha, date, "11:00", "Imran Stay");

        var moving = ayesha.Locator(".cal-appt", new() { HasTextString = "Sana Drag" });
        await Expect(moving).ToContainTextAsync("10:00–10:30");
        // The targets are free: 10:45 (but only 15 minutes before the 11:00 appointment) and 16:00 with the afternoon empty.
        var tooShort = FreeAt(ayesha, date, "10:45");
        foreach (var time in new[] { "15:30", "15:45", "16:15", "16:30" })
        {
            await Expect(FreeAt(ayesha, date, time)).ToHaveCountAsync(1);
        }

        await DragAsync(page, moving, tooShort);
        await Expect(page.Locator("#cal-live")).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(|Moving…)$"));
        var refusal = (await page.Locator("#cal-live").TextContentAsync())!;
        Assert.DoesNotContain("moved to", refusal, StringComparison.Ordinal);
        await Expect(moving).ToContainTextAsync("10:00–10:30");
        await page.SaveScreenshotAsync("1-refused-drop");

        await DragAsync(page, moving, FreeAt(ayesha, date, "16:00"));
        await Expect(page.Locator("#cal-live")).ToContainTextAsync("moved to 16:00");
        await Expect(ayesha.Locator(".cal-appt", new() { HasTextString = "Sana Drag" })).ToContainTextAsync("16:00–16:30");
        await Expect(FreeAt(ayesha, date, "10:00")).ToHaveCountAsync(1);
        await page.SaveScreenshotAsync("2-moved-by-drop");
        // The refused drop's answer is a 409 with the reason, which the browser logs; nothing else went wrong.
        problems.AssertNone("409 for POST", "status of 409");
    }

    private static ILocator FreeAt(ILocator column, string date, string time) =>
        column.Locator($"a.cal-free[href$='start={date}T{time}']");

    // The browser's drag events in order, sharing one DataTransfer, as a mouse drag would send them.
    private static async Task DragAsync(IPage page, ILocator source, ILocator target)
    {
        var data = await page.EvaluateHandleAsync("() => new DataTransfer()");
        var init = new Dictionary<string, object> { ["dataTransfer"] = data };
        await source.DispatchEventAsync("dragstart", init);
        await target.DispatchEventAsync("dragenter", init);
        await target.DispatchEventAsync("dragover", init);
        await target.DispatchEventAsync("drop", init);
        await source.DispatchEventAsync("dragend", init);
    }

    private static async Task BookFromGridAsync(IPage page, ILocator column, string date, string time, string name)
    {
        await FreeAt(column, date, time).ClickAsync();
        await Expect(page.Locator($"input[name='Slot']:checked")).ToHaveCountAsync(1);
        await page.GetByLabel("New patient's full name").FillAsync(name);
        await page.GetByLabel("Mobile number").FillAsync("0333 5559" + (time == "10:00" ? "101" : "102"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Book appointment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Booked: DC-");
        await page.GotoAsync($"/staff/calendar?date={date}");
    }
}
