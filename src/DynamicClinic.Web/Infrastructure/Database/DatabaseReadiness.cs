using DynamicClinic.Data;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DynamicClinic.Web.Infrastructure.Database;

/// <summary>
/// Whether the schema the site needs is in place. Ready from the start unless migrations were asked for at start and the
/// database could not be reached then (see <see cref="DatabaseStartup"/>): until the background retry has migrated it,
/// pages answer 503 and <c>/health</c> is Unhealthy, rather than the site writing into an empty database.
/// </summary>
public sealed class DatabaseReadiness
{
    private volatile bool _ready = true;

    public bool IsReady => _ready;

    public void MarkWaitingForMigrations() => _ready = false;

    public void MarkReady() => _ready = true;
}

/// <summary>
/// <c>/health</c>'s "database" check: Unhealthy while startup migrations are still waiting for the database, or when a
/// query on a real table fails (the database is unreachable, or is an empty file without the clinic's tables).
/// </summary>
public sealed class DatabaseHealthCheck(DatabaseReadiness readiness, ClinicDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.IsReady)
        {
            return HealthCheckResult.Unhealthy("Waiting for the database to apply migrations.");
        }

        try
        {
            await db.Treatments.AsNoTracking().Select(t => t.Id).FirstOrDefaultAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The database cannot be queried.", ex);
        }
    }
}

/// <summary>
/// While <see cref="DatabaseReadiness"/> is not ready, every page (an MVC action) answers 503, shown by the status-code
/// page as "we can't reach our records". Static files, <c>/health</c> and the error pages themselves carry on.
/// Sits before authentication, which reads the staff account from the database.
/// </summary>
public sealed class DatabaseReadinessGate(RequestDelegate next, DatabaseReadiness readiness)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (readiness.IsReady
            || context.GetEndpoint()?.Metadata.GetMetadata<ControllerActionDescriptor>() is not { } action
            || action.ControllerName == "Error")
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "30";
        return Task.CompletedTask;
    }
}
