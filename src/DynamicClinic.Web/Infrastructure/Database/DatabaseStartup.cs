using DynamicClinic.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Infrastructure.Database;

/// <summary>
/// What happens to the database when the app starts. Development migrates and seeds demo data;
/// production changes nothing unless started with <c>--migrate</c>, and never seeds demo accounts.
/// </summary>
public static class DatabaseStartup
{
    /// <summary>Command-line switch: apply pending migrations, then run the site.</summary>
    public const string MigrateSwitch = "--migrate";

    /// <summary>Command-line switch: apply pending migrations and exit (for a deployment step).</summary>
    public const string MigrateOnlySwitch = "--migrate-only";

    public static async Task PrepareDatabaseAsync(this WebApplication app, bool migrateRequested)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup));

        if (!migrateRequested && !options.ApplyMigrationsAtStartup)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        await MigrateAsync(db, logger);
        // First start: the clinic's settings row, from the configuration's values.
        await scope.ServiceProvider.GetRequiredService<Settings.ClinicSettingsService>().SeedAsync();

        if (options.SeedDemoData && app.Environment.IsDevelopment())
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
            logger.LogInformation("Demo data seeded");
        }
    }

    public static async Task MigrateAsync(ClinicDbContext db, ILogger logger)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers carry on while a booking is written; it is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        logger.LogInformation("Database migrated ({PendingCount} migrations applied)", pending.Count);
    }
}
