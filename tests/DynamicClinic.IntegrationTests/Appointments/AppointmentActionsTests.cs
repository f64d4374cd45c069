using System.Net;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using static DynamicClinic.IntegrationTests.Appointments.ReceptionTestData;

namespace DynamicClinic.IntegrationTests.Appointments;

/// <summary>
/// Reception's actions on one appointment, through HTTP with antiforgery tokens, on the demo data ("now" is
/// Friday 27 November 2026, 10:00 in Islamabad). Dr Ayesha (1) works 10:00-13:00 and 14:00-18:00, Dr Omar (2)
/// 11:00-13:30 and 15:00-19:00, Dr Hina (3) 10:00-14:00 and 15:00-17:00, Monday to Saturday.
/// </summary>
public class AppointmentActionsTests : IClassFixture<AppointmentActionsTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _site;

    public AppointmentActionsTests(Factory site) => _site = site;

    public async Task InitializeAsync() => await _site.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpClient> ReceptionAsync() => _site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);

    private static async Task<HttpResponseMessage> PostFromPageAsync(HttpClient client, string page, string action, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        var all = HtmlForms.HiddenFields(html, action);
        foreach (var (key, value) in fields)
        {
            all[key] = value;
        }

        return await client.PostAsync(action, all);
    }

    private static async Task<string> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return WebUtility.HtmlDecode(await client.GetStringAsync(response.Headers.Location));
    }

    private Task<List<AuditEntry>> AuditAsync(string reference) =>
        _site.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.EntityId == reference).OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task MarkingArrivedThenCompletedFollowsTheRulesAndIsAudited()
    {
        var reference = await AddAsync(_site, 1, Utc(11, 27, 9, 0));
        using var client = await ReceptionAsync();
        var page = $"/staff/appointments/{reference}";

        var arrived = await FollowAsync(client, await PostFromPageAsync(client, page, $"{page}/status", new() { ["Status"] = "Arrived" }));
        var completed = await FollowAsync(client, await PostFromPageAsync(client, page, $"{page}/status", new() { ["Status"] = "Completed" }));

        Assert.Contains("Marked arrived.", arrived, StringComparison.Ordinal);
        Assert.Contains("Marked completed.", completed, StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.Completed, (await LoadAsync(_site, reference)).Status);
        Assert.DoesNotContain("Mark arrived", completed, StringComparison.Ordinal);
        var audit = await AuditAsync(reference);
        Assert.Equal(2, audit.Count);
        Assert.All(audit, e => Assert.Equal(AuditActions.AppointmentStatusChanged, e.Action));
        Assert.All(audit, e => Assert.StartsWith("Bilal Ahmed", e.ActorName, StringComparison.Ordinal));
        Assert.Equal("{\"Status\":\"Arrived\"}", audit[0].After);
        Assert.Equal("{\"Status\":\"Arrived\"}", audit[1].Before);
        Assert.Contains("Bilal Ahmed", completed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedStatusChangeSaysWhyAndChangesNothing()
    {
        var done = await AddAsync(_site, 1, Utc(11, 26, 11, 0), AppointmentStatus.Completed);
        var tomorrow = await AddAsync(_site, 1, Utc(11, 28, 16, 0));
        using var client = await ReceptionAsync();

        // The page offers no change for a completed appointment; a forged post is refused all the same.
        var donePage = await client.GetStringAsync($"/staff/appointments/{done}");
        var doneFields = HtmlForms.HiddenFields(await client.GetStringAsync("/staff"), "/staff/sign-out");
        doneFields["Status"] = "Arrived";
        doneFields["Version"] = (await LoadAsync(_site, done)).Version.ToString();
        var refused = await FollowAsync(client, await client.PostAsync($"/staff/appointments/{done}/status", doneFields));

        // Tomorrow's page offers neither arrived nor no-show (they could only be refused); forged posts are refused.
        var tomorrowPage = await client.GetStringAsync($"/staff/appointments/{tomorrow}");
        var earlyFields = HtmlForms.HiddenFields(tomorrowPage, $"/staff/appointments/{tomorrow}/cancel");
        earlyFields["Status"] = "Arrived";
        var early = await FollowAsync(client, await client.PostAsync($"/staff/appointments/{tomorrow}/status", earlyFields));
        var noShowFields = HtmlForms.HiddenFields(await client.GetStringAsync($"/staff/appointments/{tomorrow}"), $"/staff/appointments/{tomorrow}/cancel");
        noShowFields["Status"] = "NoShow";
        var notYet = await FollowAsync(client, await client.PostAsync($"/staff/appointments/{tomorrow}/status", noShowFields));

        Assert.DoesNotContain("Mark arrived", donePage, StringComparison.Ordinal);
        Assert.DoesNotContain("Mark arrived", tomorrowPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Mark no-show", tomorrowPage, StringComparison.Ordinal);
        Assert.Contains("The appointment is completed, so it can no longer change.", refused, StringComparison.Ordinal);
        Assert.Contains("marked arrived on the day of the appointment", early, StringComparison.Ordinal);
        Assert.Contains("no-show only once the appointment time has passed", notYet, StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.Completed, (await LoadAsync(_site, done)).Status);
        Assert.Equal(AppointmentStatus.Booked, (await LoadAsync(_site, tomorrow)).Status);
        Assert.Empty(await AuditAsync(done));
        Assert.Empty(await AuditAsync(tomorrow));
    }

    [Fact]
    public async Task APastAppointmentCanBeMarkedANoShow()
    {
        var reference = await AddAsync(_site, 3, Utc(11, 26, 15, 0));
        using var client = await ReceptionAsync();

        var page = await FollowAsync(client, await PostFromPageAsync(client, $"/staff/appointments/{reference}", $"/staff/appointments/{reference}/status", new() { ["Status"] = "NoShow" }));

        Assert.Contains("Marked a no-show.", page, StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.NoShow, (await LoadAsync(_site, reference)).Status);
    }

    [Fact]
    public async Task CancellingNeedsAReasonAndGivesTheTimeBack()
    {
        var reference = await AddAsync(_site, 2, Utc(12, 1, 11, 0));
        using var client = await ReceptionAsync();
        var page = $"/staff/appointments/{reference}";

        using var empty = await PostFromPageAsync(client, page, $"{page}/cancel", new() { ["Reason"] = "  " });
        var emptyHtml = await empty.Content.ReadAsStringAsync();
        var afterEmpty = await LoadAsync(_site, reference);
        var cancelled = await FollowAsync(client, await PostFromPageAsync(client, page, $"{page}/cancel", new() { ["Reason"] = "Patient phoned: travelling" }));

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Give the reason for cancelling.", emptyHtml, StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.Booked, afterEmpty.Status);
        Assert.NotEmpty(afterEmpty.TimeBlocks);

        Assert.Contains("Cancelled. The time is free again.", cancelled, StringComparison.Ordinal);
        var stored = await LoadAsync(_site, reference);
        Assert.Equal(AppointmentStatus.Cancelled, stored.Status);
        Assert.Equal("Patient phoned: travelling", stored.CancellationReason);
        Assert.Empty(stored.TimeBlocks);
        var entry = Assert.Single(await AuditAsync(reference));
        Assert.Equal(AuditActions.AppointmentCancelled, entry.Action);
        Assert.Contains("travelling", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecondReceptionistWorkingFromAnOldPageIsToldItChangedAndNothingIsOverwritten()
    {
        var reference = await AddAsync(_site, 1, Utc(11, 27, 9, 30));
        using var first = await ReceptionAsync();
        using var second = await ReceptionAsync();
        var page = $"/staff/appointments/{reference}";

        // Both open the appointment; the first marks the patient arrived, the second then cancels from the old page.
        var firstForm = HtmlForms.HiddenFields(await first.GetStringAsync(page), $"{page}/status");
        var secondForm = HtmlForms.HiddenFields(await second.GetStringAsync(page), $"{page}/cancel");
        firstForm["Status"] = "Arrived";
        await FollowAsync(first, await first.PostAsync($"{page}/status", firstForm));
        secondForm["Reason"] = "Patient phoned";
        var seen = await FollowAsync(second, await second.PostAsync($"{page}/cancel", secondForm));

        Assert.Contains("Someone else changed this appointment a moment ago", seen, StringComparison.Ordinal);
        Assert.Contains("Arrived", seen, StringComparison.Ordinal);
        var stored = await LoadAsync(_site, reference);
        Assert.Equal(AppointmentStatus.Arrived, stored.Status);
        Assert.Null(stored.CancellationReason);
        Assert.Single(await AuditAsync(reference));
    }

    [Fact]
    public async Task MovingTakesTheNewTimeAndReleasesTheOld()
    {
        var reference = await AddAsync(_site, 1, Utc(12, 2, 10, 0));
        using var client = await ReceptionAsync();
        var movePage = $"/staff/appointments/{reference}/move?clinician=3&date=2026-12-02";
        var wanted = Slot(3, Utc(12, 2, 11, 0));

        var offered = await client.GetStringAsync(movePage);
        var moved = await FollowAsync(client, await PostFromPageAsync(client, movePage, $"/staff/appointments/{reference}/move", new() { ["Slot"] = wanted }));

        Assert.Contains($"value=\"{wanted}\"", offered, StringComparison.Ordinal);
        Assert.Contains("Moved.", moved, StringComparison.Ordinal);
        Assert.Contains("Dr Hina Raza", moved, StringComparison.Ordinal);
        var stored = await LoadAsync(_site, reference);
        Assert.Equal(3, stored.ClinicianId);
        Assert.Equal(Utc(12, 2, 11, 0), stored.StartUtc);
        Assert.All(stored.TimeBlocks, b => Assert.Equal(3, b.ClinicianId));
        Assert.Equal(6, stored.TimeBlocks.Count);
        var entry = Assert.Single(await AuditAsync(reference));
        Assert.Equal(AuditActions.AppointmentMoved, entry.Action);
        Assert.Contains("\"ClinicianId\":1", entry.Before, StringComparison.Ordinal);
        Assert.Contains("\"ClinicianId\":3", entry.After, StringComparison.Ordinal);

        // Dr Ayesha's 10:00 is free again: another appointment can take it.
        var again = await AddAsync(_site, 1, Utc(12, 2, 10, 0));
        Assert.NotEqual(reference, again);
    }

    [Fact]
    public async Task MovingOntoATakenTimeIsRefusedWithTheNearestFreeTimes()
    {
        var reference = await AddAsync(_site, 2, Utc(12, 3, 11, 0));
        var other = await AddAsync(_site, 2, Utc(12, 3, 12, 0));
        using var client = await ReceptionAsync();
        var movePage = $"/staff/appointments/{reference}/move?date=2026-12-03";

        using var response = await PostFromPageAsync(client, movePage, $"/staff/appointments/{reference}/move", new() { ["Slot"] = Slot(2, Utc(12, 3, 11, 45)) });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("That time is taken", html, StringComparison.Ordinal);
        var stored = await LoadAsync(_site, reference);
        Assert.Equal(Utc(12, 3, 11, 0), stored.StartUtc);
        Assert.Equal(6, stored.TimeBlocks.Count);
        Assert.Empty(await AuditAsync(reference));
        Assert.Equal(Utc(12, 3, 12, 0), (await LoadAsync(_site, other)).StartUtc);
    }

    [Fact]
    public async Task BookOnThePatientRecordAndTheAppointmentPageOpensTheBookingFormFilledIn()
    {
        var reference = await AddAsync(_site, 3, Utc(12, 8, 11, 0));
        var appointment = await LoadAsync(_site, reference);
        using var client = await ReceptionAsync();

        var record = WebUtility.HtmlDecode(await client.GetStringAsync($"/staff/patients/{appointment.PatientId}"));
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/staff/appointments/{reference}"));
        var again = $"/staff/appointments/new?patient={appointment.PatientId}&treatment={appointment.TreatmentId}&clinician=3";
        var form = WebUtility.HtmlDecode(await client.GetStringAsync(again));

        Assert.Contains($"href=\"/staff/appointments/new?patient={appointment.PatientId}\">Book</a>", record, StringComparison.Ordinal);
        Assert.Contains($"href=\"{again}\"", page, StringComparison.Ordinal);
        Assert.Contains("Booking for <strong>Demo Patient Three</strong>", form, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{appointment.TreatmentId}\" selected", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownReferencesAreNotFound()
    {
        using var client = await ReceptionAsync();

        using var details = await client.GetAsync("/staff/appointments/DC-NOPE99");
        using var move = await client.GetAsync("/staff/appointments/DC-NOPE99/move");

        Assert.Equal(HttpStatusCode.NotFound, details.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, move.StatusCode);
    }
}
