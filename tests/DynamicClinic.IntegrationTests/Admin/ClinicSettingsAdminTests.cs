using System.Net;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Settings;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Infrastructure.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DynamicClinic.IntegrationTests.Admin;

/// <summary>
/// The clinic's settings at /staff/admin/settings: admins only, bad input refused beside the field with nothing saved,
/// two admins cannot overwrite each other, and every change shows at once where it is used. Each test starts from the
/// settings the configuration gives (the row is removed and re-created from appsettings on the next request).
/// Clock: Friday 27 November 2026, 10:00 in Islamabad.
/// </summary>
public class ClinicSettingsAdminTests : IClassFixture<ClinicSettingsAdminTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private static readonly DateOnly Tuesday = new(2026, 12, 1);
    private readonly Factory _factory;

    public ClinicSettingsAdminTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync()
    {
        await _factory.SeedDemoDataAsync();
        await _factory.WithDbAsync(db => db.ClinicSettings.ExecuteDeleteAsync());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpClient> SignedInAsync(string email) => _factory.SignedInClientAsync(email);

    private Task<ClinicSettings?> StoredAsync() => _factory.WithDbAsync(db => db.ClinicSettings.AsNoTracking().SingleOrDefaultAsync());

    private Task<int> SettingsAuditCountAsync() => _factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.ClinicSettingsChanged));

    private static async Task<List<DateTimeOffset>> StartsAsync(HttpClient client, DateOnly from, DateOnly to) =>
        (await new Booking.BookingVisitor(client).SlotsAsync("general-consultation", "any", from, to)).Select(s => s.Start).ToList();

    [Fact]
    public async Task FirstReadCreatesTheRowFromConfiguration()
    {
        using var admin = await SignedInAsync(DemoDataSeeder.AdminEmail);

        var page = await admin.GetStringAsync(SettingsClient.Page);

        var stored = await StoredAsync();
        Assert.NotNull(stored);
        Assert.Equal(15, stored.SlotStepMinutes);
        Assert.Equal(2, stored.MinimumNoticeHours);
        Assert.Equal(60, stored.HorizonDays);
        Assert.Equal(24, stored.CancellationCutoffHours);
        Assert.Equal(24, stored.ReminderLeadHours);
        Assert.Equal("Dynamic Clinic, Islamabad, Pakistan", stored.Address);
        Assert.Equal(["Monday to Saturday: 10:00 to 19:00", "Sunday: closed"], stored.OpeningHoursLines);
        Assert.False(stored.RequireStaffTwoFactor);
        Assert.Contains("Require two-factor sign-in for every staff account", page, StringComparison.Ordinal);
        Assert.Contains("nobody has changed them here yet", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/staff/admin/settings")]
    public async Task NonAdminsAreRefusedAndNothingChanges(string route)
    {
        var auditsBefore = await SettingsAuditCountAsync();
        using (var anonymous = _factory.CreateClient())
        {
            using var get = await anonymous.GetAsync(route);
            using var post = await anonymous.PostFormAsync("/staff/sign-in", route, SettingsClient.Fields(Guid.Empty.ToString()));
            Assert.Equal("/staff/sign-in", get.Headers.Location!.AbsolutePath);
            Assert.Equal("/staff/sign-in", post.Headers.Location!.AbsolutePath);
        }

        foreach (var email in new[] { DemoDataSeeder.ReceptionEmail, DemoDataSeeder.ClinicianEmail })
        {
            using var client = await SignedInAsync(email);
            using var get = await client.GetAsync(route);
            var fields = SettingsClient.Fields(Guid.Empty.ToString());
            fields["Phone"] = "+92 51 2999999";
            using var post = await client.PostFormAsync("/staff", route, fields);
            using var photo = await client.UploadPhotoAsync(1, SettingsClient.Png, "me.png", "image/png", tokenPage: "/staff");
            using var removePhoto = await client.PostFormAsync("/staff", "/staff/admin/clinicians/1/photo/remove", new Dictionary<string, string>());

            Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, photo.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, removePhoto.StatusCode);
        }

        Assert.NotEqual("+92 51 2999999", (await StoredAsync())?.Phone);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.ClinicianPhotos.CountAsync()));
        Assert.Equal(auditsBefore, await SettingsAuditCountAsync());
    }

    [Theory]
    [InlineData("SlotStepMinutes", "25", "Slot step must be one of")]
    [InlineData("SlotStepMinutes", "", "Choose a slot step")]
    [InlineData("SlotStepMinutes", "abc", "not valid")]
    [InlineData("BufferMinutes", "7", "multiple of 5")]
    [InlineData("BufferMinutes", "125", "multiple of 5")]
    [InlineData("BufferMinutes", "", "Enter the buffer")]
    [InlineData("MinimumNoticeHours", "-1", "from 0 to 168")]
    [InlineData("MinimumNoticeHours", "169", "from 0 to 168")]
    [InlineData("HorizonDays", "0", "from 1 to 365")]
    [InlineData("HorizonDays", "366", "from 1 to 365")]
    [InlineData("CancellationCutoffHours", "-1", "from 0 to 168")]
    [InlineData("CancellationCutoffHours", "200", "from 0 to 168")]
    [InlineData("ReminderLeadHours", "0", "from 1 to 168")]
    [InlineData("ReminderLeadHours", "169", "from 1 to 168")]
    [InlineData("Address", "", "Enter the clinic's address")]
    [InlineData("Phone", "", "Enter the clinic's phone number")]
    [InlineData("Phone", "12345", "Enter a phone number the clinic answers")]
    [InlineData("Phone", "+92 51 000 0000", "Enter a phone number the clinic answers")]
    [InlineData("PublicEmail", "", "Enter the clinic's public email address")]
    [InlineData("PublicEmail", "not-an-email", "Enter an email address")]
    [InlineData("OpeningHours", "", "Enter the opening hours")]
    [InlineData("OpeningHours", "1\n2\n3\n4\n5\n6\n7\n8", "at most 7 lines")]
    public async Task BadInputIsRefusedBesideTheFieldAndNothingIsSaved(string field, string value, string message)
    {
        using var admin = await SignedInAsync(DemoDataSeeder.AdminEmail);
        var before = await admin.GetStringAsync(SettingsClient.Page);
        var storedBefore = await StoredAsync();
        var auditsBefore = await SettingsAuditCountAsync();

        using var response = await admin.SaveSettingsAsync(f =>
        {
            f[field] = value;
            f["Address"] = field == "Address" ? value : "A new address that must not be saved";
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, SettingsClient.FieldError(html, field), StringComparison.Ordinal);
        Assert.Contains("Nothing was saved", html, StringComparison.Ordinal);
        var storedAfter = await StoredAsync();
        Assert.Equal(storedBefore!.Version, storedAfter!.Version);
        Assert.Equal(storedBefore.Address, storedAfter.Address);
        Assert.Equal(auditsBefore, await SettingsAuditCountAsync());
        Assert.Equal(SettingsClient.VersionIn(before), SettingsClient.VersionIn(html));
    }

    [Fact]
    public async Task NoticeAsLongAsTheHorizonIsRefused()
    {
        using var admin = await SignedInAsync(DemoDataSeeder.AdminEmail);

        using var response = await admin.SaveSettingsAsync(f =>
        {
            f["HorizonDays"] = "3";
            f["MinimumNoticeHours"] = "72";
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("shorter than the booking horizon", SettingsClient.FieldError(await response.Content.ReadAsStringAsync(), "MinimumNoticeHours"), StringComparison.Ordinal);
        Assert.Equal(60, (await StoredAsync())!.HorizonDays);
    }

    [Fact]
    public async Task ASaveIsAuditedWithBeforeAndAfter()
    {
        using var admin = await SignedInAsync(DemoDataSeeder.AdminEmail);
        var auditsBefore = await SettingsAuditCountAsync();

        using var response = await admin.SaveSettingsAsync(f =>
        {
            f["BufferMinutes"] = "10";
            f["RequireStaffTwoFactor"] = "true";
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = (await StoredAsync())!;
        Assert.Equal(10, stored.BufferMinutes);
        Assert.True(stored.RequireStaffTwoFactor);

        // The requirement applies at once: this admin has no two-factor yet, so the next staff page is its set-up.
        using var next = await admin.GetAsync(SettingsClient.Page);
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Equal("/staff/account/two-factor", next.Headers.Location!.OriginalString);
        Assert.Equal(SettingsClient.ValidPhone, stored.Phone);
        Assert.Equal(auditsBefore + 1, await SettingsAuditCountAsync());
        var entry = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.ClinicSettingsChanged).OrderByDescending(e => e.Id).FirstAsync());
        Assert.Equal(AuditEntityTypes.ClinicSettings, entry.EntityType);
        Assert.Equal("1", entry.EntityId);
        Assert.Contains("\"BufferMinutes\":0", entry.Before, StringComparison.Ordinal);
        Assert.Contains("\"BufferMinutes\":10", entry.After, StringComparison.Ordinal);
        Assert.Contains("\"RequireStaffTwoFactor\":true", entry.After, StringComparison.Ordinal);
        Assert.Null(entry.PatientId);

        // The flag the two-factor sign-in reads.
        await _factory.WithScopeAsync(async services =>
        {
            var settings = services.GetRequiredService<ClinicSettingsService>();
            await settings.GetAsync();
            Assert.True(settings.RequireStaffTwoFactor);
        });
    }

    [Fact]
    public async Task ASecondAdminSavingAnOlderVersionIsRefusedAndOverwritesNothing()
    {
        using var first = await SignedInAsync(DemoDataSeeder.AdminEmail);
        using var second = await SignedInAsync(DemoDataSeeder.AdminEmail);
        var firstPage = await first.GetStringAsync(SettingsClient.Page);
        var secondPage = await second.GetStringAsync(SettingsClient.Page);
        var auditsBefore = await SettingsAuditCountAsync();

        var firstFields = SettingsClient.Fields(SettingsClient.VersionIn(firstPage));
        firstFields["HorizonDays"] = "30";
        firstFields["__RequestVerificationToken"] = HttpClientExtensions.AntiforgeryToken(firstPage);
        using var firstSave = await first.PostAsync(SettingsClient.Page, firstFields);
        var secondFields = SettingsClient.Fields(SettingsClient.VersionIn(secondPage));
        secondFields["HorizonDays"] = "90";
        secondFields["__RequestVerificationToken"] = HttpClientExtensions.AntiforgeryToken(secondPage);
        using var secondSave = await second.PostAsync(SettingsClient.Page, secondFields);
        var html = await secondSave.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, firstSave.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, secondSave.StatusCode);
        Assert.Contains("Another admin saved the settings", html, StringComparison.Ordinal);
        Assert.Contains("name=\"HorizonDays\" type=\"number\" inputmode=\"numeric\" min=\"1\" max=\"365\" value=\"30\"", html, StringComparison.Ordinal);
        Assert.Equal(30, (await StoredAsync())!.HorizonDays);
        Assert.Equal(auditsBefore + 1, await SettingsAuditCountAsync());
    }

    [Fact]
    public async Task SlotStepNoticeAndHorizonChangesShowInSlotsAtOnce()
    {
        using var admin = await SignedInAsync(DemoDataSeeder.AdminEmail);
        using var patient = _factory.CreateClient();
        var today = new DateOnly(2026, 11, 27);
        var quarterHours = await StartsAsync(patient, Tuesday, Tuesday);
        var todayBefore = await StartsAsync(patient, today, today);
        var farBefore = await StartsAsync(patient, new DateOnly(2026, 12, 14), new DateOnly(2026, 12, 14));

        using var save = await admin.SaveSettingsAsync(f =>
        {
            f["SlotStepMinutes"] = "60";
            f["MinimumNoticeHours"] = "48";
            f["HorizonDays"] = "14";
        });
        var hourly = await StartsAsync(patient, Tuesday, Tuesday);
        var todayAfter = await StartsAsync(patient, today, today);
        var farAfter = await StartsAsync(patient, new DateOnly(2026, 12, 14), new DateOnly(2026, 12, 14));

        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        Assert.Contains(quarterHours, s => s.Minute == 15);
        Assert.NotEmpty(hourly);
        Assert.All(hourly, s => Assert.Equal(0, s.Minute));
        Assert.NotEmpty(todayBefore);
        Assert.Empty(todayAfter);
        Assert.NotEmpty(farBefore);
        Assert.Empty(farAfter);
    }

    [Fact]
    public async Task AChangedPhoneShowsOnTheCachedHomePageAtOnce()
    {
        using var admin = await SignedInAsync(DemoDataSeeder.AdminEmail);
        using var visitor = _factory.CreateClient();
        var before = WebUtility.HtmlDecode(await visitor.GetStringAsync("/"));
        var cached = WebUtility.HtmlDecode(await visitor.GetStringAsync("/"));

        using var save = await admin.SaveSettingsAsync(f =>
        {
            f["Phone"] = "0300 7654321";
            f["OpeningHours"] = "Every day: 09:00 to 21:00";
        });
        var after = WebUtility.HtmlDecode(await visitor.GetStringAsync("/"));

        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        Assert.Equal(before, cached);
        Assert.DoesNotContain("+92 300 7654321", before, StringComparison.Ordinal);
        Assert.Contains("+92 300 7654321", after, StringComparison.Ordinal);
        Assert.Contains("tel:+923007654321", after, StringComparison.Ordinal);
        Assert.Contains("Every day: 09:00 to 21:00", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCancellationCutoffGovernsPatientCancelling()
    {
        using var admin = await SignedInAsync(DemoDataSeeder.AdminEmail);
        var visitor = new Booking.BookingVisitor(_factory.CreateClient());
        var slot = (await visitor.SlotsAsync("mesotherapy", "1", Tuesday, Tuesday))[0];
        using var booked = await visitor.BookAsync("mesotherapy", slot.Slot, Booking.BookingVisitor.Details(name: "Cutoff Patient", phone: "0300 4440002", email: "cutoff@example.test"));
        var link = booked.Headers.Location!.OriginalString.Replace("&confirmed=1", "", StringComparison.Ordinal);
        var reference = link[9..18];

        var openPage = await visitor.Client.GetStringAsync(link);
        Assert.Contains($"/booking/{reference}/cancel?token=", openPage, StringComparison.Ordinal);
        var fields = HtmlForms.HiddenFields(await visitor.Client.GetStringAsync(link.Replace("?token=", "/cancel?token=", StringComparison.Ordinal)), $"/booking/{reference}/cancel");

        // Tuesday is about four days away: a week's cutoff closes online changes at once.
        using var week = await admin.SaveSettingsAsync(f => f["CancellationCutoffHours"] = "168");
        var closedPage = await visitor.Client.GetStringAsync(link);
        using var refused = await visitor.Client.PostAsync($"/booking/{reference}/cancel", fields);
        var refusedPage = await visitor.Client.GetStringAsync(link);
        var stillBooked = await _factory.WithDbAsync(db => db.Appointments.Where(a => a.Reference == reference).Select(a => a.Status).SingleAsync());

        using var day = await admin.SaveSettingsAsync(f => f["CancellationCutoffHours"] = "24");
        using var cancelled = await visitor.Client.PostAsync($"/booking/{reference}/cancel", fields);
        var finalStatus = await _factory.WithDbAsync(db => db.Appointments.Where(a => a.Reference == reference).Select(a => a.Status).SingleAsync());

        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, week.StatusCode);
        Assert.DoesNotContain($"action=\"/booking/{reference}/cancel\"", closedPage, StringComparison.Ordinal);
        Assert.Contains("please call the clinic", closedPage, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("too close to the appointment to cancel online", WebUtility.HtmlDecode(refusedPage), StringComparison.Ordinal);
        Assert.Equal(Domain.Appointments.AppointmentStatus.Booked, stillBooked);
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(Domain.Appointments.AppointmentStatus.Cancelled, finalStatus);
    }
}
