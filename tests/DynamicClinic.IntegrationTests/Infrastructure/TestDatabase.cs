using System.Collections.Concurrent;
using DynamicClinic.Data;
using DynamicClinic.TestSupport;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Infrastructure;

/// <summary>
/// Where a test host's database lives: a SQLite file of its own (the default), or, when
/// <c>DYNAMICCLINIC_TEST_SQLSERVER</c> holds a connection string, a SQL Server database of its own, created by the
/// site's start-up migration and dropped when the host is disposed (<c>./eng/test.sh --sqlserver "..."</c>).
/// </summary>
/// <remarks>
/// A host's database is named by its <see cref="ClinicAppFactory.DatabasePath"/> on both providers, so a second instance
/// given the first one's path shares its database either way. Tests that need SQLite itself (its file, its pragmas) carry
/// <c>[Trait("Database", "SqliteOnly")]</c> and keep running on SQLite in a SQL Server run.
/// </remarks>
public sealed record TestDatabase(DatabaseProvider Provider, string ConnectionString, bool Owned)
{
    public const string SqlServerVariable = "DYNAMICCLINIC_TEST_SQLSERVER";

    /// <summary>The trait of tests that run on SQLite only.</summary>
    public const string SqliteOnly = "SqliteOnly";

    private static readonly ConcurrentDictionary<string, TestDatabase> ByPath = new(StringComparer.Ordinal);

    static TestDatabase()
    {
        Directory.CreateDirectory(TestRunFolder.Root);
        RecordProvider(SqlServer);
    }

    /// <summary>The SQL Server this run uses, or null for SQLite.</summary>
    public static string? SqlServer { get; } = Environment.GetEnvironmentVariable(SqlServerVariable) is { Length: > 0 } value ? value : null;

    /// <summary>"SQLite" or "SQL Server (server name)", as the run reports it.</summary>
    public static string Describe(string? sqlServer) =>
        sqlServer is null ? "SQLite" : $"SQL Server ({new SqlConnectionStringBuilder(sqlServer).DataSource})";

    /// <summary>
    /// The provider switch: SQLite on <paramref name="databasePath"/> without a SQL Server, else a database on that
    /// server named after <paramref name="host"/>, which this host owns (drops when disposed).
    /// </summary>
    public static TestDatabase For(string databasePath, string host, string? sqlServer, bool sqliteOnly = false) =>
        sqlServer is null || sqliteOnly
            ? new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={databasePath}", Owned: true)
            : ByPath.GetOrAdd(databasePath, _ => OnSqlServer(sqlServer, host));

    /// <summary>Another host's database, by that host's <see cref="ClinicAppFactory.DatabasePath"/>: the same on either provider, not owned.</summary>
    public static TestDatabase SharedWith(string databasePath, string? sqlServer) =>
        For(databasePath, "Shared", sqlServer) with { Owned = false };

    private static TestDatabase OnSqlServer(string sqlServer, string host)
    {
        var builder = new SqlConnectionStringBuilder(sqlServer)
        {
            // The name says which class made it, for a look after a failed run.
            InitialCatalog = $"DynamicClinicTest_{new string([.. host.Where(char.IsAsciiLetterOrDigit).Take(40)])}_{Guid.NewGuid():N}",
        };
        return new TestDatabase(DatabaseProvider.SqlServer, builder.ConnectionString, Owned: true);
    }

    /// <summary>Drops the SQL Server database this host created; SQLite files stay for the log scan.</summary>
    public void DropIfOwned()
    {
        if (Provider != DatabaseProvider.SqlServer || !Owned)
        {
            return;
        }

        SqlConnection.ClearAllPools();
        var options = new DbContextOptionsBuilder<ClinicDbContext>();
        DatabaseServiceCollectionExtensions.Configure(options, DatabaseProvider.SqlServer, ConnectionString);
        using var db = new ClinicDbContext(options.Options);
        db.Database.EnsureDeleted();
    }

    // The run says which provider it used: a line in the run's folder, which ./eng/test.sh prints.
    private static void RecordProvider(string? sqlServer) =>
        File.WriteAllText(Path.Combine(TestRunFolder.Root, "integration-database.txt"), $"Integration tests ran on {Describe(sqlServer)}\n");
}
