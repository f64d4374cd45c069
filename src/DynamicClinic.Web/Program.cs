using DynamicClinic.Web;
using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Infrastructure.Hosting;
using DynamicClinic.Web.Infrastructure.Security;

// Our own switches are not configuration keys: take them out before the host reads the arguments.
var migrateOnly = args.Contains(DatabaseStartup.MigrateOnlySwitch);
var migrate = migrateOnly || args.Contains(DatabaseStartup.MigrateSwitch);
var adminAt = Array.IndexOf(args, FirstAdmin.Switch);
var adminEmail = adminAt >= 0 && adminAt + 1 < args.Length ? args[adminAt + 1] : null;
var hostArgs = args
    .Where((a, i) => a is not DatabaseStartup.MigrateSwitch and not DatabaseStartup.MigrateOnlySwitch
        && (adminAt < 0 || (i != adminAt && i != adminAt + 1)))
    .ToArray();

var builder = WebApplication.CreateBuilder(hostArgs);
WebApplication app;
try
{
    builder.AddClinicServices();
    app = builder.Build();
    // All bad settings at once, as one line each and exit code 1 (not a stack trace); a migration needs only the database's.
    ConfigurationErrors.ValidateNow(app.Services, databaseOnly: migrateOnly);
}
catch (Exception exception) when (ConfigurationErrors.Describe(exception) is { } failures)
{
    return ConfigurationErrors.Report(builder.Configuration, failures);
}

// Serving the site, it waits out a database that is down at start (503 and /health Unhealthy meanwhile); one-off
// commands fail instead, so a deployment step never passes without having done its work. --migrate-only leaves the
// clinic settings row to the site's first start: it is made from settings (email, booking) a migration step need not have.
await app.PrepareDatabaseAsync(migrate, retryInBackground: !migrateOnly && adminAt < 0, seedSettings: !migrateOnly);
if (adminAt >= 0)
{
    if (adminEmail is null)
    {
        await Console.Error.WriteLineAsync($"Usage: {FirstAdmin.Switch} <email>");
        return 2;
    }

    return await FirstAdmin.CreateAsync(app.Services, adminEmail, Console.Out);
}

if (migrateOnly)
{
    return 0;
}

app.WarnWhenKeysUnprotected();
app.UseClinicPipeline();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so that tests can host the site with WebApplicationFactory.</summary>
public partial class Program;
