using Serilog.Events;

namespace DynamicClinic.Web.Infrastructure.Database;

/// <summary>
/// A lost booking race is an expected outcome: the database's unique key refuses the second booking (ADR 0003), our
/// code catches it, tells the patient and logs it once at Information with ids. EF Core logs the refusal at Error
/// before our code sees it: "An exception occurred in the database while saving changes" (and "Failed executing
/// DbCommand", which <see cref="FailedCommandLogger"/> now writes instead of EF). EF's log settings can't tell a unique
/// violation from any other failure, so this log filter drops those events when, and only when, their exception is a
/// unique violation. Every other database error stays at Error, and a unique violation no code catches still reaches
/// the log through the exception handler.
/// </summary>
public static class ExpectedDbErrorsFilter
{
    private const string CommandCategory = "Microsoft.EntityFrameworkCore.Database.Command";
    private const string UpdateCategory = "Microsoft.EntityFrameworkCore.Update";

    public static bool IsExpectedUniqueViolation(LogEvent logEvent) =>
        logEvent.Level == LogEventLevel.Error
        && logEvent.Properties.TryGetValue("SourceContext", out var source)
        && source is ScalarValue { Value: CommandCategory or UpdateCategory }
        && DbErrors.IsUniqueViolation(logEvent.Exception);
}
