using DynamicClinic.BrowserTests.Infrastructure;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Patients;
using DynamicClinic.TestSupport;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DynamicClinic.BrowserTests.Patients;

/// <summary>
/// A clinician on a phone opens the chart of a patient she treats, completes the clinical details, and sees the
/// allergies banner at the top of the record. Uses a patient of its own, so the shared demo data is unchanged.
/// </summary>
[Collection(SecondBrowser.Name)]
public class PatientChartJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task AClinicianCompletesTheClinicalDetailsOfAPatientSheTreats()
    {
        var patientId = await TreatedPatientAsync();
        await using var context = await browser.NewContextAsync(Viewport.Phone);
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);

        await page.GotoAsync($"/staff/patients/{patientId}");
        await page.GetByLabel("Work email").FillAsync(DemoDataSeeder.ClinicianEmail);
        await page.GetByLabel("Password").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Clinical notes", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit contact details" })).ToHaveCountAsync(0);
        await page.AssertStylesheetsAppliedAsync();
        await page.AssertNoSidewaysScrollAsync();
        await page.SaveScreenshotAsync("1-record");

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit clinical details" }).ClickAsync();
        await page.GetByLabel("Date of birth").FillAsync("1988-06-15");
        await page.GetByLabel("Female").CheckAsync();
        await page.GetByLabel("Allergies").FillAsync("Lidocaine");
        await page.GetByLabel("The patient agrees to clinical photos").CheckAsync();
        await page.AssertNoSidewaysScrollAsync();
        await page.SaveScreenshotAsync("2-details");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save clinical details" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Clinical details saved");
        await Expect(page.Locator(".chart-alerts")).ToContainTextAsync("Lidocaine");
        await Expect(page.GetByText("15 Jun 1988 (age ")).ToBeVisibleAsync();
        await page.AssertNoSidewaysScrollAsync();
        await page.SaveScreenshotAsync("3-banner");

        problems.AssertNone();
    }

    /// <summary>A patient of this test's own, seen by Dr Ayesha three days ago.</summary>
    private async Task<int> TreatedPatientAsync()
    {
        await using var scope = browser.Site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var clinician = await db.Clinicians.SingleAsync(c => c.DisplayName == "Dr Ayesha Khan");
        var treatment = await db.Treatments.SingleAsync(t => t.Slug == "general-consultation");
        var now = browser.Site.Clock.GetUtcNow().UtcDateTime;
        var patient = new Patient { FullName = "Chart Journey Patient", PhoneE164 = "+923004445566", CreatedUtc = now.AddDays(-10), UpdatedUtc = now.AddDays(-10) };
        db.Patients.Add(patient);
        await db.SaveChangesAsync();
        var start = new DateTime(now.Year, now.Month, now.Day, 6, 0, 0, DateTimeKind.Utc).AddDays(-3);
        db.Appointments.Add(RecordedAppointments.Recorded(patient, clinician.Id, treatment.Id, start, TimeSpan.FromMinutes(30), AppointmentStatus.Completed));
        await db.SaveChangesAsync();
        return patient.Id;
    }
}
