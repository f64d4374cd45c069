using System.Net;
using DynamicClinic.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DynamicClinic.IntegrationTests.Infrastructure.Localization;

/// <summary>
/// An unprefixed public page answers by the visitor's remembered choice (cookie) or Accept-Language: English here, or a
/// redirect to /ur. Neither the server's output cache nor a shared cache may give one visitor's answer to the other: the
/// redirect is never stored, the English page says what it varies by, and the output cache keeps /ur pages apart.
/// </summary>
public class LanguageCachingTests(LanguageCachingTests.Factory factory) : IClassFixture<LanguageCachingTests.Factory>
{
    public sealed class Factory : ClinicAppFactory;

    private const string UrduCookie = ".AspNetCore.Culture=c%3Dur-PK%7Cuic%3Dur-PK";
    private const string EnglishCookie = ".AspNetCore.Culture=c%3Den%7Cuic%3Den";

    private HttpClient Client() =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? cookie = null, string? language = null, string accept = "text/html,application/xhtml+xml")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
        }

        if (language is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", language);
        }

        return await client.SendAsync(request);
    }

    private static string[] Vary(HttpResponseMessage response) =>
        response.Headers.Vary.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)).ToArray();

    [Theory]
    [InlineData("/")]
    [InlineData("/treatments")]
    [InlineData("/treatments/mesotherapy")]
    [InlineData("/privacy")]
    public async Task TheEnglishPageVariesByCookieAndAcceptLanguageEvenFromTheOutputCache(string path)
    {
        using var client = Client();

        using var first = await GetAsync(client, path, language: "en-GB,en;q=0.9");
        using var again = await GetAsync(client, path, cookie: EnglishCookie, language: "ur-PK");

        foreach (var english in new[] { first, again })
        {
            Assert.Equal(HttpStatusCode.OK, english.StatusCode);
            Assert.Contains("<html lang=\"en\" dir=\"ltr\">", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Contains("Cookie", Vary(english));
            Assert.Contains("Accept-Language", Vary(english));
            Assert.Contains("Accept", Vary(english));
        }
    }

    [Fact]
    public async Task TheOutputCacheNeverGivesTheEnglishCopyToAnUrduReaderNorTheUrduCopyToAnEnglishOne()
    {
        using var client = Client();

        // The English home page is in the output cache (a second request is answered from it: it has an Age).
        using var english = await GetAsync(client, "/treatments", language: "en");
        using var cached = await GetAsync(client, "/treatments", language: "en");
        Assert.True(cached.Headers.Age.HasValue, "the second English answer should come from the output cache");

        // A reader with the Urdu cookie, or a first visit asking for Urdu, is sent to the Urdu address, never stored.
        foreach (var (cookie, language) in new[] { (UrduCookie, (string?)null), ((string?)null, "ur-PK,ur;q=0.9,en;q=0.5") })
        {
            using var redirect = await GetAsync(client, "/treatments", cookie, language);
            Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
            Assert.Equal("/ur/treatments", redirect.Headers.Location!.OriginalString);
            Assert.True(redirect.Headers.CacheControl!.NoStore);
            Assert.Contains("Cookie", Vary(redirect));
            Assert.Contains("Accept-Language", Vary(redirect));
        }

        // The Urdu page has its own copy, cached under its own address; each language still gets its own afterwards.
        for (var i = 0; i < 2; i++)
        {
            using var urdu = await GetAsync(client, "/ur/treatments", UrduCookie);
            Assert.Contains("<html lang=\"ur\" dir=\"rtl\">", await urdu.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var stillEnglish = await GetAsync(client, "/treatments", EnglishCookie);
            Assert.Contains("<html lang=\"en\" dir=\"ltr\">", await stillEnglish.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A script's request for the same address is answered in place (not a page): it varies by Accept too.
        using var notAPage = await GetAsync(client, "/treatments", UrduCookie, accept: "application/json");
        Assert.Equal(HttpStatusCode.OK, notAPage.StatusCode);
        Assert.Contains("Accept", Vary(notAPage));
    }
}
