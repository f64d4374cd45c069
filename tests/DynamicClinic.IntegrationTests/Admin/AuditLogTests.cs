using System.Net;
using System.Text;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Patients;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Admin;

/// <summary>The audit log page and its CSV export: filters, paging, newest first, escaping.</summary>
public class AuditLogTests : IClassFixture<AuditLogTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _factory;
    private int _patientId;
    private string _adminId = "";
    private string _receptionId = "";

    public AuditLogTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync()
    {
        await _factory.SeedDemoDataAsync();
        _adminId = (await _factory.UserAsync(DemoDataSeeder.AdminEmail)).Id;
        _receptionId = (await _factory.UserAsync(DemoDataSeeder.ReceptionEmail)).Id;
        if (await _factory.WithDbAsync(db => Task.FromResult(db.AuditEntries.Any(a => a.EntityType == "Test"))))
        {
            _patientId = await _factory.WithDbAsync(db => Task.FromResult(db.Patients.Single(p => p.FullName == "Audit Patient").Id));
            return;
        }

        _patientId = await _factory.WithDbAsync(async db =>
        {
            // This class's entries only: the seeder's own (the demo bookings) would blur the counts.
            await db.AuditEntries.ExecuteDeleteAsync();
            var patient = new Patient { FullName = "Audit Patient", PhoneE164 = "+923001234567" };
            db.Patients.Add(patient);
            // 26 Nov 2026 (clinic time): 60 entries by reception, 20 minutes apart from 06:00 clinic time (01:00 UTC).
            var day = new DateTime(2026, 11, 26, 1, 0, 0, DateTimeKind.Utc);
            for (var i = 0; i < 60; i++)
            {
                db.AuditEntries.Add(Entry(day.AddMinutes(20 * i), _receptionId, "Bilal Ahmed (reception)", AuditActions.AppointmentBooked, $"R{i:D3}", null, $"Booked number {i}."));
            }

            // 25 Nov: one by the admin about the patient, with text a spreadsheet would take for a formula.
            db.AuditEntries.Add(Entry(new DateTime(2026, 11, 25, 6, 0, 0, DateTimeKind.Utc), _adminId, "Sana Malik (admin)", AuditActions.PatientUpdated, "P1", patient,
                "=HYPERLINK(\"https://evil.example\",\"click\")", after: "{\"Note\":\"a, \\\"quoted\\\"\\nline\"}"));
            // 25 Nov 23:30 clinic time is 18:30 UTC on the 25th; 26 Nov 00:30 clinic time is 19:30 UTC on the 25th.
            db.AuditEntries.Add(Entry(new DateTime(2026, 11, 25, 18, 30, 0, DateTimeKind.Utc), _adminId, "Sana Malik (admin)", AuditActions.PatientViewed, "P2", null, "-late on the 25th"));
            db.AuditEntries.Add(Entry(new DateTime(2026, 11, 25, 19, 30, 0, DateTimeKind.Utc), _adminId, "Sana Malik (admin)", AuditActions.PatientViewed, "P3", null, "+early on the 26th"));
            await db.SaveChangesAsync();
            return patient.Id;
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ShowsFiftyEntriesAPageNewestFirst()
    {
        using var admin = await AdminAsync();

        var first = await admin.GetStringAsync("/staff/admin/audit?action=appointment.booked");
        var second = await admin.GetStringAsync("/staff/admin/audit?action=appointment.booked&page=2");

        Assert.Contains("60 entries, page 1 of 2", first, StringComparison.Ordinal);
        Assert.Contains("Booked number 59.", first, StringComparison.Ordinal);
        Assert.Contains("Booked number 10.", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Booked number 9.", first, StringComparison.Ordinal);
        Assert.True(first.IndexOf("Booked number 59.", StringComparison.Ordinal) < first.IndexOf("Booked number 58.", StringComparison.Ordinal));
        Assert.Contains("href=\"/staff/admin/audit?action=appointment.booked&amp;page=2\"", first, StringComparison.Ordinal);
        Assert.Contains("Booked number 9.", second, StringComparison.Ordinal);
        Assert.Contains("Booked number 0.", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Booked number 10.", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiltersByClinicDateStaffMemberPatientAndAction()
    {
        using var admin = await AdminAsync();

        // Clinic dates, not UTC dates: 25 Nov clinic time ends at 19:00 UTC.
        var on25th = await admin.GetStringAsync("/staff/admin/audit?from=2026-11-25&to=2026-11-25");
        Assert.Contains("2 entries", on25th, StringComparison.Ordinal);
        Assert.Contains("-late on the 25th", on25th, StringComparison.Ordinal);
        Assert.DoesNotContain("early on the 26th", on25th, StringComparison.Ordinal);

        var byAdmin = await admin.GetStringAsync($"/staff/admin/audit?actor={_adminId}");
        Assert.Contains("3 entries", byAdmin, StringComparison.Ordinal);
        Assert.DoesNotContain("Booked number", byAdmin, StringComparison.Ordinal);

        var byPatient = await admin.GetStringAsync($"/staff/admin/audit?patient={_patientId}");
        Assert.Contains("1 entry", byPatient, StringComparison.Ordinal);
        Assert.Contains("HYPERLINK", byPatient, StringComparison.Ordinal);

        var viewed = await admin.GetStringAsync("/staff/admin/audit?action=patient.viewed&from=2026-11-26");
        Assert.Contains("1 entry", viewed, StringComparison.Ordinal);
        Assert.Contains("early on the 26th", viewed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadFiltersShowAMessageBesideTheField()
    {
        using var admin = await AdminAsync();

        using var backwards = await admin.GetAsync("/staff/admin/audit?from=2026-11-26&to=2026-11-25");
        var html = await backwards.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, backwards.StatusCode);
        Assert.Contains("The end date must be on or after the start date.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"To-error\"", html, StringComparison.Ordinal);

        var badAction = await admin.GetStringAsync("/staff/admin/audit?action=drop.tables");
        Assert.Contains("Choose an action from the list.", badAction, StringComparison.Ordinal);

        using var badCsv = await admin.GetAsync("/staff/admin/audit.csv?from=2026-11-26&to=2026-11-25");
        Assert.Equal(HttpStatusCode.BadRequest, badCsv.StatusCode);
    }

    [Fact]
    public async Task CsvExportHasTheFilteredEntriesEscapedAndDefusedForSpreadsheets()
    {
        using var admin = await AdminAsync();

        using var response = await admin.GetAsync($"/staff/admin/audit.csv?actor={_adminId}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var csv = Encoding.UTF8.GetString(bytes.AsSpan(3));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("When (clinic time),Who,Staff account id,Action", lines[0], StringComparison.Ordinal);
        // Newest first: 26 Nov 00:30, 25 Nov 23:30, 25 Nov 11:00 (clinic time).
        Assert.StartsWith("2026-11-26 00:30:00,Sana Malik (admin),", lines[1], StringComparison.Ordinal);
        Assert.Contains(",'+early on the 26th,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",'-late on the 25th,", lines[2], StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"click\"\")\",", csv, StringComparison.Ordinal);
        Assert.Contains($",{_patientId},", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Booked number", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThereIsNoWayToChangeOrDeleteAnEntry()
    {
        using var admin = await AdminAsync();
        var page = await admin.GetStringAsync("/staff/admin/audit");
        Assert.DoesNotContain("method=\"post\" action=\"/staff/admin/audit", page, StringComparison.Ordinal);

        foreach (var path in new[] { "/staff/admin/audit", "/staff/admin/audit/1", "/staff/admin/audit/1/delete" })
        {
            using var post = await admin.PostFormAsync("/staff/admin/audit", path, new Dictionary<string, string>());
            Assert.True(post.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{path}: {post.StatusCode}");
        }
    }

    private Task<HttpClient> AdminAsync() => _factory.SignedInClientAsync(DemoDataSeeder.AdminEmail);

    private static AuditEntry Entry(DateTime utc, string actorId, string actorName, string action, string entityId, Patient? patient, string summary, string? after = null) => new()
    {
        OccurredUtc = utc,
        ActorUserId = actorId,
        ActorName = actorName,
        Action = action,
        EntityType = "Test",
        EntityId = entityId,
        Patient = patient,
        Summary = summary,
        After = after,
    };
}
