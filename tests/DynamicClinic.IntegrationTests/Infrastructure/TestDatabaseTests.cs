using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DynamicClinic.IntegrationTests.Infrastructure;

/// <summary>
/// The fixture's provider switch (<see cref="TestDatabase"/>), without a server: which database each test host is given
/// with and without <c>DYNAMICCLINIC_TEST_SQLSERVER</c>. A real SQL Server run is <c>./eng/test.sh --sqlserver "..."</c>.
/// </summary>
public class TestDatabaseTests
{
    private const string Server = "Server=sql01,1433;Database=master;User Id=dynamicclinic;Password=not-a-secret;TrustServerCertificate=True";

    private static string NewPath() => Path.Combine(Path.GetTempPath(), $"dynamicclinic-{Guid.NewGuid():N}", "clinic.db");

    [Fact]
    public void WithoutASqlServerEachHostGetsItsOwnSqliteFile()
    {
        var path = NewPath();

        var database = TestDatabase.For(path, "BookingFlowTests", sqlServer: null);

        Assert.Equal(DatabaseProvider.Sqlite, database.Provider);
        Assert.Equal($"Data Source={path}", database.ConnectionString);
        Assert.Equal("SQLite", TestDatabase.Describe(null));
    }

    [Fact]
    public void WithASqlServerEachHostGetsADatabaseOfItsOwnOnThatServer()
    {
        var first = TestDatabase.For(NewPath(), "BookingFlowTests", Server);
        var second = TestDatabase.For(NewPath(), "BookingFlowTests", Server);

        Assert.Equal(DatabaseProvider.SqlServer, first.Provider);
        Assert.True(first.Owned);
        var settings = new SqlConnectionStringBuilder(first.ConnectionString);
        Assert.Equal("sql01,1433", settings.DataSource);
        Assert.Equal("dynamicclinic", settings.UserID);
        Assert.StartsWith("DynamicClinicTest_BookingFlowTests_", settings.InitialCatalog, StringComparison.Ordinal);
        Assert.NotEqual(settings.InitialCatalog, new SqlConnectionStringBuilder(second.ConnectionString).InitialCatalog);
        Assert.Equal("SQL Server (sql01,1433)", TestDatabase.Describe(Server));
    }

    [Fact]
    public void ASecondInstanceGivenTheFirstOnesPathSharesItsDatabaseWithoutOwningIt()
    {
        var path = NewPath();
        var first = TestDatabase.For(path, "TwoInstancesTests", Server);

        var shared = TestDatabase.SharedWith(path, Server);

        Assert.Equal(first.ConnectionString, shared.ConnectionString);
        Assert.False(shared.Owned);
        Assert.Equal($"Data Source={path}", TestDatabase.SharedWith(path, sqlServer: null).ConnectionString);
    }

    [Fact]
    public void ASqliteOnlyHostStaysOnSqliteInASqlServerRun()
    {
        var path = NewPath();

        var database = TestDatabase.For(path, "DatabaseOutageTests", Server, sqliteOnly: true);

        Assert.Equal(DatabaseProvider.Sqlite, database.Provider);
        Assert.Equal($"Data Source={path}", database.ConnectionString);
    }

    [Fact]
    public void TheSiteIsGivenTheHostsProviderAndConnectionString()
    {
        using var factory = new ClinicAppFactory();

        var configuration = factory.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;

        Assert.Equal(factory.HostDatabase.Provider, configuration.Provider);
        Assert.Equal(factory.HostDatabase.ConnectionString, configuration.ConnectionString);
        Assert.Equal(TestDatabase.SqlServer is null ? DatabaseProvider.Sqlite : DatabaseProvider.SqlServer, configuration.Provider);
    }
}
