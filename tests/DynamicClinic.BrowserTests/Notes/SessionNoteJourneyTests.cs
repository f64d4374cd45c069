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
/// A clinician's session note on a phone: from today's list, write the first mesotherapy session's note, save it
/// as a draft, sign it, then amend it; the signed original stays on the page above the amendment.
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
        await page.GetByLabel("Scalp assessment").FillAsync("Early thinning at the crown; scalp healthy.");
        await page.GetByLabel("B-complex vitamins and biotin").CheckAsync();
        await page.GetByLabel("Hyaluronic acid").CheckAsync();
        await page.GetByLabel("Volume (ml)").FillAsync("4.5");
        await page.GetByLabel("Crown or vertex").CheckAsync();
        await page.SaveScreenshotAsync("2-draft");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Draft saved");
        await Expect(page.Locator(".note-status")).ToHaveTextAsync("Draft, not signed yet");

        // Signing an incomplete draft says what is missing, beside each field (a 400, so in a page of its own:
        // the journey's page must see no error responses).
        var check = await context.NewPageAsync();
        await check.GotoAsync(new Uri(page.Url).PathAndQuery);
        await check.GetByLabel("I confirm this note is accurate").CheckAsync();
        await check.GetByRole(AriaRole.Button, new() { Name = "Sign note" }).ClickAsync();
        await Expect(check.GetByRole(AriaRole.Alert)).ToContainTextAsync("not complete yet");
        await Expect(check.Locator("#Tolerability-error")).ToHaveTextAsync("Choose how well the session was tolerated.");
        await check.SaveScreenshotAsync("3-incomplete");
        await AssertNoBlockingAxeViolationsAsync(check);
        await check.CloseAsync();
        await page.ReloadAsync();

        await page.GetByLabel("Well tolerated").CheckAsync();
        await page.GetByLabel("None seen").CheckAsync();
        await page.GetByLabel("Avoid strong sun exposure").CheckAsync();
        await page.GetByLabel("Plan for next time").FillAsync("Same blend next week.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Draft saved");
        await page.GetByLabel("I confirm this note is accurate").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign note" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Signed");
        await Expect(page.Locator(".note-status")).ToHaveTextAsync("Signed");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save draft" })).ToHaveCountAsync(0);
        await page.SaveScreenshotAsync("4-signed");

        await page.GetByLabel("Reason for the amendment").FillAsync("Volume typed wrongly");
        await page.GetByLabel("Volume (ml)").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add amendment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Amendment added");
        await Expect(page.Locator(".note-status")).ToHaveTextAsync("Signed, amended 1 time");
        await Expect(page.Locator(".note-content").First).ToContainTextAsync("4.5 ml");
        var amendment = page.Locator(".note-amendment");
        await Expect(amendment).ToContainTextAsync("Amended by Dr Ayesha Khan");
        await Expect(amendment).ToContainTextAsync("Volume typed wrongly");
        await Expect(amendment.Locator("tbody tr")).ToHaveTextAsync(["Volume (ml) 4.5 ml 5 ml"]);
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
