using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace DynamicClinic.Web.Infrastructure.Hosting;

/// <summary>
/// Behind nginx (deploy/nginx): the client's address and scheme come from X-Forwarded-For and X-Forwarded-Proto, so
/// HTTPS redirection, HSTS, secure cookies and the per-address rate limits see the visitor, not the proxy. Only a proxy
/// on this machine (loopback, ASP.NET Core's default) is believed, plus any address in <c>ReverseProxy:KnownProxies</c>;
/// from anyone else the headers are ignored, so a visitor cannot pose as another address.
/// </summary>
public static class ReverseProxy
{
    public const string KnownProxiesKey = "ReverseProxy:KnownProxies";

    public static IServiceCollection AddReverseProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection(KnownProxiesKey).Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        services.AddOptions<ForwardedHeadersOptions>().Validate(
            options => proxies.All(p => IPAddress.TryParse(p, out var _)),
            $"{KnownProxiesKey} must list IP addresses only.").ValidateOnStart();
        return services;
    }
}
