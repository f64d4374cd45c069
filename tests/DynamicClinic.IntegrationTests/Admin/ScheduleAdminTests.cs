using System.Net;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Admin;

/// <summary>
/// Admins change clinicians' hours, time off and clinic closures; booking sees the change at once, bad input is
/// refused beside the field, and a change that would strand appointments is refused listing them. Clock: Friday
/// 27 November 2026, 10:00 in Islamabad; the demo appointments are on Saturday 28 November.
/// </summary>
public class ScheduleAdminTests : IClassFixture<ScheduleAdminTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private const string OmarWeekday = "11:00-13:30, 15:00-19:00";
    private const string HinaWeekday = "10:00-14:00, 15:00-17:00";
    private readonly Factory _factory;

    public ScheduleAdminTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => await _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpClient> AdminAsync() => _factory.SignedInClientAsync(DemoDataSeeder.AdminEmail);

    private static Dictionary<string, string> Week(string weekday, string? friday = null) => new()
    {
        ["Monday"] = weekday,
        ["Tuesday"] = weekday,
        ["Wednesday"] = weekday,
        ["Thursday"] = weekday,
        ["Friday"] = friday ?? weekday,
        ["Saturday"] = weekday,
        ["Sunday"] = "",
    };

    private static Task<HttpResponseMessage> PostAsync(HttpClient admin, int clinician, string what, Dictionary<string, string> fields) =>
        admin.PostFormAsync($"/staff/admin/clinicians/{clinician}", $"/staff/admin/clinicians/{clinician}/{what}", fields);

    private static async Task<string> SlotsAsync(HttpClient client, string date, string clinician = "any", string treatment = "general-consultation") =>
        await client.GetStringAsync($"/book/slots?treatment={treatment}&clinician={clinician}&from={date}&to={date}");

    private Task<int> AuditCountAsync(string action) => _factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == action));

    private static string FieldError(string html, string field)
    {
        var decoded = WebUtility.HtmlDecode(html);
        var at = decoded.IndexOf($"id=\"{field}-error\"", StringComparison.Ordinal);
        Assert.True(at >= 0, $"No error beside {field}.");
        var end = decoded.IndexOf("</span>", at, StringComparison.Ordinal);
        return decoded[at..end];
    }

    [Fact]
    public async Task RemovingMondayHoursRemovesMondaySlotsAtOnce()
    {
        using var admin = await AdminAsync();
        var before = await SlotsAsync(admin, "2026-12-07", "2");
        var hours = Week(OmarWeekday);
        hours["Monday"] = "";

        using var response = await PostAsync(admin, 2, "hours", hours);
        var after = await SlotsAsync(admin, "2026-12-07", "2");
        var tuesday = await SlotsAsync(admin, "2026-12-08", "2");

        Assert.Contains("2026-12-07T11:00:00+05:00", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("2026-12-07T", after, StringComparison.Ordinal);
        Assert.Contains("2026-12-08T11:00:00+05:00", tuesday, StringComparison.Ordinal);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.WorkingHours.CountAsync(h => h.ClinicianId == 2 && h.DayOfWeek == DayOfWeek.Monday)));
        var entry = await _factory.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.ClinicianHoursChanged && e.EntityId == "2"));
        Assert.Equal(AuditEntityTypes.Clinician, entry.EntityType);
    }

    [Fact]
    public async Task AnEveningIntervalAddsItsSlotsAtOnce()
    {
        using var admin = await AdminAsync();
        var before = await SlotsAsync(admin, "2026-12-09", "3");
        var hours = Week(HinaWeekday, friday: "10:00-14:00");
        hours["Wednesday"] = HinaWeekday + ", 18:00-20:00";

        using var response = await PostAsync(admin, 3, "hours", hours);
        var after = await SlotsAsync(admin, "2026-12-09", "3");
        var page = await admin.GetStringAsync("/staff/admin/clinicians/3");

        Assert.DoesNotContain("2026-12-09T18:00:00+05:00", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("2026-12-09T18:00:00+05:00", after, StringComparison.Ordinal);
        Assert.Contains("2026-12-09T19:30:00+05:00", after, StringComparison.Ordinal);
        Assert.Contains("value=\"10:00-14:00, 15:00-17:00, 18:00-20:00\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("15:00-14:00", "the end must be after the start")]
    [InlineData("10:00-12:00, 11:00-13:00", "overlap")]
    [InlineData("10:07-11:00", "five-minute grid")]
    [InlineData("morning", "like 10:00-13:00")]
    public async Task BadHoursAreRefusedBesideTheDayAndNothingIsSaved(string monday, string message)
    {
        using var admin = await AdminAsync();
        var hours = Week("10:00-13:00, 14:00-18:00");
        hours["Monday"] = monday;

        using var response = await PostAsync(admin, 1, "hours", hours);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, FieldError(html, "Monday"), StringComparison.Ordinal);
        Assert.Equal(12, await _factory.WithDbAsync(db => db.WorkingHours.CountAsync(h => h.ClinicianId == 1)));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.ClinicianHoursChanged && e.EntityId == "1")));
    }

    [Fact]
    public async Task HoursThatWouldStrandAppointmentsAreRefusedListingThem()
    {
        using var admin = await AdminAsync();
        var saturday = await _factory.WithDbAsync(db => db.Appointments.Where(a => a.ClinicianId == 1 && a.Status == AppointmentStatus.Booked).Select(a => a.Reference).ToListAsync());
        var hours = Week("10:00-13:00, 14:00-18:00");
        hours["Saturday"] = "14:00-18:00";

        using var response = await PostAsync(admin, 1, "hours", hours);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.NotEmpty(saturday);
        foreach (var reference in saturday)
        {
            Assert.Contains($"href=\"/staff/appointments/{reference}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("Demo Patient One", html, StringComparison.Ordinal);
        Assert.Equal(2, await _factory.WithDbAsync(db => db.WorkingHours.CountAsync(h => h.ClinicianId == 1 && h.DayOfWeek == DayOfWeek.Saturday)));
        Assert.Equal(saturday.Count, await _factory.WithDbAsync(db => db.Appointments.CountAsync(a => a.ClinicianId == 1 && a.Status == AppointmentStatus.Booked)));
    }

    [Fact]
    public async Task TimeOffOverAppointmentsIsRefusedListingThem()
    {
        using var admin = await AdminAsync();
        var reference = await _factory.WithDbAsync(db => db.Appointments.Where(a => a.ClinicianId == 2).Select(a => a.Reference).FirstAsync());

        using var response = await PostAsync(admin, 2, "time-off", new() { ["From"] = "2026-11-28", ["To"] = "2026-11-29", ["Reason"] = "Conference" });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains($"href=\"/staff/appointments/{reference}\"", html, StringComparison.Ordinal);
        Assert.False(await _factory.WithDbAsync(db => db.TimeOff.AnyAsync(t => t.Reason == "Conference")));
    }

    [Fact]
    public async Task TimeOffRemovesSlotsAndRemovingItBringsThemBack()
    {
        using var admin = await AdminAsync();

        using var added = await PostAsync(admin, 2, "time-off", new() { ["From"] = "2026-12-16", ["To"] = "2026-12-17", ["Reason"] = "Annual leave" });
        var during = await SlotsAsync(admin, "2026-12-17", "2");
        var timeOff = await _factory.WithDbAsync(db => db.TimeOff.SingleAsync(t => t.Reason == "Annual leave"));
        using var removed = await PostAsync(admin, 2, $"time-off/{timeOff.Id}/remove", []);
        var after = await SlotsAsync(admin, "2026-12-17", "2");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.DoesNotContain("2026-12-17T", during, StringComparison.Ordinal);
        Assert.Equal(new DateTime(2026, 12, 15, 19, 0, 0, DateTimeKind.Utc), timeOff.StartUtc);
        Assert.Equal(new DateTime(2026, 12, 17, 19, 0, 0, DateTimeKind.Utc), timeOff.EndUtc);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Contains("2026-12-17T11:00:00+05:00", after, StringComparison.Ordinal);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.TimeBlocked && e.EntityId == "2")));
        Assert.Equal(1, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.TimeUnblocked && e.EntityId == "2")));
    }

    [Theory]
    [InlineData("2026-12-20", "2026-12-19", "Leave", "To", "on or after the first")]
    [InlineData("", "2026-12-19", "Leave", "From", "first day")]
    [InlineData("2026-12-19", "2026-12-19", " ", "Reason", "Give a reason")]
    [InlineData("2026-11-20", "2026-11-21", "Leave", "To", "already passed")]
    [InlineData("0001-01-01", "0001-01-02", "Leave", "From", "between 2000 and 2100")]
    [InlineData("2026-12-19", "9999-12-31", "Leave", "To", "between 2000 and 2100")]
    public async Task BadTimeOffIsRefusedBesideTheFieldAndNothingIsSaved(string from, string to, string reason, string field, string message)
    {
        using var admin = await AdminAsync();

        using var response = await PostAsync(admin, 3, "time-off", new() { ["From"] = from, ["To"] = to, ["Reason"] = reason });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, FieldError(await response.Content.ReadAsStringAsync(), field), StringComparison.Ordinal);
        Assert.False(await _factory.WithDbAsync(db => db.TimeOff.AnyAsync(t => t.ClinicianId == 3)));
    }

    [Fact]
    public async Task AClosureRemovesThatDaysSlotsAndCanBeRemoved()
    {
        using var admin = await AdminAsync();
        var before = await SlotsAsync(admin, "2026-12-10");

        using var added = await admin.PostFormAsync("/staff/admin/closures", "/staff/admin/closures", new Dictionary<string, string> { ["Date"] = "2026-12-10", ["Reason"] = "Public holiday" });
        var during = await SlotsAsync(admin, "2026-12-10");
        using var duplicate = await admin.PostFormAsync("/staff/admin/closures", "/staff/admin/closures", new Dictionary<string, string> { ["Date"] = "2026-12-10", ["Reason"] = "Again" });
        var closure = await _factory.WithDbAsync(db => db.ClinicClosures.SingleAsync(c => c.Date == new DateOnly(2026, 12, 10)));
        using var removed = await admin.PostFormAsync("/staff/admin/closures", $"/staff/admin/closures/{closure.Id}/remove", new Dictionary<string, string>());
        var after = await SlotsAsync(admin, "2026-12-10");

        Assert.Contains("2026-12-10T10:00:00+05:00", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.DoesNotContain("2026-12-10T", during, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("already closed", FieldError(await duplicate.Content.ReadAsStringAsync(), "Date"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Contains("2026-12-10T10:00:00+05:00", after, StringComparison.Ordinal);
        Assert.Equal(1, await AuditCountAsync(AuditActions.ClosureAdded));
        Assert.Equal(1, await AuditCountAsync(AuditActions.ClosureRemoved));
    }

    [Theory]
    [InlineData("", "Holiday", "Date", "Enter the date")]
    [InlineData("2026-12-11", "", "Reason", "Give a reason")]
    [InlineData("2026-11-01", "Holiday", "Date", "already passed")]
    [InlineData("0001-01-01", "Holiday", "Date", "between 2000 and 2100")]
    [InlineData("9999-12-31", "Holiday", "Date", "between 2000 and 2100")]
    public async Task BadClosuresAreRefusedBesideTheField(string date, string reason, string field, string message)
    {
        using var admin = await AdminAsync();

        using var response = await admin.PostFormAsync("/staff/admin/closures", "/staff/admin/closures", new Dictionary<string, string> { ["Date"] = date, ["Reason"] = reason });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, FieldError(await response.Content.ReadAsStringAsync(), field), StringComparison.Ordinal);
        Assert.False(await _factory.WithDbAsync(db => db.ClinicClosures.AnyAsync(c => c.Reason == reason && c.Reason != "Public holiday")));
    }

    [Fact]
    public async Task AClosureOverAppointmentsIsRefusedListingThem()
    {
        using var admin = await AdminAsync();
        var references = await _factory.WithDbAsync(db => db.Appointments.Select(a => a.Reference).ToListAsync());

        using var response = await admin.PostFormAsync("/staff/admin/closures", "/staff/admin/closures", new Dictionary<string, string> { ["Date"] = "2026-11-28", ["Reason"] = "Strike" });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.All(references, r => Assert.Contains($"/staff/appointments/{r}", html, StringComparison.Ordinal));
        Assert.False(await _factory.WithDbAsync(db => db.ClinicClosures.AnyAsync(c => c.Reason == "Strike")));
    }

    [Fact]
    public async Task TheProfileIsSavedAndAuditedAndBadInputIsRefused()
    {
        using var admin = await AdminAsync();

        using var bad = await PostAsync(admin, 3, "profile", new() { ["DisplayName"] = " ", ["Title"] = "x", ["Bio"] = "", ["IsActive"] = "true" });
        using var deactivate = await PostAsync(admin, 1, "profile", new() { ["DisplayName"] = "Dr Ayesha Khan", ["Title"] = "", ["Bio"] = "" });
        using var good = await PostAsync(admin, 3, "profile", new() { ["DisplayName"] = "Dr Hina Raza", ["Title"] = "Trichologist", ["Bio"] = "Medication reviews.", ["IsActive"] = "true" });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Enter the name", FieldError(await bad.Content.ReadAsStringAsync(), "DisplayName"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, deactivate.StatusCode);
        Assert.Contains("/staff/appointments/", await deactivate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await _factory.WithDbAsync(db => db.Clinicians.Where(c => c.Id == 1).Select(c => c.IsActive).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal("Trichologist", await _factory.WithDbAsync(db => db.Clinicians.Where(c => c.Id == 3).Select(c => c.Title).SingleAsync()));
        Assert.Equal(1, await AuditCountAsync(AuditActions.ClinicianProfileUpdated));
    }
}
