using System.Net;
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
        Assert.False(await _site.WithDbAsync(db => db.TimeOff.AnyAsync(t => t.ClinicianId == 3)));
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
