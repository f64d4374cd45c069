using System.Net;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using static DynamicClinic.IntegrationTests.Appointments.ReceptionTestData;

namespace DynamicClinic.IntegrationTests.Appointments;

/// <summary>At the desk: a number lists the whole family, and a new record that matches one on file is asked about first.</summary>
public class DeskPatientIdentityTests : IClassFixture<DeskPatientIdentityTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _site;

    public DeskPatientIdentityTests(Factory site) => _site = site;

    public async Task InitializeAsync()
    {
        await _site.SeedDemoDataAsync();
        await _site.WithDbAsync(async db =>
        {
            // Once per class: xunit makes a new instance (and calls this) for every test.
            if (await db.Patients.AnyAsync(p => p.FullName == "Rukhsana Bibi"))
            {
                return 0;
            }

            var now = ClinicAppFactory.DefaultNow.UtcDateTime;
            db.Patients.AddRange(
                new Domain.Patients.Patient { FullName = "Rukhsana Bibi", PhoneE164 = "+923335550070", CreatedUtc = now, UpdatedUtc = now },
                new Domain.Patients.Patient { FullName = "Imran Khan Niazi", PhoneE164 = "+923335550070", Email = "imran@example.test", CreatedUtc = now, UpdatedUtc = now },
                new Domain.Patients.Patient { FullName = "Someone Else", PhoneE164 = "+923335550071", CreatedUtc = now, UpdatedUtc = now });
            return await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpClient> ReceptionAsync() => _site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);

    [Theory]
    [InlineData("0333 5550070")]
    [InlineData("3355500")]
    [InlineData("+92 333 555 0070")]
    public async Task TypingTheNumberListsEveryoneOnItInTheBookingFormAndOnThePatientsPage(string typed)
    {
        using var client = await ReceptionAsync();

        var form = await client.GetStringAsync($"/staff/appointments/new?q={Uri.EscapeDataString(typed)}");
        var patients = await client.GetStringAsync($"/staff/patients?q={Uri.EscapeDataString(typed)}");

        foreach (var page in new[] { form, patients })
        {
            Assert.Contains("Rukhsana Bibi", page, StringComparison.Ordinal);
            Assert.Contains("Imran Khan Niazi", page, StringComparison.Ordinal);
        }

        if (typed.Length > 7)
        {
            // A whole number finds that number only; a part of one finds every number it is part of.
            Assert.DoesNotContain("Someone Else", form, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ANewRecordThatIsSomeoneOnFileIsAskedAboutFirstAndThenBookedForTheChosenRecord()
    {
        var treatment = await TreatmentIdAsync(_site, "general-consultation");
        using var client = await ReceptionAsync();
        var page = $"/staff/appointments/new?treatment={treatment}&clinician=1&date=2026-11-30";
        var fields = HtmlForms.HiddenFields(await client.GetStringAsync(page), "/staff/appointments/new");
        fields["Slot"] = Slot(1, Utc(11, 30, 10, 0));
        fields["FullName"] = "rukhsana  bibi";
        fields["Phone"] = "0333 5550070";
        fields["Source"] = "Phone";
        var patientsBefore = await _site.WithDbAsync(db => db.Patients.CountAsync());
        var appointmentsBefore = await _site.WithDbAsync(db => db.Appointments.CountAsync());

        using var asked = await client.PostAsync("/staff/appointments/new", fields);

        Assert.Equal(HttpStatusCode.Conflict, asked.StatusCode);
        var html = await asked.Content.ReadAsStringAsync();
        Assert.Contains("Is this a patient you already have?", html, StringComparison.Ordinal);
        Assert.Contains("Book for Rukhsana Bibi", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Book for Imran", html, StringComparison.Ordinal);
        Assert.Equal(patientsBefore, await _site.WithDbAsync(db => db.Patients.CountAsync()));
        Assert.Equal(appointmentsBefore, await _site.WithDbAsync(db => db.Appointments.CountAsync()));

        // Reception picks the record on file: booked for her, no second record.
        var rukhsana = await _site.WithDbAsync(db => db.Patients.Where(p => p.FullName == "Rukhsana Bibi").Select(p => p.Id).SingleAsync());
        var again = HtmlForms.HiddenFields(html, "/staff/appointments/new");
        foreach (var key in new[] { "Slot", "FullName", "Phone", "Source" })
        {
            again[key] = fields[key];
        }

        again["PatientId"] = rukhsana.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var booked = await client.PostAsync("/staff/appointments/new", again);

        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        var reference = booked.Headers.Location!.OriginalString.Split('/').Last();
        Assert.Equal(rukhsana, await _site.WithDbAsync(db => db.Appointments.Where(a => a.Reference == reference).Select(a => a.PatientId).SingleAsync()));
        Assert.Equal(patientsBefore, await _site.WithDbAsync(db => db.Patients.CountAsync()));
    }

    [Fact]
    public async Task ReceptionCanSayItIsSomeoneElseAndMakeANewRecord()
    {
        var treatment = await TreatmentIdAsync(_site, "general-consultation");
        using var client = await ReceptionAsync();
        var page = $"/staff/appointments/new?treatment={treatment}&clinician=1&date=2026-11-30";
        var fields = HtmlForms.HiddenFields(await client.GetStringAsync(page), "/staff/appointments/new");
        fields["Slot"] = Slot(1, Utc(11, 30, 11, 0));
        fields["FullName"] = "Imran Khan Niazi";
        fields["Phone"] = "0333 5550070";
        fields["Source"] = "Phone";
        fields["NewPatientConfirmed"] = "true";

        using var booked = await client.PostAsync("/staff/appointments/new", fields);

        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        Assert.Equal(2, await _site.WithDbAsync(db => db.Patients.CountAsync(p => p.FullName == "Imran Khan Niazi")));
        // Reception decided they are different people: no flag to resolve.
        Assert.Equal(0, await _site.WithDbAsync(db => db.Patients.CountAsync(p => p.PossibleDuplicateOfPatientId != null && p.FullName == "Imran Khan Niazi")));
    }
}
