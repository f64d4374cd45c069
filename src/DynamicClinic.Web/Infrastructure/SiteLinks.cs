using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Infrastructure;

/// <summary>
/// Absolute links to the site for messages. Inside a request they follow the address the request came to (behind
/// the proxy's forwarded headers); a background job (the reminder) uses <see cref="ClinicOptions.PublicUrl"/>.
/// </summary>
public sealed class SiteLinks(IHttpContextAccessor httpContextAccessor, IOptions<ClinicOptions> options)
{
    public Uri Root
    {
        get
        {
            if (httpContextAccessor.HttpContext?.Request is { Host.HasValue: true } request)
            {
                return new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
            }

            var configured = options.Value.PublicUrl;
            return new Uri(configured.EndsWith('/') ? configured : configured + "/");
        }
    }

    /// <summary>The site-relative path of an appointment's manage page.</summary>
    public static string ManagePath(string reference, string token) =>
        $"/booking/{Uri.EscapeDataString(reference)}?token={Uri.EscapeDataString(token)}";

    public string ManageUrl(string reference, string token) => new Uri(Root, ManagePath(reference, token)).AbsoluteUri;
}
