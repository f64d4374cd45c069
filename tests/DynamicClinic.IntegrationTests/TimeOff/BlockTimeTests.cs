using System.Net;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using static DynamicClinic.IntegrationTests.Appointments.ReceptionTestData;

namespace DynamicClinic.IntegrationTests.TimeOff;

/// <summary>Reception blocks a clinician's time: it stops bookings, it is refused over appointments, it can be removed.</summary>
public class BlockTimeTests : IClassFixture<BlockTimeTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _site;

    public BlockTimeTests(Factory site) => _site = site;

    public async Task InitializeAsync() => await _site.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpClient> ReceptionAsync() => _site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);

    private static async Task<HttpResponseMessage> BlockAsync(HttpClient client, Dictionary<string, string> fields)
    {
        var all = HtmlForms.HiddenFields(await client.GetStringAsync("/staff/calendar/block"), "/staff/calendar/block");
        foreach (var (key, value) in fields)
        {
            all[key] = value;
        }

        return await client.PostAsync("/staff/calendar/block", all);
    }

    [Fact]
    public async Task BlockedTimeIsNoLongerBookableAndCanBeFreedAgain()
    {
        using var client = await ReceptionAsync();
        // Dr Omar works 11:00-13:30 on Mondays.
        var slotsBefore = await client.GetStringAsync("/book/slots?treatment=general-consultation&clinician=2&from=2026-12-07&to=2026-12-07");
        using var blocked = await BlockAsync(client, new() { ["ClinicianId"] = "2", ["Date"] = "2026-12-07", ["From"] = "11:00", ["To"] = "12:00", ["Reason"] = "Training" });
        var slotsDuring = await client.GetStringAsync("/book/slots?treatment=general-consultation&clinician=2&from=2026-12-07&to=2026-12-07");
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(blocked.Headers.Location));
        var timeOff = await _site.WithDbAsync(db => db.TimeOff.AsNoTracking().SingleAsync(t => t.ClinicianId == 2 && t.Reason == "Training"));

        Assert.Contains("2026-12-07T11:00:00+05:00", slotsBefore, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
        Assert.DoesNotContain("2026-12-07T11:00:00+05:00", slotsDuring, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-12-07T11:30:00+05:00", slotsDuring, StringComparison.Ordinal);
        Assert.Contains("2026-12-07T12:00:00+05:00", slotsDuring, StringComparison.Ordinal);
        Assert.Contains("Blocked 7 Dec 11:00 to 7 Dec 12:00 for Dr Omar Farooq.", page, StringComparison.Ordinal);
        Assert.Equal(Utc(12, 7, 11, 0), timeOff.StartUtc);
        Assert.Equal(Utc(12, 7, 12, 0), timeOff.EndUtc);

        var removeFields = HtmlForms.HiddenFields(page, $"/staff/calendar/block/{timeOff.Id}/remove");
        using var removed = await client.PostAsync($"/staff/calendar/block/{timeOff.Id}/remove", removeFields);
        var slotsAfter = await client.GetStringAsync("/book/slots?treatment=general-consultation&clinician=2&from=2026-12-07&to=2026-12-07");

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Contains("2026-12-07T11:00:00+05:00", slotsAfter, StringComparison.Ordinal);
        var audit = await _site.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.EntityType == AuditEntityTypes.Clinician && e.EntityId == "2").Select(e => e.Action).ToListAsync());
        Assert.Equal([AuditActions.TimeBlocked, AuditActions.TimeUnblocked], audit);
    }

    [Fact]
    public async Task TimeHeldByAppointmentsIsNotBlockedAndTheyAreListed()
    {
        var reference = await AddAsync(_site, 3, Utc(12, 8, 10, 30));
        using var client = await ReceptionAsync();

        using var response = await BlockAsync(client, new() { ["ClinicianId"] = "3", ["Date"] = "2026-12-08", ["AllDay"] = "true", ["Reason"] = "Annual leave" });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Dr Hina Raza has appointments in that time", html, StringComparison.Ordinal);
        Assert.Contains(reference, html, StringComparison.Ordinal);
        Assert.False(await _site.WithDbAsync(db => db.TimeOff.AnyAsync(t => t.ClinicianId == 3 && t.Reason == "Annual leave")));
    }

    [Fact]
    public async Task AppointmentsInsideAreMovedOrCancelledWithTheTimeOffInOneSaveAndPatientsAreTold()
    {
        // Dr Hina on Thursday 10 December: two appointments in the morning she will now be away.
        var moving = await AddAsync(_site, 3, Utc(12, 10, 10, 30), patientPhone: "+923001110001");
        var cancelling = await AddAsync(_site, 3, Utc(12, 10, 11, 0), patientPhone: "+923001110002");
        using var client = await ReceptionAsync();
        var fields = new Dictionary<string, string> { ["ClinicianId"] = "3", ["Date"] = "2026-12-10", ["From"] = "10:00", ["To"] = "12:00", ["Reason"] = "Conference" };

        using var asked = await BlockAsync(client, fields);
        var askedHtml = WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync());
        var moveValue = System.Text.RegularExpressions.Regex.Match(askedHtml, $"name=\"Plan\\[{moving}\\]\" value=\"(move:[^\"]+)\"").Groups[1].Value;
        var saveFields = HtmlForms.HiddenFields(askedHtml, "/staff/calendar/block");
        foreach (var (key, value) in fields)
        {
            saveFields[key] = value;
        }

        saveFields[$"Plan[{moving}]"] = moveValue;
        saveFields[$"Plan[{cancelling}]"] = "cancel";

        Assert.Equal(HttpStatusCode.Conflict, asked.StatusCode);
        Assert.Contains("Dr Hina Raza has appointments in that time", askedHtml, StringComparison.Ordinal);
        Assert.Contains("Move to Thu 10 Dec", askedHtml, StringComparison.Ordinal);
        Assert.Contains("Cancel it and email the patient", askedHtml, StringComparison.Ordinal);
        Assert.StartsWith("move:", moveValue, StringComparison.Ordinal);
        Assert.False(await _site.WithDbAsync(db => db.TimeOff.AnyAsync(t => t.ClinicianId == 3 && t.Reason == "Conference")));

        using var saved = await client.PostAsync("/staff/calendar/block", saveFields);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(saved.Headers.Location));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("1 appointment(s) moved, 1 cancelled", page, StringComparison.Ordinal);
        var moved = await LoadAsync(_site, moving);
        var cancelled = await LoadAsync(_site, cancelling);
        Assert.Equal(Web.Features.Scheduling.SlotValue.TryParse(moveValue["move:".Length..], out var wanted) ? wanted.StartUtc : default, moved.StartUtc);
        Assert.False(moved.ClinicianId == 3 && moved.StartUtc < Utc(12, 10, 12, 0) && moved.EndUtc > Utc(12, 10, 10, 0));
        Assert.Equal(AppointmentStatus.Cancelled, cancelled.Status);
        Assert.Equal("Clinic cancelled: the clinician is not available", cancelled.CancellationReason);
        Assert.Empty(cancelled.TimeBlocks);
        Assert.True(await _site.WithDbAsync(db => db.TimeOff.AnyAsync(t => t.ClinicianId == 3 && t.Reason == "Conference")));
        var kinds = await _site.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.AppointmentId == moved.Id || m.AppointmentId == cancelled.Id).Select(m => m.Kind).ToListAsync());
        Assert.Contains("BookingRescheduled", kinds);
        Assert.Contains("BookingCancelled", kinds);
    }

    [Fact]
    public async Task AnAppointmentChangedMeanwhileStopsTheWholeSave()
    {
        var reference = await AddAsync(_site, 1, Utc(12, 11, 10, 0));
        using var client = await ReceptionAsync();
        var fields = new Dictionary<string, string> { ["ClinicianId"] = "1", ["Date"] = "2026-12-11", ["From"] = "10:00", ["To"] = "11:00", ["Reason"] = "Meeting" };
        using var asked = await BlockAsync(client, fields);
        var saveFields = HtmlForms.HiddenFields(WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync()), "/staff/calendar/block");
        foreach (var (key, value) in fields)
        {
            saveFields[key] = value;
        }

        saveFields[$"Plan[{reference}]"] = "cancel";
        // Another desk changes the appointment (a new version) before this one saves.
        await _site.WithDbAsync(async db =>
        {
            var a = await db.Appointments.SingleAsync(x => x.Reference == reference);
            a.Version = Guid.NewGuid();
            return await db.SaveChangesAsync();
        });

        using var saved = await client.PostAsync("/staff/calendar/block", saveFields);

        Assert.Equal(HttpStatusCode.Conflict, saved.StatusCode);
        Assert.Contains("Someone changed one of these appointments", WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.Booked, (await LoadAsync(_site, reference)).Status);
        Assert.False(await _site.WithDbAsync(db => db.TimeOff.AnyAsync(t => t.ClinicianId == 1 && t.Reason == "Meeting")));
    }

    [Theory]
    [InlineData("0", "2026-12-09", "11:00", "12:00", "Training", "Choose a clinician.")]
    [InlineData("1", "2026-12-09", "12:00", "11:00", "Training", "The end time must be after the start time.")]
    [InlineData("1", "2026-12-09", "11:00", "12:00", "", "Give a reason")]
    [InlineData("1", "not-a-date", "11:00", "12:00", "Training", "Enter a date.")]
    [InlineData("1", "2026-11-26", "11:00", "12:00", "Training", "That time has already passed.")]
    [InlineData("1", "0001-01-01", "11:00", "12:00", "Training", "Enter a date between 2000 and 2100.")]
    [InlineData("1", "9999-12-31", "11:00", "12:00", "Training", "Enter a date between 2000 and 2100.")]
    public async Task BadInputIsRefusedWithAMessageAndNothingSaved(string clinician, string date, string from, string to, string reason, string message)
    {
        using var client = await ReceptionAsync();

        using var response = await BlockAsync(client, new() { ["ClinicianId"] = clinician, ["Date"] = date, ["From"] = from, ["To"] = to, ["Reason"] = reason });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.False(await _site.WithDbAsync(db => db.TimeOff.AnyAsync(t => t.ClinicianId == 1)));
    }

    [Fact]
    public async Task AClinicianNotOnFileIsRefusedBesideTheFieldAndNothingSaved()
    {
        using var client = await ReceptionAsync();

        // Passes the validator (an id above 0) but names nobody: refused like an empty choice.
        using var response = await BlockAsync(client, new() { ["ClinicianId"] = "999", ["Date"] = "2026-12-09", ["From"] = "11:00", ["To"] = "12:00", ["Reason"] = "Training" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose a clinician.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await _site.WithDbAsync(db => db.TimeOff.AnyAsync(t => t.ClinicianId == 999)));
    }
}
