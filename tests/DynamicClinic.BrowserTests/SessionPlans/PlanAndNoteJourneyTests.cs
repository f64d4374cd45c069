using System.Globalization;
using Deque.AxeCore.Playwright;
using DynamicClinic.BrowserTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DynamicClinic.BrowserTests.SessionPlans;

/// <summary>
/// Issue 6's journey at desktop width: Dr Ayesha plans a mesotherapy course for a patient starting today, reception
/// marks the patient arrived for the first session, and the clinician records, signs and then amends its note.
/// </summary>
[Collection(SecondBrowser.Name)]
public class PlanAndNoteJourneyTests(BrowserFixture browser)
{
    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    [Fact]
    public async Task AClinicianPlansMesotherapyThenSignsAndAmendsTheFirstSessionsNote()
    {
        var today = browser.Site.Services.GetRequiredService<ClinicClock>().Today;
        await using var clinicianContext = await browser.NewContextAsync(Viewport.Desktop);
        var page = await clinicianContext.NewPageAsync();
        var problems = PageProblems.Watch(page);

        await SignInAsync(page, "/staff", DemoDataSeeder.ClinicianEmail);
        await page.GetByRole(AriaRole.Link, new() { Name = "New treatment plan" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New treatment plan", Level = 1 })).ToBeVisibleAsync();
        var patientLink = page.GetByRole(AriaRole.List, new() { Name = "Your recent patients" }).GetByRole(AriaRole.Link).First;
        var patient = await patientLink.InnerTextAsync();
        await patientLink.ClickAsync();

        await page.GetByLabel("Treatment").SelectOptionAsync(new SelectOptionValue { Label = "Mesotherapy" });
        await page.GetByLabel("Initial phase: sessions (weekly)").SelectOptionAsync("6");
        await page.GetByLabel("Maintenance: sessions (monthly)").SelectOptionAsync("3");
        await page.GetByLabel("First session on or after").FillAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Preferred weekday").SelectOptionAsync(today.DayOfWeek.ToString());
        await page.GetByLabel("Preferred time (clinic time)").FillAsync("17:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Propose dates" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Proposed sessions" })).ToBeVisibleAsync();
        await Expect(page.Locator(".plan-session")).ToHaveCountAsync(9);
        await page.SaveScreenshotAsync("1-proposal");
        await AssertNoBlockingAxeViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Book all 9 sessions" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Plan booked: 9 sessions.");
        await Expect(page.Locator(".plan-progress")).ToContainTextAsync("Next: session 1 of 9.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"Mesotherapy plan for {patient}");
        var first = page.Locator(".plan-session").First;
        var reference = await first.Locator(".plan-session__reference").InnerTextAsync();
        await page.SaveScreenshotAsync("2-plan");
        await AssertNoBlockingAxeViolationsAsync(page);

        // Reception marks the patient arrived for session 1, at the desk.
        await using (var receptionContext = await browser.NewContextAsync(Viewport.Desktop))
        {
            var desk = await receptionContext.NewPageAsync();
            await SignInAsync(desk, $"/staff/appointments/{reference}", DemoDataSeeder.ReceptionEmail);
            await desk.GetByRole(AriaRole.Button, new() { Name = "Mark arrived" }).ClickAsync();
            await Expect(desk.GetByRole(AriaRole.Status)).ToHaveTextAsync("Marked arrived.");
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Today", Exact = true }).ClickAsync();
        var item = page.Locator(".today-item", new() { HasText = "Session 1 of 9" }).Filter(new() { HasText = patient });
        await Expect(item).ToContainTextAsync("Arrived");
        await page.SaveScreenshotAsync("3-today");
        await item.GetByRole(AriaRole.Link, new() { NameRegex = new("Write the note") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Session note " + reference);
        await page.GetByLabel("Product or cocktail").FillAsync("Biotin and amino-acid cocktail");
        await page.GetByLabel("Batch or lot number").FillAsync("LOT-4410");
        await page.GetByLabel("Expiry date").FillAsync("2027-08-31");
        await page.GetByLabel("Volume (mL)").FillAsync("3");
        await page.GetByLabel("Manual", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Crown", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Pain score").FillAsync("2");
        await page.GetByLabel("Immediate reactions").FillAsync("Mild redness, settled before leaving.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Draft saved");
        await page.SaveScreenshotAsync("4-draft");

        await page.GetByLabel("I confirm this note is accurate").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign note" }).ClickAsync();
        await Expect(page.Locator(".note-status")).ToHaveTextAsync("Signed");
        await page.SaveScreenshotAsync("5-signed");

        await page.GetByLabel("Reason for the amendment").FillAsync("Volume recorded wrongly");
        await page.GetByLabel("Volume (mL)").FillAsync("3.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add amendment" }).ClickAsync();
        await Expect(page.Locator(".note-status")).ToHaveTextAsync("Signed, amended 1 time");
        await Expect(page.Locator(".note-content").First).ToContainTextAsync("3 mL");
        await Expect(page.Locator(".note-amendment")).ToContainTextAsync("Volume recorded wrongly");
        await Expect(page.Locator(".note-amendment tbody tr")).ToHaveTextAsync(["Volume (mL) 3 mL 3.5 mL"]);
        await page.SaveScreenshotAsync("6-amended");
        await AssertNoBlockingAxeViolationsAsync(page);
        problems.AssertNone();
    }

    private static async Task SignInAsync(IPage page, string path, string email)
    {
        await page.GotoAsync(path);
        await page.GetByLabel("Work email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
    }

    private static async Task AssertNoBlockingAxeViolationsAsync(IPage page)
    {
        var results = await page.RunAxe();
        var blocking = results.Violations.Where(v => BlockingImpacts.Contains(v.Impact)).ToList();
        Assert.True(blocking.Count == 0, string.Join("\n", blocking.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})")));
    }
}
