using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Infrastructure.Database;

/// <summary>Recognises a unique or primary-key violation on either provider, in one place.</summary>
public static class DbErrors
{
    // SQLite: SQLITE_CONSTRAINT (19) with SQLITE_CONSTRAINT_PRIMARYKEY (1555) or _UNIQUE (2067).
    // SQL Server: 2627 (unique constraint / primary key) and 2601 (unique index).
    public static bool IsUniqueViolation(DbUpdateException exception) => IsUniqueViolationError(exception.InnerException);

    /// <summary>
    /// The same, for an exception as EF Core logs it: the provider's own exception (a failed command) or a
    /// <see cref="DbUpdateException"/> wrapping it (a failed save).
    /// </summary>
    public static bool IsUniqueViolation(Exception? exception) => exception is DbUpdateException update
        ? IsUniqueViolation(update)
        : IsUniqueViolationError(exception);

    private static bool IsUniqueViolationError(Exception? exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 1555 or 2067,
        Microsoft.Data.SqlClient.SqlException sql => sql.Number is 2627 or 2601,
        _ => false,
    };
}
