using DynamicClinic.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Infrastructure.Database;

/// <summary>
/// What happens to the database when the app starts. Development migrates and seeds demo data;
/// production changes nothing unless started with <c>--migrate</c>, and never seeds demo accounts.
/// </summary>
/// <remarks>
/// If migrations are asked for and the database cannot be reached at start, the process does not stop: it starts
/// without them, answers every page with 503 (<see cref="DatabaseReadinessGate"/>) and <c>/health</c> Unhealthy, and
/// tries again every <see cref="DatabaseOptions.MigrationRetryInterval"/> in the background until the database is back.
/// Any other migration failure (a broken schema, a bug) still stops the start, and <c>--migrate-only</c> always fails
/// loudly, since a deployment step must not pass when it did nothing.
/// </remarks>
public static class DatabaseStartup
{
    /// <summary>Command-line switch: apply pending migrations, then run the site.</summary>
    public const string MigrateSwitch = "--migrate";

    /// <summary>Command-line switch: apply pending migrations and exit (for a deployment step).</summary>
    public const string MigrateOnlySwitch = "--migrate-only";

    public static async Task PrepareDatabaseAsync(this WebApplication app, bool migrateRequested, bool retryInBackground = false, bool seedSettings = true)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup));

        if (!migrateRequested && !options.ApplyMigrationsAtStartup)
        {
            return;
        }

        try
        {
            if (!seedSettings)
            {
                await using var scope = app.Services.CreateAsyncScope();
                await MigrateAsync(scope.ServiceProvider.GetRequiredService<ClinicDbContext>(), logger);
                return;
            }

            await MigrateAndSeedAsync(app, options, logger, CancellationToken.None);
        }
        catch (Exception ex) when (retryInBackground && DatabaseFaults.IsUnavailable(ex))
        {
            logger.LogError(ex, "Database unavailable at start: migrations not applied; pages answer 503 and /health is Unhealthy, retrying every {RetryInterval}", options.MigrationRetryInterval);
            var readiness = app.Services.GetRequiredService<DatabaseReadiness>();
            readiness.MarkWaitingForMigrations();
            _ = Task.Run(() => RetryUntilMigratedAsync(app, options, readiness, logger, app.Lifetime.ApplicationStopping));
        }
    }

    public static async Task MigrateAsync(ClinicDbContext db, ILogger logger, CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers carry on while a booking is written; it is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        logger.LogInformation("Database migrated ({PendingCount} migrations applied)", pending.Count);
    }

    private static async Task MigrateAndSeedAsync(WebApplication app, DatabaseOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        await MigrateAsync(db, logger, cancellationToken);
        // First start: the clinic's settings row, from the configuration's values.
        await scope.ServiceProvider.GetRequiredService<Settings.ClinicSettingsService>().SeedAsync(cancellationToken);

        if (options.SeedDemoData && app.Environment.IsDevelopment())
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(cancellationToken);
            logger.LogInformation("Demo data seeded");
        }
    }

    private static async Task RetryUntilMigratedAsync(
        WebApplication app, DatabaseOptions options, DatabaseReadiness readiness, ILogger logger, CancellationToken stopping)
    {
        for (var attempt = 2; !stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await Task.Delay(options.MigrationRetryInterval, stopping);
                await MigrateAndSeedAsync(app, options, logger, stopping);
                readiness.MarkReady();
                logger.LogWarning("Database back: migrations applied at attempt {Attempt}; the site serves pages again", attempt);
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Keep trying whatever went wrong: the site stays up and says so on /health and on every page.
                logger.LogError(ex, "Database still unavailable (migration attempt {Attempt}), retrying in {RetryInterval}", attempt, options.MigrationRetryInterval);
            }
        }
    }
}
