using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace DynamicClinic.Web.Features.Photos;

/// <summary>
/// Reads the upload's form before the antiforgery check does. A body the form reader refuses (over the request limit,
/// which the server answers with 413, or a part over the form's limits) would otherwise fail that check and come back
/// as "This form expired"; instead the visit's photo page says the upload was too large and nothing was
/// saved. Nothing is done with such a request, so its token need not be checked. Runs after the size limits are set
/// (order 900) and before the antiforgery filter (order 1000).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UploadReadFilterAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    public int Order => 950;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (!request.HasFormContentType)
        {
            return;
        }

        try
        {
            await request.ReadFormAsync(context.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            var reference = context.RouteData.Values["reference"] as string ?? "";
            context.Result = new RedirectResult(PhotosController.VisitHref(reference) + "?tooLarge=true");
        }
    }
}
