using System.Net;
using DynamicClinic.IntegrationTests.Booking;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Patients;

/// <summary>
/// The family story end to end (ADR 0004): a mother and her son book online with one phone and get a record each,
/// the son's flagged; reception finds the pair in the list of possible duplicates and says they are different people.
/// A second pair, one person who typed a shorter name and a new email, is merged from the list.
/// </summary>
public class PossibleDuplicatesJourneyTests : IClassFixture<PossibleDuplicatesJourneyTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private static readonly DateOnly Tuesday = new(2026, 12, 1);
    private readonly Factory _factory;

    public PossibleDuplicatesJourneyTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => await _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<int> BookOnlineAsync(int slot, string name, string phone, string email)
    {
        var visitor = new BookingVisitor(_factory.CreateClient());
        var slots = await visitor.SlotsAsync("mesotherapy", "1", Tuesday, Tuesday);
        using var response = await visitor.BookAsync("mesotherapy", slots[slot].Slot, BookingVisitor.Details(name: name, phone: phone, email: email));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var reference = response.Headers.Location!.OriginalString[9..18];
        return await _factory.WithDbAsync(db => db.Appointments.Where(a => a.Reference == reference).Select(a => a.PatientId).SingleAsync());
    }

    [Fact]
    public async Task ReceptionDismissesAFamilyOnOnePhoneAndMergesOnePersonWhoBookedTwice()
    {
        var mother = await BookOnlineAsync(0, "Nasreen Akhtar", "0300 7771001", "nasreen.journey@example.test");
        var son = await BookOnlineAsync(2, "Bilal Akhtar", "0300 7771001", "bilal.journey@example.test");
        var first = await BookOnlineAsync(4, "Muhammad Usman Ghani", "0300 7771002", "usman.ghani@example.test");
        var again = await BookOnlineAsync(6, "Usman Ghani", "0300 7771002", "usman.new@example.test");
        Assert.Equal(4, new[] { mother, son, first, again }.Distinct().Count());

        using var reception = _factory.CreateClient();
        await reception.SignInAsStaffAsync(DemoDataSeeder.ReceptionEmail);
        var index = PatientTestData.Text(await reception.GetStringAsync("/staff/patients"));
        Assert.Contains("<a href=\"/staff/patients/duplicates\">2 possible duplicates to check</a>", index, StringComparison.Ordinal);

        var list = PatientTestData.Text(await reception.GetStringAsync("/staff/patients/duplicates"));
        Assert.Contains($"Records {son} and {mother}: same mobile number", list, StringComparison.Ordinal);
        Assert.Contains($"Records {again} and {first}: same mobile number", list, StringComparison.Ordinal);
        Assert.Contains("Bilal Akhtar", list, StringComparison.Ordinal);
        Assert.Contains("nasreen.journey@example.test", list, StringComparison.Ordinal);

        // Mother and son: not the same person.
        var dismiss = $"/staff/patients/{son}/not-duplicate";
        using (var dismissed = await reception.PostAsync(dismiss, HtmlForms.HiddenFields(list, dismiss)))
        {
            Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
            Assert.Equal("/staff/patients/duplicates", dismissed.Headers.Location!.OriginalString);
        }

        list = PatientTestData.Text(await reception.GetStringAsync("/staff/patients/duplicates"));
        Assert.DoesNotContain($"Records {son} and", list, StringComparison.Ordinal);

        // Usman twice: follow "Merge into ..." from the list, keep his first record with the new email.
        var merge = $"/staff/patients/{first}/merge?other={again}";
        Assert.Contains($"href=\"{merge}\">Merge into Muhammad Usman Ghani…</a>", list, StringComparison.Ordinal);
        var action = $"/staff/patients/{first}/merge";
        var fields = await PatientTestData.FormAsync(reception, merge, action);
        fields["EmailFrom"] = "other";
        using (var merged = await reception.PostAsync(action, fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        }

        list = PatientTestData.Text(await reception.GetStringAsync("/staff/patients/duplicates"));
        Assert.Contains("No possible duplicates to check.", list, StringComparison.Ordinal);
        Assert.DoesNotContain("possible duplicate", PatientTestData.Text(await reception.GetStringAsync("/staff/patients")), StringComparison.Ordinal);
        Assert.Equal(first, (await PatientTestData.PatientAsync(_factory, again)).MergedIntoPatientId);
        Assert.Equal("usman.new@example.test", (await PatientTestData.PatientAsync(_factory, first)).Email);
        Assert.Null((await PatientTestData.PatientAsync(_factory, son)).PossibleDuplicateOfPatientId);
        Assert.Null((await PatientTestData.PatientAsync(_factory, mother)).MergedIntoPatientId);
    }
}
