using DynamicClinic.Data;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.TestSupport;

/// <summary>
/// A SQLite database migrated once per test process, copied to each test host's database file before the host starts,
/// so each host starts on the current schema without running every migration itself.
/// </summary>
/// <remarks>
/// Built at the first copy of each run, from the migrations of <c>DynamicClinic.Migrations.Sqlite</c> as built with
/// the tests, into the run's folder (<see cref="TestRunFolder"/>); never committed, so it cannot fall behind the
/// migrations. It holds the schema and what the migrations themselves insert, nothing else: the host still migrates
/// at start (finding nothing pending, which also checks the copy is current), sets write-ahead logging and seeds its
/// clinic settings and Data Protection keys itself, as every start does. Thread-safe: xunit starts hosts in parallel.
/// Linked into every test project that starts the site.
/// </remarks>
public static class TemplateDatabase
{
    private static readonly Lazy<string> Template = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Copies the migrated template to <paramref name="databasePath"/>, unless a database is there already.</summary>
    public static void CopyTo(string databasePath)
    {
        if (File.Exists(databasePath))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        File.Copy(Template.Value, databasePath);
    }

    private static string Create()
    {
        var folder = Path.Combine(TestRunFolder.Root, "template");
        Directory.CreateDirectory(folder);
        // A name of its own: the test projects of a run build theirs side by side.
        var path = Path.Combine(folder, $"clinic-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<ClinicDbContext>();
        // Not pooled: once migrated, no connection may hold the file while it is copied. Rollback journal (SQLite's
        // default), so the whole database is in this one file; each host switches its copy to WAL as it migrates.
        DatabaseServiceCollectionExtensions.Configure(options, DatabaseProvider.Sqlite, $"Data Source={path};Pooling=False");
        using (var db = new ClinicDbContext(options.Options))
        {
            db.Database.Migrate();
        }

        SqliteConnection.ClearAllPools();
        return path;
    }
}
