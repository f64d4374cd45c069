using Deque.AxeCore.Playwright;
using DynamicClinic.BrowserTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DynamicClinic.BrowserTests.Waitlist;

/// <summary>
/// Reception on a phone-sized screen: puts a patient on the waitlist, cancels another patient's appointment, sees the
/// freed time offered to the waiting patient and books it. Axe runs on the waitlist, its form, recalls and rooms by day.
/// </summary>
[Collection(SecondBrowser.Name)]
public class WaitlistJourneyTests(BrowserFixture browser)
{
    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    [Fact]
    public async Task ACancellationIsOfferedToTheWaitingPatientAndTaken()
    {
        await using var context = await browser.NewContextAsync(Viewport.Phone);
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);

        await page.GotoAsync("/staff/sign-in");
        await page.GetByLabel("Work email").FillAsync(DemoDataSeeder.ReceptionEmail);
        await page.GetByLabel("Password").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // The patient who wants an earlier time has a record (a later walk-in); then another books the time that frees.
        await BookWalkInAsync(page, "Waitlist Keen Patient", "0333 5557002", last: true);
        await page.GotoAsync("/staff/patients?q=0333+5557002");
        await page.GetByRole(AriaRole.Link, new() { Name = "Waitlist Keen Patient" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add to the waitlist" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add to the waitlist", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Treatment").SelectOptionAsync(new SelectOptionValue { Label = "General hair-loss consultation" });
        await page.GetByLabel("Dr Hina Raza").CheckAsync();
        await page.SaveScreenshotAsync("1-add-to-waitlist");
        await page.AssertNoSidewaysScrollAsync();
        await AssertNoBlockingAxeViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the waitlist" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Added to the waitlist");
        await Expect(page.Locator(".waitlist-entries")).ToContainTextAsync("Waitlist Keen Patient");

        var freedTime = await BookWalkInAsync(page, "Waitlist Freed Patient", "0333 5557001", last: false);
        await page.GetByLabel("Patient cancelled").CheckAsync();
        await page.GetByLabel("Details (needed for \"Other\")").FillAsync("Patient phoned: cannot come");
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel appointment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Cancelled");

        await page.GotoAsync("/staff/waitlist");
        var offer = page.Locator(".waitlist-offer", new() { HasText = "Waitlist Keen Patient" });
        await Expect(offer).ToContainTextAsync(freedTime);
        await Expect(offer).ToContainTextAsync("Dr Hina Raza");
        await page.SaveScreenshotAsync("2-offer");
        await page.AssertNoSidewaysScrollAsync();
        await AssertNoBlockingAxeViolationsAsync(page);

        await offer.GetByRole(AriaRole.Button, new() { Name = "Book it" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Booked from the waitlist: DC-");
        await Expect(page.Locator(".waitlist-offer", new() { HasText = "Waitlist Keen Patient" })).ToContainTextAsync("Booked");
        await Expect(page.Locator(".waitlist-entries li", new() { HasText = "Waitlist Keen Patient" })).ToHaveCountAsync(0);
        await page.SaveScreenshotAsync("3-taken");

        await page.GotoAsync("/staff/recalls");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Recalls", Level = 1 })).ToBeVisibleAsync();
        await page.SaveScreenshotAsync("4-recalls");
        await AssertNoBlockingAxeViolationsAsync(page);
        await page.GotoAsync("/staff/calendar/rooms");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Rooms on");
        await page.SaveScreenshotAsync("5-rooms-day");
        await AssertNoBlockingAxeViolationsAsync(page);
        problems.AssertNone();
    }

    /// <summary>Books a walk-in with Dr Hina for a new patient (her first or last free time); returns the time as shown.</summary>
    private static async Task<string> BookWalkInAsync(IPage page, string name, string phone, bool last)
    {
        await page.GotoAsync("/staff/appointments/new");
        await page.GetByLabel("Clinician").SelectOptionAsync(new SelectOptionValue { Label = "Dr Hina Raza" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show free times" }).ClickAsync();
        var option = last ? page.Locator(".time-option").Last : page.Locator(".time-option").First;
        var time = (await option.Locator("label").TextContentAsync())!.Trim()[..5];
        await option.Locator("input").CheckAsync();
        await page.GetByLabel("New patient's full name").FillAsync(name);
        await page.GetByLabel("Mobile number").FillAsync(phone);
        await page.GetByLabel("Walk-in").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Book appointment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Booked: DC-");
        return time;
    }

    private static async Task AssertNoBlockingAxeViolationsAsync(IPage page)
    {
        var results = await page.RunAxe();
        var blocking = results.Violations.Where(v => BlockingImpacts.Contains(v.Impact)).ToList();
        Assert.True(blocking.Count == 0, string.Join("\n", blocking.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})")));
    }
}
