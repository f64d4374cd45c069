using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace DynamicClinic.Web.Infrastructure.Mvc;

/// <summary>
/// A form sent with a missing or stale antiforgery token (a page left open past a sign-in or sign-out, a cookie
/// cleared, another tab) gets the page back with "This form expired, please try again" instead of a bare 400.
/// The request is still refused: nothing it carried is used. Back means the page the form was on (the same-origin
/// Referer), else the GET of the address it posted to.
/// </summary>
public sealed class FormExpiredFilter(ITempDataDictionaryFactory tempDataFactory, ILogger<FormExpiredFilter> logger) : IAlwaysRunResultFilter
{
    public const string TempDataKey = "FormExpired";

    public const string Message = "This form expired, please try again.";

    public void OnResultExecuting(ResultExecutingContext context)
    {
        // The antiforgery filter is an authorization filter; only an always-run result filter sees what it returns.
        if (context.Result is not IAntiforgeryValidationFailedResult)
        {
            return;
        }

        var http = context.HttpContext;
        logger.LogInformation("Form refused: antiforgery token missing or stale");
        var tempData = tempDataFactory.GetTempData(http);
        tempData[TempDataKey] = Message;
        // The short-circuit skips the filter that normally saves TempData.
        tempData.Save();
        context.Result = new RedirectResult(BackTo(http.Request));
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }

    private static string BackTo(HttpRequest request)
    {
        var referer = request.GetTypedHeaders().Referer;
        if (referer is { IsAbsoluteUri: true }
            && string.Equals(referer.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(referer.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            && referer.AbsolutePath.StartsWith(request.PathBase.Value ?? "", StringComparison.Ordinal))
        {
            return referer.PathAndQuery;
        }

        return request.PathBase + request.Path;
    }
}
