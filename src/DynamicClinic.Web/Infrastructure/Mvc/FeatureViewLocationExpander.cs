using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace DynamicClinic.Web.Infrastructure.Mvc;

/// <summary>
/// Finds views beside their controller: a controller in <c>Features.Booking</c> renders
/// <c>Features/Booking/{view}.cshtml</c>, then <c>Features/Shared/{view}.cshtml</c>.
/// </summary>
public sealed class FeatureViewLocationExpander : IViewLocationExpander
{
    private const string FeatureKey = "feature";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor controller)
        {
            var ns = controller.ControllerTypeInfo.Namespace ?? "";
            var marker = ".Features.";
            var at = ns.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                context.Values[FeatureKey] = ns[(at + marker.Length)..].Replace('.', '/');
            }
        }
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        if (context.Values.TryGetValue(FeatureKey, out var feature) && feature is not null)
        {
            yield return $"/Features/{feature}/{{0}}.cshtml";
        }

        yield return "/Features/Shared/{0}.cshtml";
    }
}
