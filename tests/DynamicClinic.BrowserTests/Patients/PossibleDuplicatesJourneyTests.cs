using System.Globalization;
using DynamicClinic.BrowserTests.Infrastructure;
using DynamicClinic.BrowserTests.SiteWide;
using DynamicClinic.Data;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DynamicClinic.BrowserTests.Patients;

/// <summary>
/// Reception opens the list of possible duplicates from the Patients page and says a flagged pair are different
/// people, at a laptop's width and a phone's: usable without sideways scrolling, no serious axe findings.
/// Works on a pair of its own (one per width), so the shared demo data is left as it was.
/// </summary>
[Collection(SharedBrowser.Name)]
public class PossibleDuplicatesJourneyTests(BrowserFixture browser)
{
    public static TheoryData<int> Widths => [1366, 375];

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task ReceptionOpensTheListAndDismissesAFlag(int width)
    {
        var (existing, flagged) = await AddFlaggedPairAsync(width);
        var viewport = width == Viewport.Phone.Width ? Viewport.Phone : new Viewport("laptop", width, 768, IsMobile: false);
        await using var context = await browser.NewContextAsync(viewport);
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);
        var audit = new AxeAudit(page);

        await page.GotoAsync("/staff/sign-in");
        await page.GetByLabel("Work email").FillAsync(DemoDataSeeder.ReceptionEmail);
        await page.GetByLabel("Password").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.Site.Url("/staff"));

        await page.GotoAsync("/staff/patients");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("possible duplicates? to check$") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Possible duplicates", Level = 1 })).ToBeVisibleAsync();
        var pair = page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = $"Records {flagged} and {existing}: same mobile number" }) });
        await Expect(pair.GetByRole(AriaRole.Link, new() { Name = $"Merge into Rukhsana Bibi {width}…" })).ToBeVisibleAsync();
        await Expect(pair.GetByText($"Imran Bibi {width} (record {flagged})")).ToBeVisibleAsync();
        await page.AssertNoSidewaysScrollAsync();
        await page.AssertStylesheetsAppliedAsync();
        await audit.CheckAsync("possible duplicates");
        await page.SaveScreenshotAsync("list");

        await pair.GetByRole(AriaRole.Button, new() { Name = $"Not the same person (records {flagged} and {existing})" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Record {flagged} is no longer marked as a possible duplicate of record {existing}.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Records {flagged} and {existing}: same mobile number" })).ToHaveCountAsync(0);
        await page.AssertNoSidewaysScrollAsync();
        await audit.CheckAsync("after dismissing");
        await page.SaveScreenshotAsync("dismissed");

        audit.AssertNone();
        problems.AssertNone();
    }

    private async Task<(string Existing, string Flagged)> AddFlaggedPairAsync(int width)
    {
        await using var scope = browser.Site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var now = browser.Site.Clock.GetUtcNow().UtcDateTime;
        var phone = "+92300800" + width.ToString("0000", CultureInfo.InvariantCulture);
        var existing = new Patient { FullName = $"Rukhsana Bibi {width}", PhoneE164 = phone, Email = $"rukhsana.{width}@example.test", CreatedUtc = now.AddDays(-20), UpdatedUtc = now.AddDays(-20) };
        db.Patients.Add(existing);
        await db.SaveChangesAsync();
        // As a booking makes it: the son typed his own name and no email on his mother's phone.
        var flagged = new Patient { FullName = $"Imran Bibi {width}", PhoneE164 = phone, CreatedUtc = now.AddDays(-1), UpdatedUtc = now.AddDays(-1), PossibleDuplicateOfPatientId = existing.Id };
        db.Patients.Add(flagged);
        await db.SaveChangesAsync();
        return (existing.Id.ToString(CultureInfo.InvariantCulture), flagged.Id.ToString(CultureInfo.InvariantCulture));
    }
}
