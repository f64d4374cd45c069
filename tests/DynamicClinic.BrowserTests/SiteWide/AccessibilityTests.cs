using System.Globalization;
using System.Text.RegularExpressions;
using DynamicClinic.BrowserTests.Booking;
using DynamicClinic.BrowserTests.Infrastructure;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Web.Features.Treatments;
using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DynamicClinic.BrowserTests.SiteWide;

/// <summary>
/// axe-core, run in the browser on the rendered page (CSS applied), over every public page (booking steps and
/// error pages included) and the main staff pages. Each test is one page in one context walking its pages, signed
/// in once for its role; every page is checked and the test fails at the end with everything found. Public pages
/// at phone width, where most visitors are and where touch targets and reflow matter; staff pages at desk width.
/// </summary>
[Collection(SecondBrowser.Name)]
public partial class AccessibilityTests(BrowserFixture browser)
{
    [Fact]
    public async Task PublicPagesHaveNoSeriousOrCriticalViolations()
    {
        await using var context = await browser.NewContextAsync(Viewport.Phone);
        var audit = new AxeAudit(await context.NewPageAsync());
        var page = audit.Page;

        await audit.VisitAsync("/");
        await audit.VisitAsync("/treatments");
        foreach (var guide in TreatmentCatalogue.All)
        {
            await audit.VisitAsync($"/treatments/{guide.Slug}");
        }

        await audit.VisitAsync("/privacy");
        await audit.VisitAsync("/no-such-page", status: 404);
        await audit.VisitAsync("/staff/sign-in");

        // Booking, step by step.
        await audit.VisitAsync(BookingSteps.StartPath);
        await page.ContinueWithFirstAvailableAsync();
        await audit.CheckAsync("dates");
        await page.ChooseFirstDateAsync();
        await audit.CheckAsync("times of a date");
        await page.ChooseFirstTimeAsync();
        await page.ContinueToDetailsAsync();
        await audit.CheckAsync("details");
        await page.SubmitDetailsAsync();
        await Expect(page.Locator(".form-errors")).ToBeVisibleAsync();
        await audit.CheckAsync("details with errors");
        await page.FillDetailsAsync(BookingPatient.Sample("Axe Check", "0321 5550881"));
        await page.SubmitDetailsAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check and confirm", Level = 1 })).ToBeVisibleAsync();
        await audit.CheckAsync("review");
        await page.ConfirmAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your consultation is booked");
        await audit.CheckAsync("confirmation");
        var manage = new Uri(page.Url).PathAndQuery.Replace("&confirmed=1", "", StringComparison.Ordinal);
        await audit.VisitAsync(manage);
        var reschedule = ManageLink().Replace(manage, "$1/reschedule?");
        await audit.VisitAsync(reschedule);

        audit.AssertNone();
    }

    [Fact]
    public async Task ReceptionPagesHaveNoSeriousOrCriticalViolations()
    {
        var (reference, patientId, _) = await DemoRecordsAsync();
        await using var context = await browser.NewContextAsync(Viewport.Desktop);
        var audit = await SignedInAuditAsync(context, DemoDataSeeder.ReceptionEmail);

        await audit.VisitAsync("/staff/calendar");
        await audit.VisitAsync("/staff/calendar/week");
        await audit.VisitAsync($"/staff/appointments/{reference}");
        await audit.VisitAsync("/staff/appointments/new");
        await audit.VisitAsync($"/staff/appointments/new?patient={patientId}");
        await audit.VisitAsync("/staff/patients");
        await audit.VisitAsync("/staff/patients?q=Demo");
        await audit.VisitAsync($"/staff/patients/{patientId}");
        await audit.VisitAsync($"/staff/patients/{patientId}/edit");

        // Time off over a day that has appointments: the same screen lists them, each to move or cancel.
        var (clinicianId, day) = await WithDbAsync(async db =>
        {
            var clock = browser.Site.Services.GetRequiredService<ClinicClock>();
            var booked = await db.Appointments.Where(a => a.Status == AppointmentStatus.Booked && a.StartUtc > clock.UtcNow)
                .OrderBy(a => a.StartUtc).Select(a => new { a.ClinicianId, a.StartUtc }).FirstAsync();
            return (booked.ClinicianId, DateOnly.FromDateTime(clock.ToClinicTime(booked.StartUtc)));
        });
        await audit.VisitAsync(string.Create(CultureInfo.InvariantCulture, $"/staff/calendar/block?clinician={clinicianId}&date={day:yyyy-MM-dd}"));
        await audit.Page.GetByLabel("The whole day").CheckAsync();
        await audit.Page.GetByLabel("Reason").FillAsync("Training day");
        await audit.Page.GetByRole(AriaRole.Button, new() { Name = "Block time" }).ClickAsync();
        await Expect(audit.Page.GetByRole(AriaRole.Heading, new() { Name = "Appointments inside this time" })).ToBeVisibleAsync();
        await audit.CheckAsync("block time with appointments inside");
        await audit.Page.SaveScreenshotAsync("block-time-with-appointments");

        audit.AssertNone();
    }

    [Fact]
    public async Task ClinicianPagesHaveNoSeriousOrCriticalViolations()
    {
        var (reference, patientId, treatmentId) = await DemoRecordsAsync();
        await using var context = await browser.NewContextAsync(Viewport.Desktop);
        var audit = await SignedInAuditAsync(context, DemoDataSeeder.ClinicianEmail);
        var page = audit.Page;

        await audit.VisitAsync("/staff/today");
        await audit.VisitAsync($"/staff/appointments/{reference}/note");
        await audit.VisitAsync("/staff/plans/new");

        // A plan far from the dates other journeys book, so it takes none of their times.
        var start = browser.Site.Services.GetRequiredService<ClinicClock>().Today.AddDays(150);
        while (start.DayOfWeek == DayOfWeek.Sunday)
        {
            start = start.AddDays(1);
        }

        await audit.VisitAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"/staff/plans/new?PatientId={patientId}&TreatmentId={treatmentId}&StartDate={start:yyyy-MM-dd}&PreferredDay={start.DayOfWeek}&PreferredTime=18:15&Sessions=6&Sessions=3&propose=true"));
        await page.GetByRole(AriaRole.Button, new() { NameRegex = BookAllSessions() }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Plan booked");
        await audit.CheckAsync("session plan");

        audit.AssertNone();
    }

    [Fact]
    public async Task AdminPagesHaveNoSeriousOrCriticalViolations()
    {
        var (treatmentId, clinicianId, adminId) = await WithDbAsync(async db => (
            await db.Treatments.Where(t => t.Slug == BookingSteps.Treatment).Select(t => t.Id).SingleAsync(),
            await db.Clinicians.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(),
            await db.Users.Where(u => u.Email == DemoDataSeeder.AdminEmail).Select(u => u.Id).SingleAsync()));
        await using var context = await browser.NewContextAsync(Viewport.Desktop);
        var audit = await SignedInAuditAsync(context, DemoDataSeeder.AdminEmail);

        await audit.VisitAsync("/staff/admin/users");
        await audit.VisitAsync("/staff/admin/users/new");
        await audit.VisitAsync($"/staff/admin/users/{adminId}");
        await audit.VisitAsync("/staff/admin/audit");
        await audit.VisitAsync("/staff/admin/treatments");
        await audit.VisitAsync($"/staff/admin/treatments/{treatmentId}");
        await audit.VisitAsync("/staff/admin/clinicians");
        await audit.VisitAsync($"/staff/admin/clinicians/{clinicianId}");
        await audit.VisitAsync("/staff/admin/closures");
        await audit.VisitAsync("/error/403", status: 403);

        audit.AssertNone();
    }

    /// <summary>Signs in on the sign-in page (checked on the way, with its error too) and checks the staff home.</summary>
    private static async Task<AxeAudit> SignedInAuditAsync(IBrowserContext context, string email)
    {
        var audit = new AxeAudit(await context.NewPageAsync());
        var page = audit.Page;
        await page.GotoAsync("/staff");
        await page.GetByLabel("Work email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/staff$"));
        await audit.CheckAsync("staff home");
        return audit;
    }

    /// <summary>A demo appointment of Dr Ayesha's (first clinician), its patient and the mesotherapy treatment.</summary>
    private Task<(string Reference, int PatientId, int TreatmentId)> DemoRecordsAsync() => WithDbAsync(async db =>
    {
        var clinician = await db.Clinicians.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var appointment = await db.Appointments.Where(a => a.ClinicianId == clinician && a.Patient!.FullName.StartsWith("Demo Patient"))
            .OrderBy(a => a.Id).Select(a => new { a.Reference, a.PatientId }).FirstAsync();
        var treatment = await db.Treatments.Where(t => t.Slug == BookingSteps.Treatment).Select(t => t.Id).SingleAsync();
        return (appointment.Reference, appointment.PatientId, treatment);
    });

    private async Task<T> WithDbAsync<T>(Func<ClinicDbContext, Task<T>> read)
    {
        await using var scope = browser.Site.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<ClinicDbContext>());
    }

    [GeneratedRegex(@"^(/booking/[^?]+)\?")]
    private static partial Regex ManageLink();

    [GeneratedRegex(@"^Book all \d+ sessions$")]
    private static partial Regex BookAllSessions();
}
