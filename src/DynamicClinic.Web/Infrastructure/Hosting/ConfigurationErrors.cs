using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.Extensions.Options;
using Serilog;

namespace DynamicClinic.Web.Infrastructure.Hosting;

/// <summary>
/// Bad settings at start: every one of them, one line each, on the console and in the log, and exit code 1, instead of
/// an unhandled exception (exit 134 and a stack trace) that stops at the first.
/// </summary>
public static class ConfigurationErrors
{
    public const int ExitCode = 1;

    /// <summary>
    /// Validates the settings now, before anything is done with them: for <c>--migrate-only</c> the database's alone
    /// (a migration step needs nothing else), otherwise every options class validated at start.
    /// </summary>
    public static void ValidateNow(IServiceProvider services, bool databaseOnly)
    {
        if (databaseOnly)
        {
            _ = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        }
        else
        {
            services.GetRequiredService<IStartupValidator>().Validate();
        }
    }

    /// <summary>The bad settings <paramref name="exception"/> reports, one message each; null when it is not about settings.</summary>
    public static IReadOnlyList<string>? Describe(Exception exception) => exception switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException many when many.InnerExceptions.Count > 0 && many.InnerExceptions.All(e => Describe(e) is not null)
            => [.. many.InnerExceptions.SelectMany(e => Describe(e)!)],
        // The configuration binder: a value that is not of its setting's type (names the setting in its message).
        InvalidOperationException binding when binding.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal)
            => [binding.InnerException is { } inner ? $"{binding.Message} {inner.Message}" : binding.Message],
        _ => null,
    };

    /// <summary>Writes one line per bad setting through a logger built from the same configuration (console and file).</summary>
    public static int Report(IConfiguration configuration, IReadOnlyList<string> failures)
    {
        try
        {
            using var logger = new LoggerConfiguration().ReadFrom.Configuration(configuration).CreateLogger();
            var log = logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, typeof(ConfigurationErrors).FullName);
            foreach (var failure in failures)
            {
                log.Fatal("Configuration error, the site cannot start: {Setting}", failure);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            // The logging settings are among the bad ones: the console is all there is.
            foreach (var failure in failures)
            {
                Console.Error.WriteLine($"Configuration error, the site cannot start: {failure}");
            }
        }

        return ExitCode;
    }
}
