using System.ComponentModel.DataAnnotations;

namespace DynamicClinic.Web.Infrastructure.Database;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>The <c>Database</c> section of configuration.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>SQLite (embedded, the default) or SqlServer (production).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The connection string. For SQLite a relative <c>Data Source</c> is taken from the content root;
    /// empty means <c>App_Data/dynamicclinic.db</c>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations at start. On in Development; in production pass <c>--migrate</c>.</summary>
    public bool ApplyMigrationsAtStartup { get; set; }

    /// <summary>Seed demo treatments, clinicians, staff accounts and appointments. Honoured in Development only.</summary>
    public bool SeedDemoData { get; set; }

    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// When migrations are applied at start and the database cannot be reached, how long to wait between further tries
    /// (in the background; the site answers 503 until one succeeds).
    /// </summary>
    public TimeSpan MigrationRetryInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// EF Core's check that a context is not used by two threads at once. It catches a programming error, so it is on
    /// in Development and the tests; it costs an async-local write per row read, a quarter of what the calendar feed
    /// allocated, so it is off in Production. Unset means exactly that; set it to force either way.
    /// </summary>
    public bool? ThreadSafetyChecks { get; set; }
}
