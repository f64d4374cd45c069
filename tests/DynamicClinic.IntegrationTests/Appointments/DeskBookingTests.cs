using System.Net;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using static DynamicClinic.IntegrationTests.Appointments.ReceptionTestData;

namespace DynamicClinic.IntegrationTests.Appointments;

/// <summary>Phone and walk-in bookings made by reception at /staff/appointments/new, on the demo data.</summary>
public class DeskBookingTests : IClassFixture<DeskBookingTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _site;

    public DeskBookingTests(Factory site) => _site = site;

    public async Task InitializeAsync() => await _site.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpClient> ReceptionAsync() => _site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);

    private static async Task<HttpResponseMessage> BookAsync(HttpClient client, string page, Dictionary<string, string> fields)
    {
        var all = HtmlForms.HiddenFields(await client.GetStringAsync(page), "/staff/appointments/new");
        foreach (var (key, value) in fields)
        {
            all[key] = value;
        }

        return await client.PostAsync("/staff/appointments/new", all);
    }

    private Task<int> CountAsync() => _site.WithDbAsync(db => db.Appointments.CountAsync());

    [Fact]
    public async Task AWalkInForANewPatientIsBookedInTodaysNextFreeTime()
    {
        var treatment = await TreatmentIdAsync(_site, "general-consultation");
        using var client = await ReceptionAsync();
        var page = $"/staff/appointments/new?treatment={treatment}&clinician=1&date=2026-11-27&source=WalkIn";
        var slot = Slot(1, Utc(11, 27, 10, 0));

        var html = await client.GetStringAsync(page);
        using var response = await BookAsync(client, page, new()
        {
            ["Slot"] = slot,
            ["FullName"] = "Walk-in Patient",
            ["Phone"] = "0321 5550001",
            ["Email"] = "walkin@example.test",
            ["Source"] = "WalkIn",
        });

        // No minimum notice at the desk: the time starting right now is offered.
        Assert.Contains($"value=\"{slot}\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var reference = response.Headers.Location!.OriginalString.Split('/').Last();
        var stored = await LoadAsync(_site, reference);
        Assert.Equal(AppointmentSource.WalkIn, stored.Source);
        Assert.Equal(AppointmentStatus.Booked, stored.Status);
        Assert.Equal("Walk-in Patient", stored.Patient!.FullName);
        Assert.Equal("+923215550001", stored.Patient.PhoneE164);
        Assert.Equal(Utc(11, 27, 10, 0), stored.StartUtc);
        Assert.Equal(6, stored.TimeBlocks.Count);
        // The confirmation email carries a manage link of its own: its secret's hash is stored.
        Assert.Equal(1, await _site.WithDbAsync(db => db.AppointmentManageTokens.CountAsync(t => t.AppointmentId == stored.Id)));

        var (audit, confirmation) = await _site.WithDbAsync(async db => (
            await db.AuditEntries.AsNoTracking().SingleAsync(e => e.EntityId == reference),
            await db.OutboxMessages.AsNoTracking().AnyAsync(m => m.AppointmentId == stored.Id && m.Kind == "BookingConfirmed")));
        Assert.Equal(AuditActions.AppointmentBooked, audit.Action);
        Assert.Equal(stored.PatientId, audit.PatientId);
        Assert.StartsWith("Bilal Ahmed", audit.ActorName, StringComparison.Ordinal);
        Assert.True(confirmation);
    }

    [Fact]
    public async Task AnExistingPatientIsFoundByPhoneAndReused()
    {
        var treatment = await TreatmentIdAsync(_site, "mesotherapy");
        using var client = await ReceptionAsync();
        var patients = await _site.WithDbAsync(db => db.Patients.CountAsync());

        var search = WebUtility.HtmlDecode(await client.GetStringAsync($"/staff/appointments/new?treatment={treatment}&date=2026-12-04&q=0300-1110002"));
        var patientId = await _site.WithDbAsync(db => db.Patients.Where(p => p.PhoneE164 == "+923001110002").Select(p => p.Id).SingleAsync());
        var page = $"/staff/appointments/new?patient={patientId}&treatment={treatment}&length=Session&date=2026-12-04";
        var chosen = WebUtility.HtmlDecode(await client.GetStringAsync(page));
        using var response = await BookAsync(client, page, new() { ["Slot"] = Slot(3, Utc(12, 4, 10, 0)), ["Source"] = "Phone" });

        Assert.Contains("Demo Patient Two", search, StringComparison.Ordinal);
        Assert.Contains($"patient={patientId}", search, StringComparison.Ordinal);
        Assert.Contains("Booking for", chosen, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"FullName\"", chosen, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await LoadAsync(_site, response.Headers.Location!.OriginalString.Split('/').Last());
        Assert.Equal(patientId, stored.PatientId);
        Assert.Equal(AppointmentSource.Phone, stored.Source);
        Assert.Equal(TimeSpan.FromMinutes(45), stored.EndUtc - stored.StartUtc);
        Assert.Equal(patients, await _site.WithDbAsync(db => db.Patients.CountAsync()));
    }

    [Fact]
    public async Task ATakenTimeIsRefusedAsOnlineBookingRefusesIt()
    {
        var treatment = await TreatmentIdAsync(_site, "general-consultation");
        await AddAsync(_site, 2, Utc(12, 5, 11, 0));
        using var client = await ReceptionAsync();
        var before = await CountAsync();
        var patients = await _site.WithDbAsync(db => db.Patients.CountAsync());

        using var response = await BookAsync(client, $"/staff/appointments/new?treatment={treatment}&clinician=2&date=2026-12-05", new()
        {
            ["Slot"] = Slot(2, Utc(12, 5, 11, 15)),
            ["FullName"] = "Second Patient",
            ["Phone"] = "0321 5550002",
            ["Source"] = "Phone",
        });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("That time is taken", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Second Patient\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
        Assert.Equal(patients, await _site.WithDbAsync(db => db.Patients.CountAsync()));
    }

    [Theory]
    [InlineData("Length", "", "Choose consultation or session.")]
    [InlineData("Length", "Marathon", "Choose consultation or session.")]
    [InlineData("Source", "", "Choose phone or walk-in.")]
    [InlineData("Slot", "", "Choose one of the free times.")]
    [InlineData("Slot", "1-00010101T0000Z", "Choose one of the free times.")]
    public async Task AMissingOrUnknownChoiceIsShownBesideTheFieldAndNothingIsSaved(string field, string value, string message)
    {
        var treatment = await TreatmentIdAsync(_site, "general-consultation");
        using var client = await ReceptionAsync();
        var before = await CountAsync();
        var fields = new Dictionary<string, string>
        {
            ["Slot"] = Slot(1, Utc(12, 7, 10, 30)),
            ["FullName"] = "Choice Patient",
            ["Phone"] = "0321 5550013",
            ["Length"] = "Consultation",
            ["Source"] = "Phone",
        };
        fields[field] = value;

        using var response = await BookAsync(client, $"/staff/appointments/new?treatment={treatment}&clinician=1&date=2026-12-07", fields);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("", "0321 5550003", "", "Enter the patient's full name, or choose an existing patient.")]
    [InlineData("New Patient", "12345", "", "Enter a valid mobile number")]
    [InlineData("New Patient", "0321 5550003", "not-an-email", "Enter an email address like name@example.com, or leave it empty.")]
    public async Task BadDetailsAreShownBesideTheFieldAndNothingIsSaved(string name, string phone, string email, string message)
    {
        var treatment = await TreatmentIdAsync(_site, "general-consultation");
        using var client = await ReceptionAsync();
        var before = await CountAsync();

        using var response = await BookAsync(client, $"/staff/appointments/new?treatment={treatment}&clinician=1&date=2026-12-07", new()
        {
            ["Slot"] = Slot(1, Utc(12, 7, 10, 0)),
            ["FullName"] = name,
            ["Phone"] = phone,
            ["Email"] = email,
            ["Source"] = "Phone",
        });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task ATimeInThePastOrOutsideHoursIsRefused()
    {
        var treatment = await TreatmentIdAsync(_site, "general-consultation");
        using var client = await ReceptionAsync();
        var before = await CountAsync();
        var fields = new Dictionary<string, string> { ["FullName"] = "Late Patient", ["Phone"] = "0321 5550004", ["Source"] = "Phone" };

        using var past = await BookAsync(client, $"/staff/appointments/new?treatment={treatment}&clinician=1", new(fields) { ["Slot"] = Slot(1, Utc(11, 27, 9, 0)) });
        using var evening = await BookAsync(client, $"/staff/appointments/new?treatment={treatment}&clinician=1", new(fields) { ["Slot"] = Slot(1, Utc(12, 7, 20, 0)) });

        Assert.Contains("That time has already passed.", await past.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("The clinician does not work at that time.", await evening.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }
}
