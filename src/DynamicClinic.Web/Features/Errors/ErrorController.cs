using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

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
public sealed class ErrorController : Controller
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

        return View("Error", ErrorViewModel.For(statusCode));
    }
}

public sealed record ErrorViewModel(int StatusCode, string Title, string Message)
{
    public static ErrorViewModel For(int statusCode) => statusCode switch
    {
        StatusCodes.Status403Forbidden => new(statusCode, "You don't have access to this page",
            "Your account doesn't include this part of the system. If you need it for your work, ask the clinic's administrator."),
        StatusCodes.Status404NotFound => new(statusCode, "We couldn't find that page",
            "The address may be mistyped, or the page may have moved. Try our treatments or book a consultation."),
        StatusCodes.Status429TooManyRequests => new(statusCode, "Please wait a moment",
            "We received a lot of requests from your connection in a short time. Wait a minute and try again."),
        StatusCodes.Status503ServiceUnavailable => new(statusCode, "We can't reach our appointment records right now",
            "Our booking system is down for a moment, so we couldn't finish this. Please try again in a few minutes. If you were "
            + "confirming a booking, confirming again is safe: you will never be booked twice."),
        >= 500 => new(statusCode, "Something went wrong on our side",
            "We couldn't finish that request. Nothing you entered has been lost on our side; please try again in a moment, or call the clinic."),
        _ => new(statusCode, "We couldn't handle that request",
            "Please go back and try again. If it keeps happening, call the clinic."),
    };
}
