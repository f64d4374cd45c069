using DynamicClinic.Web;
using DynamicClinic.Web.Infrastructure.Database;

// The two switches are ours, not configuration keys: take them out before the host reads the arguments.
var migrateOnly = args.Contains(DatabaseStartup.MigrateOnlySwitch);
var migrate = migrateOnly || args.Contains(DatabaseStartup.MigrateSwitch);
var hostArgs = args.Where(a => a is not DatabaseStartup.MigrateSwitch and not DatabaseStartup.MigrateOnlySwitch).ToArray();

var builder = WebApplication.CreateBuilder(hostArgs);
builder.AddClinicServices();

var app = builder.Build();
await app.PrepareDatabaseAsync(migrate);
if (migrateOnly)
{
    return;
}

app.UseClinicPipeline();
await app.RunAsync();

/// <summary>Entry point; public so that tests can host the site with WebApplicationFactory.</summary>
public partial class Program;
