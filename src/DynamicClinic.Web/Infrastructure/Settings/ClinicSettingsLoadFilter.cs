using Microsoft.AspNetCore.Mvc.Filters;

namespace DynamicClinic.Web.Infrastructure.Settings;

/// <summary>
/// Reads the clinic's settings once, asynchronously, before each MVC action (and before its controller is created), so
/// controllers, services and layouts use <see cref="ClinicSettingsService.Current"/> without a blocking database read.
/// Pages served from the output cache never reach MVC and read nothing.
/// </summary>
public sealed class ClinicSettingsLoadFilter(ClinicSettingsService settings) : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        await settings.GetAsync(context.HttpContext.RequestAborted);
        await next();
    }
}
