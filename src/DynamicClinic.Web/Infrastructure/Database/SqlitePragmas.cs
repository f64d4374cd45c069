using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DynamicClinic.Web.Infrastructure.Database;

/// <summary>
/// Per-connection SQLite settings. In write-ahead-log mode, <c>synchronous=NORMAL</c> syncs at checkpoints instead
/// of on every commit: a committed booking survives the process being killed (the WAL is in the OS's hands),
/// and only an operating-system crash or power cut can lose the last commits. It shortens each booking's hold on
/// the write lock; the real limit on booking throughput is threads blocked waiting for that lock (docs/benchmarks.md).
/// SQL Server deployments are unaffected.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
