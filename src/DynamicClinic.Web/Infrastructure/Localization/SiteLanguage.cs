using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace DynamicClinic.Web.Infrastructure.Localization;

/// <summary>
/// The two languages of the public site (docs/decisions/0006-urdu.md). English is the site as it always was, at
/// unprefixed addresses; Urdu lives under <c>/ur</c>, which <see cref="LanguagePrefixMiddleware"/> moves into the
/// request's PathBase so every link the views make stays in Urdu. Staff pages are English only.
/// </summary>
public static class SiteLanguage
{
    public const string UrduPrefix = "/ur";

    /// <summary>The cookie ASP.NET Core's request localization uses, so its helpers read and write it.</summary>
    public static readonly string CookieName = CookieRequestCultureProvider.DefaultCookieName;

    /// <summary>
    /// Urdu as written in Pakistan: Urdu month and day names, but Western digits (0-9) as Pakistani newspapers and sites
    /// write them; .NET formats with ASCII digits whatever the culture, and the native digits are set to say so.
    /// </summary>
    public static readonly CultureInfo Urdu = CreateUrdu();

    private const string IsUrduKey = "DynamicClinic.Language.Urdu";
    private const string SiteBaseKey = "DynamicClinic.Language.SiteBase";

    private static CultureInfo CreateUrdu()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("ur-PK").Clone();
        culture.NumberFormat.NativeDigits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
        culture.NumberFormat.DigitSubstitution = DigitShapes.None;
        return CultureInfo.ReadOnly(culture);
    }

    public static bool IsUrdu(this HttpContext context) => context.Items.ContainsKey(IsUrduKey);

    internal static void MarkUrdu(HttpContext context, PathString siteBase)
    {
        context.Items[IsUrduKey] = true;
        context.Items[SiteBaseKey] = siteBase;
    }

    /// <summary>The value of <c>lang</c> on the page's <c>html</c> element.</summary>
    public static string HtmlLang(this HttpContext context) => context.IsUrdu() ? "ur" : "en";

    /// <summary>The value of <c>dir</c> on the page's <c>html</c> element.</summary>
    public static string HtmlDir(this HttpContext context) => context.IsUrdu() ? "rtl" : "ltr";

    /// <summary>
    /// The site's own base without the language (for files, the language switch and staff pages, which are the same
    /// in both languages): <c>/css/site.css</c> is one file the browser caches once, not one per language.
    /// </summary>
    public static PathString SiteBase(this HttpContext context) =>
        context.Items.TryGetValue(SiteBaseKey, out var value) && value is PathString siteBase ? siteBase : context.Request.PathBase;

    /// <summary>A path of the site outside the language prefix, e.g. <c>SitePath("/css/site.css")</c>.</summary>
    public static string SitePath(this HttpContext context, string path) => context.SiteBase().Add(path).Value ?? path;

    /// <summary>
    /// The page the visitor is on, without the language prefix, with its query string. An error page gives the home
    /// page: it never echoes the address asked for (a booking reference or token that does not match must show
    /// nothing of itself), and the error may not happen again in the other language anyway.
    /// </summary>
    public static string CurrentPage(this HttpContext context)
    {
        if (context.Response.StatusCode >= StatusCodes.Status400BadRequest)
        {
            return "/";
        }

        var request = context.Request;
        return (request.Path.HasValue ? request.Path.Value : "/") + request.QueryString.Value;
    }

    /// <summary>The address of a page of the site (a path from <see cref="CurrentPage"/>) in one language.</summary>
    public static string PageIn(this HttpContext context, string page, bool urdu) =>
        context.SiteBase().Value + (urdu ? UrduPrefix + (page == "/" ? "" : page) : page);

    /// <summary>The absolute address of a page in one language, for <c>hreflang</c> alternates.</summary>
    public static string AbsolutePageIn(this HttpContext context, string page, bool urdu) =>
        $"{context.Request.Scheme}://{context.Request.Host}{context.PageIn(page, urdu)}";

    /// <summary>
    /// Remembers the visitor's choice of language for a year (the request localization cookie), so an unprefixed
    /// address opens in it next time: set by the language switch, and by the booking form's own switch.
    /// </summary>
    public static void RememberChoice(this HttpContext context, bool urdu)
    {
        var environment = context.RequestServices.GetRequiredService<IWebHostEnvironment>();
        context.Response.Cookies.Append(
            CookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(urdu ? Urdu.Name : "en")),
            new CookieOptions
            {
                Path = "/",
                MaxAge = TimeSpan.FromDays(365),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = !environment.IsDevelopment() || context.Request.IsHttps,
            });
    }

    /// <summary>
    /// The language switch's link to the current page in the other language; <paramref name="page"/> when the page
    /// says where it is better than its address does (a form step shown by a POST).
    /// </summary>
    public static string SwitchLink(this HttpContext context, string? page = null) =>
        context.SitePath("/language") + "?to=" + (context.IsUrdu() ? "en" : "ur") + "&return=" + Uri.EscapeDataString(page ?? context.CurrentPage());
}
