using System.Globalization;
using System.Runtime.CompilerServices;
using DynamicClinic.BrowserTests.Infrastructure;
using DynamicClinic.BrowserTests.SiteWide;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Patients;
using DynamicClinic.TestSupport;
using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DynamicClinic.BrowserTests.Billing;

/// <summary>
/// Money at the desk in a real browser: reception opens an arrived patient's appointment from the calendar, marks it
/// completed, issues the invoice drafted for it and takes a split payment (cash, then card with the terminal's
/// reference, after a payment over the balance is refused beside its field); the receipt printed on an 80 mm roll and the
/// invoice on A4; then the admin's report for the day with the payment's figures, at desk and phone widths.
/// axe on each billing page and the report.
/// </summary>
[Collection(SecondBrowser.Name)]
public class BillingJourneyTests(BrowserFixture browser)
{
    private const string PatientName = "Farah Billing Journey";

    [Fact]
    public async Task ReceptionInvoicesACompletedVisitTakesASplitPaymentPrintsTheReceiptAndTheOwnerSeesItInTheReport()
    {
        var reference = await ArrivedConsultationAsync();
        var today = browser.Site.Services.GetRequiredService<ClinicClock>().Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var context = await browser.NewContextAsync(Viewport.Desktop);
        var audit = new AxeAudit(await context.NewPageAsync());
        var page = audit.Page;
        var problems = PageProblems.Watch(page);

        await SignInAsync(page, "/staff/calendar", DemoDataSeeder.ReceptionEmail);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Calendar");
        // The grid's script loaded before leaving the page (a request cut short by the click would count as a problem).
        await page.WaitForLoadStateAsync(LoadState.Load);
        var item = page.Locator(".cal-appt", new() { HasTextString = PatientName });
        await item.Locator(":scope > a").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(reference);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark completed" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("completed");

        // The invoice drafted on completion, reached from the appointment.
        await page.GetByRole(AriaRole.Link, new() { NameString = "Draft invoice" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Draft invoice");
        await Expect(page.Locator(".data-table tbody")).ToContainTextAsync("Consultation: Medications");
        await Expect(page.Locator(".data-table tfoot")).ToContainTextAsync("Rs 3,000");
        await page.SaveScreenshotAsync("1-draft");
        await audit.CheckAsync("draft invoice");
        await AtPhoneWidthAsync(page, "1-draft");
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue the invoice" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Issued as DC-");
        var number = (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).Trim()["Invoice ".Length..];
        Assert.Matches(@"^DC-\d{4}-\d{6}$", number);
        await Expect(page.Locator(".billing__balance")).ToHaveTextAsync("Rs 3,000");
        var invoicePath = new Uri(page.Url).AbsolutePath;

        await page.GetByLabel("Paid by").SelectOptionAsync(new SelectOptionValue { Label = "Cash" });
        await page.GetByLabel("Amount in rupees").FillAsync("1,000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Take the payment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Rs 1,000 taken. Rs 2,000 still to pay.");
        await Expect(page.Locator(".billing__balance")).ToHaveTextAsync("Rs 2,000");

        // More than is owed: refused beside the amount, as typed, and nothing taken.
        await page.GetByLabel("Paid by").SelectOptionAsync(new SelectOptionValue { Label = "Card" });
        await page.GetByLabel("Amount in rupees").FillAsync("2500");
        await page.GetByLabel("Reference").FillAsync("TID 004417");
        await page.GetByRole(AriaRole.Button, new() { Name = "Take the payment" }).ClickAsync();
        await Expect(page.Locator("#Amount-error")).ToHaveTextAsync("That is more than the balance (Rs 2,000).");
        await Expect(page.GetByLabel("Amount in rupees")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Amount in rupees")).ToHaveValueAsync("2500");
        await Expect(page.Locator(".billing__balance")).ToHaveTextAsync("Rs 2,000");
        await Expect(page.Locator(".billing__payments > li")).ToHaveCountAsync(1);
        await page.SaveScreenshotAsync("2-more-than-the-balance");
        await audit.CheckAsync("payment refused");

        await page.GetByLabel("Amount in rupees").FillAsync("2000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Take the payment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Rs 2,000 taken. Paid in full.");
        await Expect(page.Locator(".billing__balance")).ToHaveTextAsync("Rs 0");
        await Expect(page.Locator(".billing__summary dd").First).ToHaveTextAsync("Paid in full");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Take the payment" })).ToHaveCountAsync(0);
        var payments = page.Locator(".billing__payments > li");
        await Expect(payments).ToHaveCountAsync(2);
        await Expect(payments.Nth(0)).ToContainTextAsync("Paid Rs 1,000 by Cash");
        await Expect(payments.Nth(1)).ToContainTextAsync("Paid Rs 2,000 by Card (TID 004417)");
        await page.SaveScreenshotAsync("3-paid");
        await audit.CheckAsync("paid invoice");
        await AtPhoneWidthAsync(page, "3-paid");

        // The card payment's receipt on the 80 mm roll (72 mm printable, about 272 px at 96 dpi; 302 px is the whole roll).
        await payments.Nth(1).GetByRole(AriaRole.Link, new() { Name = "Receipt" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Receipt " + number);
        await audit.CheckAsync("receipt");
        await AssertPrintsWithinAsync(page, 302, "4-receipt-80mm");
        await Expect(page.Locator(".print-paper__paid")).ToContainTextAsync("Rs 2,000");
        await Expect(page.Locator(".print-paper__paid")).ToContainTextAsync("Card (TID 004417)");

        await page.GotoAsync(invoicePath + "/print?paper=a4");
        await audit.CheckAsync("invoice on A4");
        await AssertPrintsWithinAsync(page, 794, "5-invoice-a4");
        await Expect(page.Locator(".print-paper__lines tfoot tr", new() { HasTextString = "Balance" }).Locator("td")).ToHaveTextAsync("Rs 0");
        problems.AssertNone("400 for POST", "status of 400");

        // The owner's report for the day, as the admin sees it.
        await using var adminContext = await browser.NewContextAsync(Viewport.Desktop);
        var owner = new AxeAudit(await adminContext.NewPageAsync());
        var adminPage = owner.Page;
        var adminProblems = PageProblems.Watch(adminPage);
        await SignInAsync(adminPage, $"/staff/reports?from={today}&to={today}", DemoDataSeeder.AdminEmail);
        await Expect(adminPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Reports");
        await AssertReportRowAsync(adminPage, "revenue-treatment", "Medications", "Rs 3,000");
        await AssertReportRowAsync(adminPage, "revenue-clinician", "Dr Hina Raza", "Rs 3,000");
        await AssertReportRowAsync(adminPage, "takings-method", "Cash", "Rs 1,000");
        await AssertReportRowAsync(adminPage, "takings-method", "Card", "Rs 2,000");
        // Every chart is a titled picture with the same figures in a table beside it.
        var charts = adminPage.Locator(".report svg[role=img]");
        Assert.True(await charts.CountAsync() >= 4, "The report shows fewer than four charts.");
        foreach (var chart in await charts.AllAsync())
        {
            await Expect(chart.Locator("title")).Not.ToBeEmptyAsync();
            await Expect(chart.Locator("xpath=following-sibling::div//table")).ToHaveCountAsync(1);
        }

        await adminPage.AssertStylesheetsAppliedAsync();
        await owner.CheckAsync("reports");
        await adminPage.SaveScreenshotAsync("6-report");
        await AtPhoneWidthAsync(adminPage, "6-report");

        await owner.VisitAsync("/staff/admin/billing");
        await adminPage.SaveScreenshotAsync("7-billing-admin");
        await owner.VisitAsync("/staff/billing/takings");
        await Expect(adminPage.Locator("main")).ToContainTextAsync("Rs 3,000");
        await adminPage.SaveScreenshotAsync("8-takings");
        adminProblems.AssertNone();

        audit.AssertNone();
        owner.AssertNone();
    }

    private static async Task SignInAsync(IPage page, string url, string email)
    {
        await page.GotoAsync(url);
        await page.GetByLabel("Work email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>The page at 375 px (no sideways scrolling, a screenshot to look at), then back at desk width.</summary>
    private static async Task AtPhoneWidthAsync(IPage page, string step, [CallerMemberName] string test = "")
    {
        await page.SetViewportSizeAsync(Viewport.Phone.Width, Viewport.Phone.Height);
        await page.AssertNoSidewaysScrollAsync();
        await page.SaveScreenshotAsync(step, test);
        await page.SetViewportSizeAsync(Viewport.Desktop.Width, Viewport.Desktop.Height);
    }

    private static async Task AssertReportRowAsync(IPage page, string report, string item, string value) =>
        await Expect(page.Locator($"#{report}-title ~ .report__body table tbody tr", new() { HasTextString = item }).Locator("td"))
            .ToHaveTextAsync(value);

    /// <summary>
    /// The page as the printer gets it on paper <paramref name="width"/> px wide: only the document (no header,
    /// navigation or links back), nothing wider than the paper, and a screenshot to look at.
    /// </summary>
    private static async Task AssertPrintsWithinAsync(IPage page, int width, string step, [CallerMemberName] string test = "")
    {
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await page.SetViewportSizeAsync(width, 1000);
        await page.AssertNoSidewaysScrollAsync();
        await Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Expect(page.Locator(".no-print")).ToBeHiddenAsync();
        await Expect(page.Locator(".print-paper")).ToBeVisibleAsync();
        var paper = await page.Locator(".print-paper").BoundingBoxAsync();
        Assert.NotNull(paper);
        Assert.True(paper.X >= 0 && paper.X + paper.Width <= width, $"The document spans {paper.X} to {paper.X + paper.Width} px on {width} px paper.");
        await page.SaveScreenshotAsync(step, test);
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await page.SetViewportSizeAsync(Viewport.Desktop.Width, Viewport.Desktop.Height);
    }

    /// <summary>
    /// A consultation about medications with Dr Hina Raza that began at 10:00 today, the patient arrived. No other journey
    /// issues an invoice, so the day's revenue on the report is this one's alone.
    /// </summary>
    private async Task<string> ArrivedConsultationAsync()
    {
        await using var scope = browser.Site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<ClinicClock>();
        var clinician = await db.Clinicians.SingleAsync(c => c.DisplayName == "Dr Hina Raza");
        var treatment = await db.Treatments.SingleAsync(t => t.Slug == "medications");
        var now = browser.Site.Clock.GetUtcNow().UtcDateTime;
        var patient = new Patient { FullName = PatientName, PhoneE164 = "+923005550187", CreatedUtc = now, UpdatedUtc = now };
        db.Patients.Add(patient);
        await db.SaveChangesAsync();
        var start = TimeZoneInfo.ConvertTimeToUtc(clock.Today.ToDateTime(new TimeOnly(10, 0)), clock.TimeZone);
        var appointment = RecordedAppointments.Recorded(patient, clinician.Id, treatment.Id, start, TimeSpan.FromMinutes(20), AppointmentStatus.Arrived, bookedUtc: now.AddDays(-1));
        db.Appointments.Add(appointment);
        await db.SaveChangesAsync();
        return appointment.Reference;
    }
}
