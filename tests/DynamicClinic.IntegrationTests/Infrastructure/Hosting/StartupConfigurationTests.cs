using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.TestSupport;
using Microsoft.Data.Sqlite;

namespace DynamicClinic.IntegrationTests.Infrastructure.Hosting;

/// <summary>
/// The published site started as an operator would (its own process, Production, a SQLite file, settings from the
/// environment): a migration step that needs only the database settings, and a start with bad settings.
/// </summary>
[Trait("Database", TestDatabase.SqliteOnly)]
public sealed class StartupConfigurationTests
{
    private readonly string _folder = TestRunFolder.ForHost("integration", nameof(StartupConfigurationTests));

    private string DatabasePath => Path.Combine(_folder, "clinic.db");

    private string LogFolder => Path.Combine(_folder, "logs");

    [Fact]
    public async Task MigrateOnlyWithNothingButTheDatabaseSettingsMigratesAndExitsZero()
    {
        // No SMTP host, no pickup folder: the site could not send mail, but a migration step does not send mail.
        var (exitCode, output) = await SiteProcess.RunToExitAsync(Environment(), "--migrate-only");

        Assert.True(exitCode == 0, $"Exit code {exitCode}:\n{string.Join("\n", output)}");
        Assert.DoesNotContain(output, l => l.Contains("Unhandled exception", StringComparison.Ordinal));
        Assert.Contains(output, l => l.Contains("Database migrated", StringComparison.Ordinal));
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"__EFMigrationsHistory\"";
        Assert.True((long)(await command.ExecuteScalarAsync())! > 0);
    }

    [Fact]
    public async Task BadSettingsAreAllListedOneLineEachOnTheConsoleAndInTheLogWithExitCodeOne()
    {
        var environment = Environment();
        environment["Clinic__TimeZoneId"] = "Mars/Olympus_Mons";
        environment["Database__CommandTimeoutSeconds"] = "0";
        environment["DataProtection__Certificate__Path"] = Path.Combine(_folder, "no-such-certificate.pfx");
        // ...and no Email:Smtp:Host in Production.

        var (exitCode, output) = await SiteProcess.RunToExitAsync(environment);

        var all = string.Join("\n", output);
        Assert.True(exitCode == 1, $"Exit code {exitCode}:\n{all}");
        string[] expected = ["Clinic:TimeZoneId", "Database:CommandTimeoutSeconds", "Email:Smtp:Host", "DataProtection:Certificate:Path"];
        foreach (var setting in expected)
        {
            Assert.Single(output, l => l.Contains("Configuration error", StringComparison.Ordinal) && l.Contains(setting, StringComparison.Ordinal));
        }

        // One line each and nothing else: no exception, no stack trace.
        Assert.DoesNotContain(output, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Exception", all, StringComparison.Ordinal);
        var logged = Directory.GetFiles(LogFolder, "*.log").SelectMany(File.ReadAllLines).ToList();
        foreach (var setting in expected)
        {
            Assert.Single(logged, l => l.Contains("\"@l\":\"Fatal\"", StringComparison.Ordinal) && l.Contains(setting, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ASettingOfTheWrongTypeIsOneLineAndExitCodeOne()
    {
        var environment = Environment();
        environment["Database__Provider"] = "Oracle";

        var (exitCode, output) = await SiteProcess.RunToExitAsync(environment, "--migrate-only");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(output);
        Assert.Contains("Database:Provider", line, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task AMalformedConnectionStringIsOneLineAndExitCodeOne()
    {
        var environment = Environment();
        environment["Database__ConnectionString"] = "Data";

        var (exitCode, output) = await SiteProcess.RunToExitAsync(environment, "--migrate-only");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(output);
        Assert.Contains("Database:ConnectionString", line, StringComparison.Ordinal);
        Assert.DoesNotContain(output, l => l.Contains(" at ", StringComparison.Ordinal));
        Assert.False(File.Exists(DatabasePath));
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Database__Provider"] = "Sqlite",
        ["Database__ConnectionString"] = $"Data Source={DatabasePath}",
        ["Serilog__WriteTo__File__Args__path"] = Path.Combine(LogFolder, "dynamicclinic-.log"),
    };
}
