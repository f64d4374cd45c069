using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace DynamicClinic.Web.Infrastructure.Database;

/// <summary>
/// Tells "the database cannot be reached right now" apart from a bug. The first is answered with a 503 page and a
/// retry (the site recovers by itself when the database returns); the second stays a 500.
/// </summary>
public static class DatabaseFaults
{
    // SQLite result codes: BUSY (5, still locked after the command timeout), LOCKED (6), IOERR (10), FULL (13),
    // CANTOPEN (14, e.g. the file's folder is gone or unreadable), PROTOCOL (15), NOTADB (26).
    private static readonly HashSet<int> SqliteUnavailable = [5, 6, 10, 13, 14, 15, 26];

    // SQL Server: -2 timeout, 2/53 server not found, 233/10053/10054/10060/10061 connection lost or refused, 4060 database
    // cannot be opened, 18456 login failed (often a database still starting), 40613/40197/40501/49918-49920 Azure
    // SQL busy or moving, 1205 deadlock victim, 1222 lock timeout.
    private static readonly HashSet<int> SqlServerUnavailable =
        [-2, 2, 53, 233, 1205, 1222, 4060, 10053, 10054, 10060, 10061, 10928, 10929, 18456, 40197, 40501, 40613, 49918, 49919, 49920];

    /// <summary>True when <paramref name="exception"/> (or one it wraps) says the database is unreachable or too busy.</summary>
    public static bool IsUnavailable(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case SqliteException sqlite when SqliteUnavailable.Contains(sqlite.SqliteErrorCode):
                // SQL Server's execution strategy gave up after its retries on transient faults.
                case RetryLimitExceededException:
                case TimeoutException:
                    return true;
                case Microsoft.Data.SqlClient.SqlException sql:
                    return sql.Number is var number && (SqlServerUnavailable.Contains(number) || sql.Class >= 20);
            }
        }

        return false;
    }
}
