using DynamicClinic.Data;
using DynamicClinic.Domain.Clinicians;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Infrastructure.Database;

/// <summary>
/// <see cref="ClinicDbFunctions.SecondsBetween"/> is written by hand for each provider: SQLite runs it here (times stored
/// as text, across midnight and over more than a day), and SQL Server's translation is checked from its SQL, which
/// needs the provider, not a server.
/// </summary>
public class ClinicDbFunctionsTests
{
    public static TheoryData<DateTime, DateTime, long> Lengths => new()
    {
        { new DateTime(2026, 3, 2, 4, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 2, 4, 30, 0, DateTimeKind.Utc), 1_800 },
        { new DateTime(2026, 3, 1, 23, 30, 0, DateTimeKind.Utc), new DateTime(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc), 5_400 },
        { new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 3, 9, 15, 0, DateTimeKind.Utc), 173_700 },
        { new DateTime(2026, 12, 31, 23, 59, 59, DateTimeKind.Utc), new DateTime(2027, 1, 1, 0, 0, 1, DateTimeKind.Utc), 2 },
    };

    [Theory]
    [MemberData(nameof(Lengths))]
    public async Task SqliteCountsTheSecondsBetweenTwoStoredTimes(DateTime start, DateTime end, long seconds)
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var builder = new DbContextOptionsBuilder<ClinicDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, DatabaseProvider.Sqlite, "Data Source=:memory:");
        builder.UseSqlite(connection);
        await using var db = new ClinicDbContext(builder.Options);
        await db.Database.EnsureCreatedAsync();
        db.Clinicians.Add(new Clinician { DisplayName = "Dr Test", Title = "Test" });
        await db.SaveChangesAsync();

        var counted = await db.Clinicians.Select(c => ClinicDbFunctions.SecondsBetween(start, end)).SingleAsync();
        var summed = await db.Clinicians.GroupBy(c => c.IsActive).Select(g => g.Sum(c => ClinicDbFunctions.SecondsBetween(start, end))).SingleAsync();

        Assert.Equal(seconds, counted);
        Assert.Equal(seconds, summed);
        Assert.Equal(seconds, ClinicDbFunctions.SecondsBetween(start, end));
    }

    [Fact]
    public void SqlServerCountsThemWithDateDiffBig()
    {
        var builder = new DbContextOptionsBuilder<ClinicDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, DatabaseProvider.SqlServer, "Server=localhost;Database=DynamicClinic;Trusted_Connection=True;TrustServerCertificate=True");
        using var db = new ClinicDbContext(builder.Options);

        var sql = db.Appointments.GroupBy(a => a.ClinicianId).Select(g => g.Sum(a => ClinicDbFunctions.SecondsBetween(a.StartUtc, a.EndUtc))).ToQueryString();

        Assert.Contains("SUM(DATEDIFF_BIG(second, [a].[StartUtc], [a].[EndUtc]))", sql, StringComparison.Ordinal);
    }
}
