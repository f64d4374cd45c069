using System.Net;
using DynamicClinic.IntegrationTests.Booking;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.IntegrationTests.Infrastructure.Email;
using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Infrastructure.Database;

/// <summary>
/// The database out of reach, at start and while the site serves: a 503 page in our words with the clinic's phone, /health
/// Unhealthy, nothing half-saved, and the site back to normal by itself once the database returns, without a restart.
/// SQLite stands in for a database server: its file lives in a folder of its own, taken away and put back as a volume
/// that is unmounted and mounted again would be (the connection pool is cleared, as a server dropping connections would).
/// </summary>
[Trait("Database", TestDatabase.SqliteOnly)]
public sealed class DatabaseOutageTests
{
    private const string Phone = "+92 51 000 0000";

    private sealed class OutageSite(bool missingAtStart) : ClinicAppFactory
    {
        public string DataFolder => Path.Combine(Path.GetDirectoryName(DatabasePath)!, "data");

        // What start-up does with a database that is missing, then back: it creates and migrates it itself.
        protected override bool UseTemplateDatabase => false;

        protected override bool SqliteOnly => true;

        public void TakeDatabaseAway()
        {
            Directory.Move(DataFolder, DataFolder + "-away");
            SqliteConnection.ClearAllPools();
        }

        public void BringDatabaseBack() => Directory.Move(DataFolder + "-away", DataFolder);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(DataFolder, "clinic.db")}");
            builder.UseSetting("Database:MigrationRetryInterval", "00:00:00.200");
            if (missingAtStart)
            {
                // The site creates the database's folder as it registers its services; this runs just after, as if the
                // volume holding it were not mounted yet.
                builder.ConfigureServices(_ => Directory.Delete(DataFolder, recursive: true));
            }
        }
    }

    [Fact]
    public async Task DownAtStartTheSiteSays503AndUnhealthyThenMigratesAndServesWhenTheDatabaseAppears()
    {
        await using var site = new OutageSite(missingAtStart: true);
        var client = site.CreateClient();

        await AssertUnavailablePageAsync(client, "/book");
        await AssertUnavailablePageAsync(client, "/treatments");
        await AssertUnhealthyAsync(client);

        Directory.CreateDirectory(site.DataFolder);
        await WaitUntilHealthyAsync(client);
        await site.SeedDemoDataAsync();

        using var start = await client.GetAsync("/book");
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        var visitor = new BookingVisitor(client);
        var slot = (await visitor.SlotsAsync("mesotherapy", "any", new DateOnly(2026, 11, 30), new DateOnly(2026, 11, 30)))[0];
        using var booked = await visitor.BookAsync("mesotherapy", slot.Slot);
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        Assert.StartsWith("/booking/", booked.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownDuringRequestsPagesSay503ABookingIsRefusedWithNothingSavedAndAllWorksWhenItIsBack()
    {
        await using var site = new OutageSite(missingAtStart: false);
        await site.SeedDemoDataAsync();
        var client = site.CreateClient();
        var staff = site.CreateClient();
        await staff.SignInAsStaffAsync(DemoDataSeeder.ReceptionEmail);
        var visitor = new BookingVisitor(client);
        var slot = (await visitor.SlotsAsync("mesotherapy", "any", new DateOnly(2026, 11, 30), new DateOnly(2026, 11, 30)))[0];
        var review = await visitor.ReviewAsync("mesotherapy", slot.Slot, BookingVisitor.Details(name: "Outage Patient", phone: "0321 5558801", email: "outage@example.test"));
        var appointmentsBefore = await site.WithDbAsync(db => db.Appointments.CountAsync());

        site.TakeDatabaseAway();

        await AssertUnavailablePageAsync(client, "/book");
        await AssertUnhealthyAsync(client);
        using (var confirm = await visitor.ConfirmAsync(review))
        {
            var body = await AssertUnavailableAsync(confirm);
            Assert.Contains("confirming again is safe", body, StringComparison.Ordinal);
        }

        await AssertUnavailablePageAsync(staff, "/staff/calendar");

        site.BringDatabaseBack();
        await WaitUntilHealthyAsync(client);

        // The refused confirmation left nothing behind: no appointment, no patient, no email waiting.
        Assert.Equal(appointmentsBefore, await site.WithDbAsync(db => db.Appointments.CountAsync()));
        Assert.False(await site.WithDbAsync(db => db.Patients.AnyAsync(p => p.PhoneE164 == "+923215558801")));
        Assert.Equal(0, await site.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == EmailKinds.BookingConfirmed && m.Appointment!.Patient!.PhoneE164 == "+923215558801")));

        // Confirming again books it, once; the member of staff is still signed in.
        using var again = await visitor.ConfirmAsync(review);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.StartsWith("/booking/", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(appointmentsBefore + 1, await site.WithDbAsync(db => db.Appointments.CountAsync()));
        using var calendar = await staff.GetAsync("/staff/calendar");
        Assert.Equal(HttpStatusCode.OK, calendar.StatusCode);
    }

    private static async Task AssertUnavailablePageAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        await AssertUnavailableAsync(response);
    }

    private static async Task<string> AssertUnavailableAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter is not null, "A 503 says when to try again.");
        Assert.Contains("We can&#x27;t reach our appointment records right now", body, StringComparison.Ordinal);
        Assert.Contains($"call the clinic on <a href=\"tel:{Phone.Replace(" ", "", StringComparison.Ordinal)}\" dir=\"ltr\">{Phone}</a>", WebUtility.HtmlDecode(body), StringComparison.Ordinal);
        Assert.Contains("Skip to main content", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SQLite", body, StringComparison.OrdinalIgnoreCase);
        return body;
    }

    private static async Task AssertUnhealthyAsync(HttpClient client)
    {
        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("""{"status":"Unhealthy","checks":{"database":"Unhealthy"}}""", await health.Content.ReadAsStringAsync());
    }

    private static Task<HttpStatusCode> WaitUntilHealthyAsync(HttpClient client) => Eventually.WaitForAsync(
        async () =>
        {
            using var health = await client.GetAsync("/health");
            return health.StatusCode;
        },
        status => status == HttpStatusCode.OK,
        "/health to report Healthy");
}
