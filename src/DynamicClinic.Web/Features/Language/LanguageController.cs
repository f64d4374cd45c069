using DynamicClinic.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Language;

/// <summary>
/// The language switch on every public page: remembers the choice (the request localization cookie) and goes back to
/// the same page in the chosen language.
/// </summary>
public sealed class LanguageController : Controller
{
    [HttpGet("/language")]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
    public IActionResult Switch(string? to, string? @return)
    {
        var urdu = string.Equals(to, "ur", StringComparison.OrdinalIgnoreCase);
        HttpContext.RememberChoice(urdu);

        // Only a page of this site: anything else (another host, "//host", a backslash trick) goes to the home page.
        var page = IsLocalPage(@return) ? @return! : "/";
        return Redirect(HttpContext.PageIn(page, urdu));
    }

    private static bool IsLocalPage(string? path) =>
        !string.IsNullOrEmpty(path) && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'))
        && !path.Contains('\r', StringComparison.Ordinal) && !path.Contains('\n', StringComparison.Ordinal)
        && !path.StartsWith(SiteLanguage.UrduPrefix + "/", StringComparison.OrdinalIgnoreCase)
        && !path.Equals(SiteLanguage.UrduPrefix, StringComparison.OrdinalIgnoreCase);
}
