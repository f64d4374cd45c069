using System.Net;
using DynamicClinic.IntegrationTests.Infrastructure;

namespace DynamicClinic.IntegrationTests.Infrastructure.Security;

public class SecurityHeadersTests(ClinicAppFactory factory) : IClassFixture<ClinicAppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/treatments/mesotherapy")]
    [InlineData("/robots.txt")]
    [InlineData("/staff/sign-in")]
    [InlineData("/no-such-page")]
    [InlineData("/health")]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path)
    {
        // HSTS is never sent to localhost, so ask as the clinic's own host name would.
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://dynamicclinic.test"),
            AllowAutoRedirect = false,
        });
        using var response = await client.GetAsync(path);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Single(response.Headers.GetValues("Referrer-Policy"));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainHttpIsRedirectedToHttps()
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("http://localhost"),
            AllowAutoRedirect = false,
        });

        using var response = await client.GetAsync("/treatments");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://localhost/treatments", response.Headers.Location!.AbsoluteUri);
    }

    [Fact]
    public async Task PagesHaveNoInlineScriptOrStyle()
    {
        using var client = factory.CreateClient();
        foreach (var path in new[] { "/", "/treatments", "/treatments/mesotherapy", "/privacy", "/staff/sign-in", "/no-such-page" })
        {
            var html = await (await client.GetAsync(path)).Content.ReadAsStringAsync();
            Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)[^>]*>", html);
            Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch("\\sstyle=\"", html);
            Assert.DoesNotMatch("\\son[a-z]+=\"", html);
        }
    }

    [Fact]
    public async Task HealthReportsTheDatabase()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"status\":\"Healthy\"", body, StringComparison.Ordinal);
        Assert.Contains("\"database\":\"Healthy\"", body, StringComparison.Ordinal);
    }
}
