using DynamicClinic.Data;
using DynamicClinic.TestSupport;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace DynamicClinic.IntegrationTests.Infrastructure;

/// <summary>
/// The real site over real HTTP (TestServer), on a real SQLite database file of its own: a copy of the database migrated
/// once per test run (<see cref="TemplateDatabase"/>), which the site's start-up migrates (nothing pending) and seeds.
/// Runs as "Testing": production behaviour (HSTS, friendly error pages, secure cookies, no demo seeding),
/// so clients talk https://localhost. The clock is a <see cref="FakeTimeProvider"/> that tests move.
/// The database, logs and mail stay in the run's folder (<see cref="TestRunFolder"/>) after the tests, for the
/// log scan that runs last.
/// </summary>
public class ClinicAppFactory : WebApplicationFactory<Program>
{
    /// <summary>A Friday morning in Islamabad (05:00 UTC is 10:00 clinic time).</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 27, 5, 0, 0, TimeSpan.Zero);

    private readonly string _folder;

    public FakeTimeProvider Clock { get; } = new(DefaultNow);

    public string DatabasePath => Path.Combine(_folder, "clinic.db");

    public string LogFolder => Path.Combine(_folder, "logs");

    /// <summary>
    /// Whether the host starts on a copy of the run's migrated template database (the default) rather than on no file at
    /// all, which its start-up then creates and migrates from the first migration. Off for a test of that path, or a host
    /// pointed at another host's database file.
    /// </summary>
    protected virtual bool UseTemplateDatabase => true;

    /// <summary>
    /// Whether this host needs SQLite itself (its file, its behaviour), so stays on SQLite when the run is on SQL Server;
    /// its test class carries <c>[Trait("Database", "SqliteOnly")]</c> (see <see cref="TestDatabase"/>).
    /// </summary>
    protected virtual bool SqliteOnly => false;

    /// <summary>
    /// The keys are protected with the test certificate, as production's should be, so no host logs the "unencrypted"
    /// warning; a host that checks the warning itself turns this off.
    /// </summary>
    protected virtual bool ProtectKeysWithTestCertificate => true;

    /// <summary>This host's database: provider and connection string (SQLite on <see cref="DatabasePath"/>, or SQL Server).</summary>
    public TestDatabase HostDatabase => _database ??= TestDatabase.For(DatabasePath, _host, TestDatabase.SqlServer, SqliteOnly);

    private readonly string _host;
    private TestDatabase? _database;

    public ClinicAppFactory()
    {
        _host = GetType().DeclaringType?.Name ?? GetType().Name;
        _folder = TestRunFolder.ForHost("integration", _host);
        ClientOptions.BaseAddress = new Uri("https://localhost");
        ClientOptions.AllowAutoRedirect = false;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // On SQL Server the site's start-up creates and migrates the host's database itself.
        if (UseTemplateDatabase && HostDatabase.Provider == DatabaseProvider.Sqlite)
        {
            TemplateDatabase.CopyTo(DatabasePath);
        }

        builder.UseEnvironment("Testing");
        builder.UseSetting("https_port", "443");
        builder.UseSetting("Database:Provider", HostDatabase.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", HostDatabase.ConnectionString);
        builder.UseSetting("Database:ApplyMigrationsAtStartup", "true");
        // Keep the rolling log of each test host beside its database, not in the source tree, at the level the site
        // logs at in production, so the log scan sees what production would write. Serilog settings go
        // through app configuration, not UseSetting: the factory forwards UseSetting keys as command-line arguments
        // with empty parent sections ("--Serilog:WriteTo="), which Serilog reads as a sink with no name.
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:WriteTo:File:Args:path"] = Path.Combine(LogFolder, "dynamicclinic-.log"),
            ["Serilog:MinimumLevel:Default"] = "Information",
        }));
        // Rate limits get a test of their own; everywhere else one in-process client address sends many requests.
        builder.UseSetting("Booking:BookingRequestsPerMinute", "100000");
        builder.UseSetting("Booking:SlotRequestsPerMinute", "100000");
        builder.UseSetting("Email:PickupDirectory", Path.Combine(_folder, "mail"));
        if (ProtectKeysWithTestCertificate)
        {
            builder.UseSetting("DataProtection:Certificate:Path", TestKeyCertificate.Path);
            builder.UseSetting("DataProtection:Certificate:Password", TestKeyCertificate.Password);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>Adds the demo treatments, clinicians, staff accounts and appointments through the app's own seeder.</summary>
    public async Task SeedDemoDataAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
    }

    /// <summary>A client signed in as the staff member with this email (the demo password), as a browser would be.</summary>
    public async Task<HttpClient> SignedInClientAsync(string email)
    {
        var client = CreateClient();
        await client.SignInAsStaffAsync(email);
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<ClinicDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ClinicDbContext>());
    }

    public async Task WithScopeAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            // Close the database file; the folder stays for the log scan (see TestRunFolder). A SQL Server database goes.
            SqliteConnection.ClearAllPools();
            HostDatabase.DropIfOwned();
        }
    }
}
