using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DynamicClinic.Web.Infrastructure.Database;

/// <summary>
/// Logs a failed database command at Error, as EF Core does ("Failed executing DbCommand", same category), but with its
/// exception, and not when the failure is a unique-key violation: that is a lost booking race, an expected outcome the
/// calling code catches and logs once at Information with ids (see <see cref="ExpectedDbErrorsFilter"/>). EF's own
/// event is switched off (it carries no exception, so nothing could tell the two apart).
/// </summary>
public sealed class FailedCommandLogger(ILoggerFactory loggerFactory) : DbCommandInterceptor
{
    private readonly ILogger _logger = loggerFactory.CreateLogger(DbLoggerCategory.Database.Command.Name);

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Log(command, eventData);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Log(command, eventData);
        return Task.CompletedTask;
    }

    private void Log(DbCommand command, CommandErrorEventData eventData)
    {
        if (DbErrors.IsUniqueViolation(eventData.Exception))
        {
            return;
        }

        // The command text has parameter names only, never their values (no patient data).
        _logger.LogError(eventData.Exception, "Failed executing DbCommand ({Elapsed:0}ms) {CommandText}", eventData.Duration.TotalMilliseconds, command.CommandText);
    }
}
