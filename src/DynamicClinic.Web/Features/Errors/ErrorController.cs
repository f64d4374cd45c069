using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DynamicClinic.Web.Features.Errors;

/// <summary>
/// Friendly error pages. They say what happened in plain words and never show internals. A failed POST is
/// re-executed here as a POST: the routes take any method, and no antiforgery token is asked for (the page changes
/// nothing), or the error page itself would be refused and the visitor would see a blank page.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ApiExplorerSettings(IgnoreApi = true)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ErrorController(IStringLocalizer<SiteText> text) : Controller
{
    /// <summary>An unhandled exception: 503 when the database could not be reached (it comes back by itself), else 500.</summary>
    [Route("/error")]
    public IActionResult ServerError() => ErrorPage(
        DatabaseFaults.IsUnavailable(HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error)
            ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status500InternalServerError);

    [Route("/error/{statusCode:int}")]
    public IActionResult Status(int statusCode) => ErrorPage(statusCode);

    private ViewResult ErrorPage(int statusCode)
    {
        // Only re-executed requests reach these pages with a code; anything else is shown as "not found".
        if (statusCode is < 400 or > 599)
        {
            statusCode = StatusCodes.Status404NotFound;
        }

        Response.StatusCode = statusCode;
        if (statusCode == StatusCodes.Status503ServiceUnavailable)
        {
            Response.Headers.RetryAfter = "30";
        }

        return View("Error", ErrorViewModel.For(statusCode, text));
    }
}

public sealed record ErrorViewModel(int StatusCode, string Title, string Message)
{
    /// <summary>The page's words in the request's language (SiteText); 403 is only ever seen by staff, in English.</summary>
    public static ErrorViewModel For(int statusCode, IStringLocalizer<SiteText> text) => statusCode switch
    {
        StatusCodes.Status403Forbidden => new(statusCode, text["Error403Title"], text["Error403Message"]),
        StatusCodes.Status404NotFound => new(statusCode, text["Error404Title"], text["Error404Message"]),
        StatusCodes.Status429TooManyRequests => new(statusCode, text["Error429Title"], text["Error429Message"]),
        StatusCodes.Status503ServiceUnavailable => new(statusCode, text["Error503Title"], text["Error503Message"]),
        >= 500 => new(statusCode, text["Error500Title"], text["Error500Message"]),
        _ => new(statusCode, text["ErrorOtherTitle"], text["ErrorOtherMessage"]),
    };
}
