using System.Net;
using DynamicClinic.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace DynamicClinic.IntegrationTests.Infrastructure.Hosting;

/// <summary>
/// The site behind nginx on the same machine (deploy/nginx): nginx talks plain HTTP to Kestrel from 127.0.0.1 and says
/// who the visitor is and how they came in X-Forwarded-For and X-Forwarded-Proto. Each request here is built with its
/// connection's address, as Kestrel would see it.
/// </summary>
public sealed class ForwardedHeadersTests(ForwardedHeadersTests.Factory factory) : IClassFixture<ForwardedHeadersTests.Factory>
{
    private static readonly IPAddress Nginx = IPAddress.Loopback;

    /// <summary>A slots limit of 2 a minute, so a third look-up from one visitor is refused.</summary>
    public sealed class Factory : ClinicAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Booking:SlotRequestsPerMinute", "2");
        }
    }

    [Fact]
    public async Task AnHttpsVisitorThroughTheProxyIsServedWithHstsAndSecureCookies()
    {
        var response = await SendAsync("/staff/sign-in", Nginx, forwardedFor: "203.0.113.10", forwardedProto: "https");

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.True(response.Headers.ContainsKey("Strict-Transport-Security"));
        // Every cookie set (not one being deleted, which carries no value) is sent over HTTPS only.
        var cookies = response.Headers.SetCookie.Select(c => c!).Where(c => !c.Split(';')[0].EndsWith('=')).ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AnHttpVisitorThroughTheProxyIsRedirectedToHttps()
    {
        var response = await SendAsync("/staff/sign-in", Nginx, forwardedFor: "203.0.113.11", forwardedProto: "http");

        Assert.Equal(StatusCodes.Status307TemporaryRedirect, response.StatusCode);
        Assert.StartsWith("https://", response.Headers.Location.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeadersFromAnAddressThatIsNotTheProxyAreIgnored()
    {
        // Someone on the network talking to Kestrel directly cannot claim to have come over HTTPS.
        var response = await SendAsync("/staff/sign-in", IPAddress.Parse("198.51.100.7"), forwardedFor: "203.0.113.12", forwardedProto: "https");

        Assert.Equal(StatusCodes.Status307TemporaryRedirect, response.StatusCode);
    }

    [Fact]
    public async Task RateLimitsCountEachVisitorNotTheProxy()
    {
        const string Slots = "/book/slots?treatment=mesotherapy&from=2026-11-30&to=2026-11-30";
        for (var i = 0; i < 2; i++)
        {
            var allowed = await SendAsync(Slots, Nginx, forwardedFor: "203.0.113.20", forwardedProto: "https");
            Assert.NotEqual(StatusCodes.Status429TooManyRequests, allowed.StatusCode);
        }

        var third = await SendAsync(Slots, Nginx, forwardedFor: "203.0.113.20", forwardedProto: "https");
        var otherVisitor = await SendAsync(Slots, Nginx, forwardedFor: "203.0.113.21", forwardedProto: "https");

        Assert.Equal(StatusCodes.Status429TooManyRequests, third.StatusCode);
        Assert.NotEqual(StatusCodes.Status429TooManyRequests, otherVisitor.StatusCode);
    }

    private async Task<HttpResponse> SendAsync(string pathAndQuery, IPAddress connectionFrom, string forwardedFor, string forwardedProto) =>
        (await factory.Server.SendAsync(context =>
        {
            var question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
            context.Request.Method = HttpMethods.Get;
            context.Request.Scheme = "http";
            context.Request.Host = new HostString("dynamicclinic.test");
            context.Request.Path = question < 0 ? pathAndQuery : pathAndQuery[..question];
            context.Request.QueryString = question < 0 ? QueryString.Empty : new QueryString(pathAndQuery[question..]);
            context.Connection.RemoteIpAddress = connectionFrom;
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
            context.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
        })).Response;
}
