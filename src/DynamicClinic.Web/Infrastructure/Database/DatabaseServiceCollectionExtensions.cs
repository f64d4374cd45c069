using DynamicClinic.Data;
using DynamicClinic.Web.Infrastructure.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Infrastructure.Database;

public static class DatabaseServiceCollectionExtensions
{
    public const string SqliteMigrationsAssembly = "DynamicClinic.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "DynamicClinic.Migrations.SqlServer";

    /// <summary>Registers <see cref="ClinicDbContext"/> on the provider named in configuration.</summary>
    public static IServiceCollection AddClinicDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .ValidateSettings(DatabaseOptions.SectionName)
            .Validate(
                o => o.Provider != DatabaseProvider.SqlServer || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:ConnectionString is required when Database:Provider is SqlServer.")
            .Validate(ConnectionStringParses, "Database:ConnectionString is not a connection string the chosen Database:Provider can read.")
            .ValidateOnStart();

        // Resolved now, as the services are registered: a SQLite file's folder is created here, once. Settings that do
        // not bind or validate are left to the start-up check (ConfigurationErrors), which lists them with the others.
        var early = TryBind(configuration);
        var resolved = early is not null && (early.Provider != DatabaseProvider.SqlServer || !string.IsNullOrWhiteSpace(early.ConnectionString))
            && ConnectionStringParses(early)
            ? ResolveConnectionString(early, environment.ContentRootPath)
            : null;

        // Pooled: every request needs a context, and building one (DbSets, services) showed up in the calendar feed's
        // profile. ClinicDbContext keeps no state of its own beyond what EF resets when a context is returned.
        services.AddDbContextPool<ClinicDbContext>((provider, db) =>
        {
            // Validated settings only: a bad one has stopped the start before any context is made.
            var options = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var connectionString = resolved ?? ResolveConnectionString(options, environment.ContentRootPath);
            var threadSafetyChecks = options.ThreadSafetyChecks ?? !environment.IsProduction();
            Configure(db, options.Provider, connectionString, options.CommandTimeoutSeconds);
            db.EnableThreadSafetyChecks(threadSafetyChecks);
            // Failed commands are logged by FailedCommandLogger instead, which leaves out expected unique violations.
            db.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.CommandError));
            db.AddInterceptors(new FailedCommandLogger(provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        });
        return services;
    }

    private static DatabaseOptions? TryBind(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Applies one provider's settings; shared by the app and the design-time and test factories.</summary>
    public static void Configure(DbContextOptionsBuilder db, DatabaseProvider provider, string connectionString, int commandTimeoutSeconds = 30)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                db.UseSqlite(connectionString, sqlite => sqlite
                    .MigrationsAssembly(SqliteMigrationsAssembly)
                    .CommandTimeout(commandTimeoutSeconds))
                    .AddInterceptors(new SqlitePragmas())
                    .UseExactDateTimeReading();
                break;
            case DatabaseProvider.SqlServer:
                db.UseSqlServer(connectionString, sql => sql
                    .MigrationsAssembly(SqlServerMigrationsAssembly)
                    .CommandTimeout(commandTimeoutSeconds)
                    // A few quick retries ride out a failover or a dropped connection; a database that stays away fails
                    // the request within seconds (a 503 page, see DatabaseFaults) rather than holding it for half a minute.
                    .EnableRetryOnFailure(maxRetryCount: 3, maxRetryDelay: TimeSpan.FromSeconds(5), errorNumbersToAdd: null));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{provider}'.");
        }
    }

    /// <summary>
    /// Whether the provider's own builder reads the connection string: a malformed one ("Data") must be one line among the
    /// start-up's setting errors, not an exception thrown while the services are registered.
    /// </summary>
    public static bool ConnectionStringParses(DatabaseOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return true;
        }

        try
        {
            _ = options.Provider == DatabaseProvider.SqlServer
                ? (System.Data.Common.DbConnectionStringBuilder)new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(options.ConnectionString)
                : new SqliteConnectionStringBuilder(options.ConnectionString);
            return true;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    public static string ResolveConnectionString(DatabaseOptions options, string contentRootPath)
    {
        if (options.Provider == DatabaseProvider.SqlServer)
        {
            return string.IsNullOrWhiteSpace(options.ConnectionString)
                ? throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is SqlServer.")
                : options.ConnectionString;
        }

        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(options.ConnectionString) ? "Data Source=App_Data/dynamicclinic.db" : options.ConnectionString);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(contentRootPath, builder.DataSource);
        }

        if (builder.DataSource != ":memory:")
        {
            var folder = Path.GetDirectoryName(builder.DataSource);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        // Bookings must wait for a busy writer rather than fail at once; WAL is set when migrating.
        builder.DefaultTimeout = options.CommandTimeoutSeconds;
        builder.Pooling = true;
        return builder.ToString();
    }
}
