using System.Net;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Patients;

/// <summary>The patient's record: contact details, appointments, session plans, and who changed what.</summary>
public class PatientRecordTests : IClassFixture<PatientRecordTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _factory;

    public PatientRecordTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => await _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpClient> ReceptionAsync() => _factory.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);

    private static async Task<string> RecordAsync(HttpClient client, int id)
    {
        using var response = await client.GetAsync($"/staff/patients/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PatientTestData.Text(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ShowsContactDetailsAndAppointmentsInClinicTimeWithLinks()
    {
        var phone = PatientTestData.NewPhone();
        var id = await PatientTestData.AddPatientAsync(_factory, "Record Holder", phone, "record.holder@example.test");
        var upcoming = await PatientTestData.AddAppointmentAsync(_factory, id, TimeSpan.FromDays(3));
        var past = await PatientTestData.AddAppointmentAsync(_factory, id, TimeSpan.FromDays(-10), AppointmentStatus.NoShow);
        var completed = await PatientTestData.AddAppointmentAsync(_factory, id, TimeSpan.FromDays(-20), AppointmentStatus.Completed);
        using var client = await ReceptionAsync();

        var html = await RecordAsync(client, id);

        Assert.Contains("Record Holder", html, StringComparison.Ordinal);
        Assert.Contains("+92 300 " + phone[6..], html, StringComparison.Ordinal);
        Assert.Contains("record.holder@example.test", html, StringComparison.Ordinal);

        var upcomingSection = html[html.IndexOf("Upcoming appointments", StringComparison.Ordinal)..html.IndexOf("Past appointments", StringComparison.Ordinal)];
        Assert.Contains($"href=\"/staff/appointments/{upcoming}\"", upcomingSection, StringComparison.Ordinal);
        Assert.Contains("Mon 30 Nov 2026, 10:00–10:30", upcomingSection, StringComparison.Ordinal);
        Assert.Contains("Dr Ayesha Khan", upcomingSection, StringComparison.Ordinal);
        Assert.Contains("General hair-loss consultation", upcomingSection, StringComparison.Ordinal);
        Assert.Contains("Booked", upcomingSection, StringComparison.Ordinal);

        var pastSection = html[html.IndexOf("Past appointments", StringComparison.Ordinal)..html.IndexOf("Session plans", StringComparison.Ordinal)];
        Assert.Contains($"href=\"/staff/appointments/{past}\"", pastSection, StringComparison.Ordinal);
        Assert.Contains("Did not attend", pastSection, StringComparison.Ordinal);
        Assert.Contains("Completed", pastSection, StringComparison.Ordinal);
        Assert.True(pastSection.IndexOf(past, StringComparison.Ordinal) < pastSection.IndexOf(completed, StringComparison.Ordinal), "Past appointments come newest first.");

        Assert.Contains("No session plans for this patient.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachViewIsAuditedAndCountedButNotListed()
    {
        var id = await PatientTestData.AddPatientAsync(_factory, "Viewed Patient");
        using var client = await ReceptionAsync();

        await RecordAsync(client, id);
        var html = await RecordAsync(client, id);

        var views = await PatientTestData.AuditAsync(_factory, id, AuditActions.PatientViewed);
        Assert.Equal(2, views.Count);
        Assert.All(views, v =>
        {
            Assert.Equal(AuditEntityTypes.Patient, v.EntityType);
            Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), v.EntityId);
            Assert.Contains("Bilal Ahmed (reception)", v.ActorName, StringComparison.Ordinal);
            Assert.NotNull(v.ActorUserId);
        });
        Assert.Contains("Record viewed 2 times (including now)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Viewed the patient record", html, StringComparison.Ordinal);
        Assert.Contains("No changes recorded.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhoChangedWhatListsChangesNewestFirstInClinicTime()
    {
        var id = await PatientTestData.AddPatientAsync(_factory, "History Patient");
        await _factory.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(new AuditEntry
            {
                OccurredUtc = ClinicAppFactory.DefaultNow.UtcDateTime.AddDays(-2),
                ActorName = "Earlier Person",
                Action = AuditActions.AppointmentBooked,
                EntityType = AuditEntityTypes.Appointment,
                EntityId = "DC-AAAAAA",
                PatientId = id,
                Summary = "Booked online: DC-AAAAAA",
            });
            db.AuditEntries.Add(new AuditEntry
            {
                OccurredUtc = ClinicAppFactory.DefaultNow.UtcDateTime.AddDays(-1),
                ActorName = "Later Person",
                Action = AuditActions.PatientUpdated,
                EntityType = AuditEntityTypes.Patient,
                EntityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                PatientId = id,
                Summary = "Changed the email",
            });
            return await db.SaveChangesAsync();
        });
        using var client = await ReceptionAsync();

        var html = await RecordAsync(client, id);

        var later = html.IndexOf("Later Person", StringComparison.Ordinal);
        var earlier = html.IndexOf("Earlier Person", StringComparison.Ordinal);
        Assert.True(later >= 0 && earlier > later, "Newest entry first.");
        Assert.Contains("Thu 26 Nov 2026, 10:00", html, StringComparison.Ordinal);
        Assert.Contains("Changed the email", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMergedAwayRecordSaysSoAndLinksToTheKeptOne()
    {
        var kept = await PatientTestData.AddPatientAsync(_factory, "Kept Record Person");
        var merged = await PatientTestData.AddPatientAsync(_factory, "Merged Record Person");
        await _factory.WithDbAsync(async db =>
        {
            var p = await db.Patients.SingleAsync(x => x.Id == merged);
            p.MergedIntoPatientId = kept;
            return await db.SaveChangesAsync();
        });
        using var client = await ReceptionAsync();

        var html = await RecordAsync(client, merged);

        Assert.Contains("This record was merged", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/staff/patients/{kept}\">Kept Record Person (record {kept})</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"/staff/patients/{merged}/edit", html, StringComparison.Ordinal);

        using var edit = await client.GetAsync($"/staff/patients/{merged}/edit");
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        Assert.Equal($"/staff/patients/{merged}", edit.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task OtherRecordsWithTheSamePhoneAreOfferedForMerging()
    {
        var phone = PatientTestData.NewPhone();
        var first = await PatientTestData.AddPatientAsync(_factory, "Same Phone First", phone);
        var second = await PatientTestData.AddPatientAsync(_factory, "Same Phone Second", phone);
        using var client = await ReceptionAsync();

        var html = await RecordAsync(client, first);

        Assert.Contains("Other records with the same mobile number", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/staff/patients/{first}/merge?other={second}\"", html, StringComparison.Ordinal);
    }
}
