using Deque.AxeCore.Playwright;
using DynamicClinic.BrowserTests.Infrastructure;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.SessionPlans;
using DynamicClinic.TestSupport;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DynamicClinic.BrowserTests.Notes;

/// <summary>
/// A clinician's session note on a phone: from today's list, fill the first mesotherapy session's own fields (the
/// draft saves itself in the background), sign it, then amend it; the signed original stays above the amendment.
/// </summary>
[Collection(SecondBrowser.Name)]
public class SessionNoteJourneyTests(BrowserFixture browser)
{
    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    [Fact]
    public async Task AClinicianWritesSignsAndAmendsASessionNote()
    {
        var reference = await ArrivedSessionAsync();
        await using var context = await browser.NewContextAsync(Viewport.Phone);
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);

        await page.GotoAsync("/staff/today");
        await page.GetByLabel("Work email").FillAsync(DemoDataSeeder.ClinicianEmail);
        await page.GetByLabel("Password").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Today");
        var item = page.Locator(".today-item", new() { HasText = "Session 1 of 8" });
        await Expect(item).ToContainTextAsync("No note yet");
        await page.SaveScreenshotAsync("1-today");
        await AssertNoBlockingAxeViolationsAsync(page);

        await item.GetByRole(AriaRole.Link, new() { NameRegex = new("Write the note") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Session note " + reference);
        await page.GetByLabel("Product or cocktail").FillAsync("Vitamin, biotin and hyaluronic acid cocktail");
        await page.GetByLabel("Batch or lot number").FillAsync("LOT-2291");
        await page.GetByLabel("Expiry date").FillAsync("2027-06-30");
        await page.GetByLabel("Volume (mL)").FillAsync("4.5");
        await page.GetByLabel("Injection gun").CheckAsync();
        await page.GetByLabel("Crown", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Frontal", new() { Exact = true }).CheckAsync();

        // Nothing pressed: the page saves the draft in the background and says when.
        await Expect(page.Locator(".note-autosave")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Draft saved \\d\\d:\\d\\d$"), new() { Timeout = 20_000 });
        await page.SaveScreenshotAsync("2-draft");
        await page.ReloadAsync();
        await Expect(page.Locator(".note-status")).ToHaveTextAsync("Draft, not signed yet");
        await Expect(page.GetByLabel("Batch or lot number")).ToHaveValueAsync("LOT-2291");

        // Signing an incomplete draft says what is missing, beside each field (a 400, so in a page of its own:
        // the journey's page must see no error responses).
        var check = await context.NewPageAsync();
        await check.GotoAsync(new Uri(page.Url).PathAndQuery);
        await check.GetByLabel("I confirm this note is accurate").CheckAsync();
        await check.GetByRole(AriaRole.Button, new() { Name = "Sign note" }).ClickAsync();
        await Expect(check.GetByRole(AriaRole.Alert)).ToContainTextAsync("not complete yet");
        await Expect(check.Locator("#f-pain-score-error")).ToHaveTextAsync("Pain score: fill this in before signing.");
        await check.SaveScreenshotAsync("3-incomplete");
        await AssertNoBlockingAxeViolationsAsync(check);
        await check.CloseAsync();
        await page.ReloadAsync();

        // The rest typed, then straight to "Sign note": what was typed is saved and signed together.
        await page.GetByLabel("Needle").FillAsync("32G 4 mm");
        await page.GetByLabel("Pain score").FillAsync("3");
        await page.GetByLabel("Immediate reactions").FillAsync("Slight redness at the crown, settled in ten minutes.");
        await page.GetByLabel("I confirm this note is accurate").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign note" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Signed");
        await Expect(page.Locator(".note-status")).ToHaveTextAsync("Signed");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save draft" })).ToHaveCountAsync(0);
        var signed = page.Locator(".note-content").First;
        await Expect(signed.Locator("dt")).ToContainTextAsync(["Volume (mL)", "Technique", "Areas treated", "Needle", "Pain score"]);
        await Expect(signed.Locator("dd")).ToContainTextAsync(["4.5 mL", "Injection gun", "Frontal, Crown", "32G 4 mm", "3"]);
        await Expect(signed).ToContainTextAsync("30 June 2027");
        await page.AssertNoSidewaysScrollAsync();
        await page.SaveScreenshotAsync("4-signed");

        await page.GetByLabel("Reason for the amendment").FillAsync("Volume typed wrongly");
        await page.GetByLabel("Volume (mL)").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add amendment" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Amendment added");
        await Expect(page.Locator(".note-status")).ToHaveTextAsync("Signed, amended 1 time");
        await Expect(page.Locator(".note-content").First).ToContainTextAsync("4.5 mL");
        var amendment = page.Locator(".note-amendment");
        await Expect(amendment).ToContainTextAsync("Amended by Dr Ayesha Khan");
        await Expect(amendment).ToContainTextAsync("Volume typed wrongly");
        await Expect(amendment.Locator("tbody tr")).ToHaveTextAsync(["Volume (mL) 4.5 mL 5 mL"]);
        await amendment.ScrollIntoViewIfNeededAsync();
        await page.SaveScreenshotAsync("5-amended");
        await AssertNoBlockingAxeViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Today", Exact = true }).ClickAsync();
        await Expect(page.Locator(".today-item", new() { HasText = "Session 1 of 8" })).ToContainTextAsync("Note signed");
        problems.AssertNone();
    }

    /// <summary>Session 1 of an 8-session mesotherapy plan with Dr Ayesha Khan, the patient arrived, now.</summary>
    private async Task<string> ArrivedSessionAsync()
    {
        await using var scope = browser.Site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var clinician = await db.Clinicians.SingleAsync(c => c.DisplayName == "Dr Ayesha Khan");
        var treatment = await db.Treatments.SingleAsync(t => t.Slug == "mesotherapy");
        var patient = await db.Patients.OrderBy(p => p.Id).FirstAsync();
        var now = browser.Site.Clock.GetUtcNow().UtcDateTime;
        var start = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc).AddMinutes(-30);
        var plan = new SessionPlan
        {
            PatientId = patient.Id,
            TreatmentId = treatment.Id,
            ClinicianId = clinician.Id,
            StartDate = DateOnly.FromDateTime(start),
            PreferredDay = start.DayOfWeek,
            PreferredTime = new TimeOnly(10, 0),
            PhasesSummary = "Initial: 6 weekly; maintenance: 2 monthly",
            TotalSessions = 8,
            CreatedUtc = now,
            UpdatedUtc = now,
        };
        db.SessionPlans.Add(plan);
        await db.SaveChangesAsync();
        var appointment = RecordedAppointments.Recorded(
            patient, clinician.Id, treatment.Id, start, TimeSpan.FromMinutes(45), AppointmentStatus.Arrived, bookedUtc: now, plan: plan, sessionNumber: 1);
        db.Appointments.Add(appointment);
        await db.SaveChangesAsync();
        return appointment.Reference;
    }

    private static async Task AssertNoBlockingAxeViolationsAsync(IPage page)
    {
        var results = await page.RunAxe();
        var blocking = results.Violations.Where(v => BlockingImpacts.Contains(v.Impact)).ToList();
        Assert.True(blocking.Count == 0, string.Join("\n", blocking.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})")));
    }
}
