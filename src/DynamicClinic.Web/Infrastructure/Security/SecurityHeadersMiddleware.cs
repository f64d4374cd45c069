namespace DynamicClinic.Web.Infrastructure.Security;

/// <summary>
/// Adds the security headers every response carries. The Content-Security-Policy allows no inline
/// script or style and no third-party origin: everything the pages use is served from this site.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // Manage links carry a secret in their path: never send a full URL to another site.
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";

        // Staff pages and anything under them are private: never stored by a browser or a proxy.
        if (context.Request.Path.StartsWithSegments("/staff", StringComparison.OrdinalIgnoreCase))
        {
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
        }

        return next(context);
    }
}
