using Deque.AxeCore.Playwright;
using DynamicClinic.BrowserTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DynamicClinic.BrowserTests.Appointments;

/// <summary>
/// Reception's day at the desk in a real browser at desktop width: sign in, book a walk-in for a new patient
/// from the calendar, move it to a later time, mark the patient arrived, and see it on the calendar.
/// The site's clock stands at a working morning (see <see cref="ClinicMorningTimeProvider"/>).
/// </summary>
[Collection(SharedBrowser.Name)]
public class ReceptionJourneyTests(BrowserFixture browser)
{
    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    [Fact]
    public async Task ReceptionBooksAWalkInMovesItAndMarksItArrived()
    {
        await using var context = await browser.NewContextAsync(Viewport.Desktop);
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);

        await page.GotoAsync("/staff/calendar");
        await page.GetByLabel("Work email").FillAsync(DemoDataSeeder.ReceptionEmail);
        await page.GetByLabel("Password").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Calendar");
        await page.SaveScreenshotAsync("1-calendar");

        await page.GetByRole(AriaRole.Link, new() { Name = "Book an appointment" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Book an appointment", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Clinician").SelectOptionAsync(new SelectOptionValue { Label = "Dr Ayesha Khan" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show free times" }).ClickAsync();

        var firstTime = page.Locator("input[name='Slot']").First;
        var bookedLabel = (await page.Locator(".time-option label").First.InnerTextAsync())[..5];
        await firstTime.CheckAsync();
        await page.GetByLabel("New patient's full name").FillAsync("Imran Qureshi");
        await page.GetByLabel("Mobile number").FillAsync("0333 5551234");
        await page.GetByLabel("Walk-in").CheckAsync();
        await page.SaveScreenshotAsync("2-book-walk-in");
        await AssertNoBlockingAxeViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Book appointment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Booked: DC-");
        await Expect(page.Locator(".review-list")).ToContainTextAsync("Imran Qureshi");
        await Expect(page.Locator(".review-list")).ToContainTextAsync("Walk-in");
        await Expect(page.Locator(".review-list")).ToContainTextAsync(bookedLabel);
        await page.SaveScreenshotAsync("3-booked");
        await AssertNoBlockingAxeViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Move to another time" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Move appointment", Level = 1 })).ToBeVisibleAsync();
        var laterTime = page.Locator(".time-option").Nth(1);
        var movedLabel = (await laterTime.Locator("label").InnerTextAsync())[..5];
        await laterTime.Locator("input").CheckAsync();
        await page.SaveScreenshotAsync("4-move");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move appointment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Moved.");
        await Expect(page.Locator(".review-list")).ToContainTextAsync(movedLabel);

        await page.GetByRole(AriaRole.Button, new() { Name = "Mark arrived" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Marked arrived.");
        await Expect(page.Locator(".status-badge")).ToHaveTextAsync("Arrived");
        // Completed is offered once the start time has passed, never as a button that can only be refused.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mark completed" })).ToHaveCountAsync(0);
        await Expect(page.Locator(".history-list li")).ToHaveCountAsync(3);
        await page.SaveScreenshotAsync("5-arrived");

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the calendar" }).ClickAsync();
        await Expect(page.Locator("body")).ToContainTextAsync("Imran Qureshi");
        await page.SaveScreenshotAsync("6-calendar-after");
        problems.AssertNone();
    }

    [Fact]
    public async Task ReceptionIsAskedBeforeMakingASecondRecordForTheSamePerson()
    {
        await using var context = await browser.NewContextAsync(Viewport.Desktop);
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);
        await page.GotoAsync("/staff/appointments/new");
        await page.GetByLabel("Work email").FillAsync(DemoDataSeeder.ReceptionEmail);
        await page.GetByLabel("Password").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // Two phone bookings for one person, typed the second time with other spacing and case. The question comes
        // back as a 409 (nothing was booked), which the browser reports: watch again after it.
        foreach (var typedName in new[] { "Saima Baig", "saima  BAIG" })
        {
            problems.AssertNone();
            await page.GotoAsync("/staff/appointments/new");
            await page.GetByLabel("Clinician").SelectOptionAsync(new SelectOptionValue { Label = "Dr Hina Raza" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Show free times" }).ClickAsync();
            await page.Locator("input[name='Slot']").First.CheckAsync();
            await page.GetByLabel("New patient's full name").FillAsync(typedName);
            await page.GetByLabel("Mobile number").FillAsync("0333 5559876");
            await page.GetByRole(AriaRole.Button, new() { Name = "Book appointment" }).ClickAsync();
        }

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Is this a patient you already have?" })).ToBeVisibleAsync();
        problems = PageProblems.Watch(page);
        await page.SaveScreenshotAsync("asks-first");
        await page.AssertNoSidewaysScrollAsync();
        await AssertNoBlockingAxeViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Book for Saima Baig" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Booked: DC-");
        await Expect(page.Locator(".review-list")).ToContainTextAsync("Saima Baig");
        await page.SaveScreenshotAsync("booked-for-the-record-on-file");

        // One record, two appointments.
        await page.GotoAsync("/staff/patients?q=0333+5559876");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Saima Baig" })).ToHaveCountAsync(1);
        problems.AssertNone();
    }

    private static async Task AssertNoBlockingAxeViolationsAsync(IPage page)
    {
        var results = await page.RunAxe();
        var blocking = results.Violations.Where(v => BlockingImpacts.Contains(v.Impact)).ToList();
        Assert.True(blocking.Count == 0, string.Join("\n", blocking.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})")));
    }
}
