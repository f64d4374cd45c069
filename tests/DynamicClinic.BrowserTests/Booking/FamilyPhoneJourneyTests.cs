using DynamicClinic.BrowserTests.Infrastructure;
using DynamicClinic.Data;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DynamicClinic.BrowserTests.Booking;

/// <summary>
/// A mother and her son book online on one shared phone, one after the other in the same browser: two bookings,
/// two records, and each manage link opens its own booking and nothing of the other's.
/// </summary>
[Collection(SharedBrowser.Name)]
public class FamilyPhoneJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task TwoPeopleOnOnePhoneEachGetTheirOwnBookingAndLink()
    {
        await using var context = await browser.NewContextAsync(Viewport.Phone);
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);
        var today = browser.Site.Services.GetRequiredService<ClinicClock>().Today;
        var mother = BookingPatient.Sample("Farzana Qureshi", "0300 1234588") with { Email = "farzana@example.com" };
        var son = BookingPatient.Sample("Hamza Qureshi", "0300 1234588") with { Email = "hamza@example.com" };

        var (motherRef, motherLink) = await BookAsync(page, mother, today.AddDays(3));
        await page.SaveScreenshotAsync("mother-confirmed");
        var (sonRef, sonLink) = await BookAsync(page, son, today.AddDays(4));
        await page.SaveScreenshotAsync("son-confirmed");

        Assert.NotEqual(motherRef, sonRef);
        Assert.NotEqual(motherLink, sonLink);
        foreach (var (reference, link, other) in new[] { (motherRef, motherLink, sonRef), (sonRef, sonLink, motherRef) })
        {
            await page.GotoAsync(link);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your booking", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.Locator(".reference strong")).ToHaveTextAsync(reference);
            await Expect(page.Locator("main")).Not.ToContainTextAsync(other);
            await Expect(page.Locator("main")).Not.ToContainTextAsync("Qureshi");
            await page.AssertNoSidewaysScrollAsync();
        }

        await page.SaveScreenshotAsync("son-manage");

        // Two records, each with its own booking and email; the son's flagged for reception to check.
        var records = await WithDbAsync(db => db.Appointments.AsNoTracking()
            .Where(a => a.Reference == motherRef || a.Reference == sonRef)
            .Select(a => new { a.Reference, a.Patient!.FullName, a.Patient.Email, a.Patient.PossibleDuplicateOfPatientId, a.PatientId })
            .ToListAsync());
        var motherRecord = records.Single(r => r.Reference == motherRef);
        var sonRecord = records.Single(r => r.Reference == sonRef);
        Assert.Equal(("Farzana Qureshi", "farzana@example.com"), (motherRecord.FullName, motherRecord.Email));
        Assert.Equal(("Hamza Qureshi", "hamza@example.com"), (sonRecord.FullName, sonRecord.Email));
        Assert.Equal(motherRecord.PatientId, sonRecord.PossibleDuplicateOfPatientId);
        problems.AssertNone();
    }

    private static async Task<(string Reference, string Link)> BookAsync(IPage page, BookingPatient patient, DateOnly notBefore)
    {
        await page.GotoAsync(BookingSteps.StartPath);
        await page.ContinueWithFirstAvailableAsync();
        await page.ChooseFirstDateAsync(notBefore);
        var time = await page.ChooseFirstTimeAsync();
        await page.ContinueToDetailsAsync();
        await page.FillDetailsAsync(patient);
        await page.SubmitDetailsAsync();
        await page.ExpectReviewAsync(patient, time);
        await page.ConfirmAsync();
        var reference = await page.ExpectConfirmationAsync(patient);
        var link = await page.Locator(".manage-link a").GetAttributeAsync("href");
        return (reference, link!);
    }

    private async Task<T> WithDbAsync<T>(Func<ClinicDbContext, Task<T>> work)
    {
        await using var scope = browser.Site.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ClinicDbContext>());
    }
}
