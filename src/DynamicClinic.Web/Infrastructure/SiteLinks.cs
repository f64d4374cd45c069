using DynamicClinic.Domain.Patients;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Infrastructure;

/// <summary>
/// Absolute links to the site for messages. Inside a request they follow the address the request came to (behind
/// the proxy's forwarded headers); a background job (the reminder) uses <see cref="ClinicOptions.PublicUrl"/>.
/// </summary>
public sealed class SiteLinks(IHttpContextAccessor httpContextAccessor, IOptions<ClinicOptions> options)
{
    /// <summary>The prefix of the Urdu pages (docs/decisions: Urdu lives under <c>/ur</c>).</summary>
    public const string UrduPrefix = "/ur";

    public Uri Root
    {
        get
        {
            if (httpContextAccessor.HttpContext?.Request is { Host.HasValue: true } request)
            {
                // The site's own base: an Urdu page's request carries /ur in its PathBase, which is not the site's.
                var pathBase = request.PathBase.Value ?? "";
                if (pathBase.EndsWith(UrduPrefix, StringComparison.OrdinalIgnoreCase))
                {
                    pathBase = pathBase[..^UrduPrefix.Length];
                }

                return new Uri($"{request.Scheme}://{request.Host}{pathBase}/");
            }

            var configured = options.Value.PublicUrl;
            return new Uri(configured.EndsWith('/') ? configured : configured + "/");
        }
    }

    /// <summary>The site-relative path of an appointment's manage page.</summary>
    public static string ManagePath(string reference, string token) =>
        $"/booking/{Uri.EscapeDataString(reference)}?token={Uri.EscapeDataString(token)}";

    /// <summary>The manage link in the appointment's language: an Urdu booking's opens the Urdu page.</summary>
    public string ManageUrl(string reference, string token, PatientLanguage language = PatientLanguage.English) =>
        new Uri(Root, (language == PatientLanguage.Urdu ? UrduPrefix[1..] : "") + ManagePath(reference, token)).AbsoluteUri;
}
