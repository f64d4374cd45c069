using DynamicClinic.Data;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DynamicClinic.IntegrationTests.Infrastructure.Database;

/// <summary>
/// Both providers' migrations must match the model, and the SQL Server script must generate.
/// No SQL Server engine runs here: generating the script needs the provider, not a server.
/// </summary>
public class MigrationsTests
{
    private const string SqlServerConnection = "Server=localhost;Database=DynamicClinic;Trusted_Connection=True;TrustServerCertificate=True";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.SqlServer, SqlServerConnection)]
    public void MigrationsMatchTheModel(DatabaseProvider provider, string connectionString)
    {
        using var db = CreateContext(provider, connectionString);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {provider} migrations are behind the model: add a migration (see docs/database.md).");
    }

    [Fact]
    public void SqlServerScriptGenerates()
    {
        using var db = CreateContext(DatabaseProvider.SqlServer, SqlServerConnection);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [Appointments]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [AspNetUsers]", script, StringComparison.Ordinal);
    }

    [Fact]
    public void SqliteScriptGenerates()
    {
        using var db = CreateContext(DatabaseProvider.Sqlite, "Data Source=:memory:");

        var script = db.GetService<IMigrator>().GenerateScript();

        Assert.Contains("CREATE TABLE \"Appointments\"", script, StringComparison.Ordinal);
    }

    [Fact]
    public void BothProvidersHaveTheSameMigrations()
    {
        using var sqlite = CreateContext(DatabaseProvider.Sqlite, "Data Source=:memory:");
        using var sqlServer = CreateContext(DatabaseProvider.SqlServer, SqlServerConnection);

        static IEnumerable<string> Names(ClinicDbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]);

        Assert.Equal(Names(sqlite), Names(sqlServer));
    }

    private static ClinicDbContext CreateContext(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<ClinicDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, provider, connectionString);
        return new ClinicDbContext(builder.Options);
    }
}
