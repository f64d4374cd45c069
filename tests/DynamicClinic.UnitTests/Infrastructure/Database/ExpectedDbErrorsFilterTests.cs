using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Serilog.Events;
using Serilog.Parsing;

namespace DynamicClinic.UnitTests.Infrastructure.Database;

public class ExpectedDbErrorsFilterTests
{
    private static LogEvent Event(string source, Exception? exception, LogEventLevel level = LogEventLevel.Error) => new(
        DateTimeOffset.UtcNow, level, exception, new MessageTemplateParser().Parse("An exception occurred in the database while saving changes"),
        [new LogEventProperty("SourceContext", new ScalarValue(source))]);

    private static DbUpdateException Unique() => new("save failed", new SqliteException("UNIQUE constraint failed", 19, 2067));

    [Fact]
    public void EfsSaveErrorForAUniqueViolationIsDropped() =>
        Assert.True(ExpectedDbErrorsFilter.IsExpectedUniqueViolation(Event("Microsoft.EntityFrameworkCore.Update", Unique())));

    [Fact]
    public void APrimaryKeyViolationIsDroppedToo() =>
        Assert.True(ExpectedDbErrorsFilter.IsExpectedUniqueViolation(Event("Microsoft.EntityFrameworkCore.Update", new DbUpdateException("x", new SqliteException("PRIMARY KEY", 19, 1555)))));

    [Fact]
    public void AnyOtherDatabaseErrorIsKept()
    {
        Assert.False(ExpectedDbErrorsFilter.IsExpectedUniqueViolation(Event("Microsoft.EntityFrameworkCore.Update", new DbUpdateException("x", new SqliteException("FOREIGN KEY constraint failed", 19, 787)))));
        Assert.False(ExpectedDbErrorsFilter.IsExpectedUniqueViolation(Event("Microsoft.EntityFrameworkCore.Update", new DbUpdateException("x", new SqliteException("database is locked", 5)))));
        Assert.False(ExpectedDbErrorsFilter.IsExpectedUniqueViolation(Event("Microsoft.EntityFrameworkCore.Update", null)));
    }

    [Fact]
    public void AUniqueViolationLoggedByAnythingElseIsKept()
    {
        // The exception handler's "unhandled exception": a violation nobody caught is a bug and stays an Error.
        Assert.False(ExpectedDbErrorsFilter.IsExpectedUniqueViolation(Event("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware", Unique())));
        Assert.False(ExpectedDbErrorsFilter.IsExpectedUniqueViolation(Event("Microsoft.EntityFrameworkCore.Update", Unique(), LogEventLevel.Warning)));
    }
}
