using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace DynamicClinic.Web.Infrastructure.Localization;

/// <summary>
/// Runs first. A request under <c>/ur</c> has that segment moved into PathBase (as UsePathBase would) and the Urdu
/// culture set, so routing sees the English route and every link a view makes (tag helpers, <c>~/</c>, Url.Action,
/// redirects) keeps <c>/ur</c>. An unprefixed public page (GET) follows the visitor's remembered choice, or on a first
/// visit their browser's Accept-Language, by redirecting to its Urdu address: the address always says the language,
/// so the output cache and a link shared on WhatsApp never mix the two. Staff pages are never served under /ur.
/// </summary>
public sealed class LanguagePrefixMiddleware(RequestDelegate next)
{
    // Addresses that exist in one language only, or are files: /ur + these is left unrouted (404).
    private static readonly string[] NotLocalized = ["/staff", "/webhooks", "/health", "/language", "/css", "/js", "/lib"];

    // What decides whether an unprefixed public page answers in English or redirects to Urdu (see AsksForAPage, PrefersUrdu).
    private const string NegotiatedBy = "Accept, Accept-Language, Cookie";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments(SiteLanguage.UrduPrefix, StringComparison.OrdinalIgnoreCase, out var rest))
        {
            if (IsNotLocalized(rest))
            {
                await next(context);
                return;
            }

            var originalBase = request.PathBase;
            var originalPath = request.Path;
            request.PathBase = originalBase.Add(originalPath.Value![..SiteLanguage.UrduPrefix.Length]);
            request.Path = rest.HasValue ? rest : "/";
            SiteLanguage.MarkUrdu(context, originalBase);
            var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = SiteLanguage.Urdu;
            context.Features.Set<IRequestCultureFeature>(new RequestCultureFeature(new RequestCulture(SiteLanguage.Urdu), provider: null));
            try
            {
                await next(context);
            }
            finally
            {
                request.PathBase = originalBase;
                request.Path = originalPath;
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
            }

            return;
        }

        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && IsPublicPage(request.Path))
        {
            if (AsksForAPage(request) && PrefersUrdu(request))
            {
                // Not cached by anyone: the same address answers differently to another visitor.
                context.Response.Headers.CacheControl = "no-store";
                context.Response.Headers.Vary = NegotiatedBy;
                context.Response.Redirect(context.PageIn(request.Path.Value + request.QueryString.Value, urdu: true));
                return;
            }

            // The English answer at this address is only for those who would not be sent to Urdu: a shared cache must
            // keep it apart from what a visitor with the Urdu cookie or Accept-Language gets here (the redirect). The
            // server's output cache needs nothing more: this middleware runs before it, so an Urdu reader never reaches
            // the English copy, and /ur pages are cached under their own address (PathBase is part of its key).
            context.Response.Headers.Append(HeaderNames.Vary, NegotiatedBy);
        }

        await next(context);
    }

    private static bool IsNotLocalized(PathString path) =>
        NotLocalized.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>A page a patient reads: not a staff page, hook or file (a file's last segment has a dot).</summary>
    private static bool IsPublicPage(PathString path) =>
        !IsNotLocalized(path)
        && !path.StartsWithSegments("/error", StringComparison.OrdinalIgnoreCase)
        && !Path.HasExtension(path.Value);

    /// <summary>A browser opening a page asks for HTML; a script's fetch (slots) or an image does not, and is answered as it is.</summary>
    private static bool AsksForAPage(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return accept.Length == 0 || accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The remembered choice wins; without one, the first of our languages the browser asks for.</summary>
    private static bool PrefersUrdu(HttpRequest request)
    {
        if (request.Cookies.TryGetValue(SiteLanguage.CookieName, out var cookie))
        {
            return CookieRequestCultureProvider.ParseCookieValue(cookie) is { } chosen
                && chosen.UICultures.Any(c => IsUrdu(c.Value));
        }

        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var languages))
        {
            return false;
        }

        var first = languages
            .Where(l => l.Quality is not 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value)
            .FirstOrDefault(l => IsUrdu(l) || (l ?? "").StartsWith("en", StringComparison.OrdinalIgnoreCase));
        return IsUrdu(first);
    }

    private static bool IsUrdu(string? language) =>
        language is not null && (language.Equals("ur", StringComparison.OrdinalIgnoreCase)
            || language.StartsWith("ur-", StringComparison.OrdinalIgnoreCase));
}
