using DynamicClinic.Data;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Serilog.Events;
using Serilog.Parsing;

namespace DynamicClinic.UnitTests.Infrastructure.Database;

/// <summary>
/// What SQL Server's errors mean to the site, with the exceptions SqlClient really throws: a lost booking race (unique
/// key) is "just taken" as on SQLite, never a 503 or a retry; a deadlock or a timeout is "the database is busy" (503).
/// </summary>
public class SqlServerErrorTranslationTests
{
    [Theory]
    [InlineData(2627)] // Violation of PRIMARY KEY / UNIQUE KEY constraint.
    [InlineData(2601)] // Cannot insert duplicate key row with unique index.
    public void AUniqueViolationIsALostRaceNotAnOutage(int number)
    {
        var save = new DbUpdateException("An error occurred while saving the entity changes.", SqlServerErrors.Create(number));

        Assert.True(DbErrors.IsUniqueViolation(save));
        Assert.True(DbErrors.IsUniqueViolation((Exception)save.InnerException!));
        Assert.False(DatabaseFaults.IsUnavailable(save));
        // The retrying execution strategy hands it straight back (a retry would only be refused again).
        Assert.False(Retries(save.InnerException!));
    }

    [Theory]
    [InlineData(547)] // Foreign key or check constraint.
    [InlineData(515)] // Cannot insert NULL.
    [InlineData(208)] // Invalid object name: a schema out of date.
    public void OtherErrorsAreNeitherALostRaceNorAnOutage(int number)
    {
        var save = new DbUpdateException("save failed", SqlServerErrors.Create(number, errorClass: 16));

        Assert.False(DbErrors.IsUniqueViolation(save));
        Assert.False(DatabaseFaults.IsUnavailable(save));
    }

    [Theory]
    [InlineData(1205, 13)] // Chosen as deadlock victim.
    [InlineData(-2, 11)] // Execution timeout expired.
    [InlineData(1222, 16)] // Lock request time out period exceeded.
    [InlineData(4060, 11)] // Cannot open database.
    [InlineData(40613, 17)] // Azure SQL: database not currently available.
    public void DeadlocksTimeoutsAndUnreachableDatabasesAreAnOutage(int number, byte errorClass)
    {
        var error = SqlServerErrors.Create(number, errorClass);

        Assert.True(DatabaseFaults.IsUnavailable(error));
        Assert.True(DatabaseFaults.IsUnavailable(new DbUpdateException("save failed", error)));
        Assert.False(DbErrors.IsUniqueViolation(error));
    }

    [Fact]
    public void ADeadlockIsRetriedAndWhenRetriesRunOutTheSiteAnswersBusy()
    {
        var deadlock = SqlServerErrors.Create(1205, 13);

        Assert.True(Retries(deadlock));
        Assert.True(DatabaseFaults.IsUnavailable(new RetryLimitExceededException("Retries ran out.", deadlock)));
    }

    [Fact]
    public void ASevereErrorIsAnOutageWhateverItsNumber()
    {
        // Class 20 and above: the server closed the connection.
        Assert.True(DatabaseFaults.IsUnavailable(SqlServerErrors.Create(50000, errorClass: 20)));
    }

    [Fact]
    public void TheLostRaceIsLeftOutOfTheErrorLogOnSqlServerToo()
    {
        var logged = new LogEvent(
            DateTimeOffset.UtcNow,
            LogEventLevel.Error,
            new DbUpdateException("save failed", SqlServerErrors.Create(2601)),
            new MessageTemplateParser().Parse("An exception occurred in the database while saving changes"),
            [new LogEventProperty("SourceContext", new ScalarValue("Microsoft.EntityFrameworkCore.Update"))]);

        Assert.True(ExpectedDbErrorsFilter.IsExpectedUniqueViolation(logged));
    }

    // The site's own SQL Server settings (EnableRetryOnFailure), asked whether they would retry this error.
    private static bool Retries(Exception exception)
    {
        var options = new DbContextOptionsBuilder<ClinicDbContext>();
        DatabaseServiceCollectionExtensions.Configure(options, DatabaseProvider.SqlServer, "Server=sql01;Database=DynamicClinic;Trusted_Connection=True");
        using var db = new ClinicDbContext(options.Options);
        var strategy = Assert.IsType<SqlServerRetryingExecutionStrategy>(db.Database.CreateExecutionStrategy());
        return new RetryCheck(db, strategy).Retries(exception);
    }

    private sealed class RetryCheck(DbContext db, SqlServerRetryingExecutionStrategy configured)
        : SqlServerRetryingExecutionStrategy(db, configured.MaxRetryCount, configured.MaxRetryDelay, errorNumbersToAdd: null)
    {
        public bool Retries(Exception exception) => ShouldRetryOn(exception);
    }
}
