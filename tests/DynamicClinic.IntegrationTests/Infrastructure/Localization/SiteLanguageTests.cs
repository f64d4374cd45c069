using System.Net;
using System.Text.RegularExpressions;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Features.Treatments;

namespace DynamicClinic.IntegrationTests.Infrastructure.Localization;

/// <summary>
/// English at the old addresses, Urdu under /ur: each public page in both, with lang/dir and hreflang alternates; the
/// switch remembers the choice; a first visit follows Accept-Language; staff pages stay English and never under /ur.
/// </summary>
public partial class SiteLanguageTests(SiteLanguageTests.Factory factory) : IClassFixture<SiteLanguageTests.Factory>
{
    public sealed class Factory : ClinicAppFactory;

    public static TheoryData<string> PublicPages()
    {
        var pages = new TheoryData<string> { "/", "/treatments", "/privacy", "/book" };
        foreach (var guide in TreatmentCatalogue.All)
        {
            pages.Add($"/treatments/{guide.Slug}");
        }

        return pages;
    }

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task EveryPublicPageAnswersInEnglishAndUrduWithItsLanguageAndDirection(string path)
    {
        using var client = factory.CreateClient();
        var urduPath = path == "/" ? "/ur" : "/ur" + path;

        using var english = await client.GetAsync(path);
        using var urdu = await client.GetAsync(urduPath);
        var englishHtml = await english.Content.ReadAsStringAsync();
        var urduHtml = await urdu.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, english.StatusCode);
        Assert.Equal(HttpStatusCode.OK, urdu.StatusCode);
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", englishHtml, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"ur\" dir=\"rtl\">", urduHtml, StringComparison.Ordinal);
        foreach (var html in new[] { englishHtml, urduHtml })
        {
            Assert.Contains($"<link rel=\"alternate\" hreflang=\"en\" href=\"https://localhost{path}\">", html, StringComparison.Ordinal);
            Assert.Contains($"<link rel=\"alternate\" hreflang=\"ur\" href=\"https://localhost{urduPath}\">", html, StringComparison.Ordinal);
            Assert.Contains($"<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://localhost{path}\">", html, StringComparison.Ordinal);
        }

        // The Urdu page's own links stay in Urdu; its stylesheet is the one file both languages share.
        Assert.Contains("href=\"/ur/treatments\"", urduHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"/ur/book\"", urduHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"/css/site.css", urduHtml, StringComparison.Ordinal);
        Assert.Contains("مشاورت بک کریں", urduHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/ur/", englishHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/no-such-page", "/ur/no-such-page")]
    [InlineData("/treatments/not-a-treatment", "/ur/treatments/not-a-treatment")]
    public async Task NotFoundPageIsInTheLanguageOfTheAddress(string englishPath, string urduPath)
    {
        using var client = factory.CreateClient();
        using var english = await client.GetAsync(englishPath);
        using var urdu = await client.GetAsync(urduPath);
        var urduHtml = await urdu.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, english.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, urdu.StatusCode);
        Assert.Contains("<html lang=\"ur\" dir=\"rtl\">", urduHtml, StringComparison.Ordinal);
        Assert.Contains("یہ صفحہ نہیں مل سکا", urduHtml, StringComparison.Ordinal);
        // The switch on the error page goes to the address the visitor asked for, in the other language.
        Assert.Contains($"/language?to=en&amp;return={Uri.EscapeDataString(englishPath)}", urduHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("hreflang=\"x-default\"", urduHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ur/staff")]
    [InlineData("/ur/staff/sign-in")]
    [InlineData("/ur/staff/calendar")]
    [InlineData("/ur/health")]
    public async Task StaffPagesAreNotServedUnderUrdu(string path)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task StaffSignInStaysEnglishWhateverTheVisitorChose()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/staff/sign-in");
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Dur-PK%7Cuic%3Dur-PK");
        request.Headers.Add("Accept-Language", "ur-PK,ur;q=0.9");
        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("lang=\"en\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("dir=\"rtl\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/treatments/prp-therapy?from=whatsapp", "/ur/treatments/prp-therapy?from=whatsapp")]
    [InlineData("/", "/ur")]
    public async Task TheSwitchRemembersTheChoiceAndKeepsThePage(string page, string urduPage)
    {
        using var client = factory.CreateClient();
        var englishHtml = await client.GetStringAsync(page);
        var link = SwitchLink().Match(englishHtml).Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        Assert.Equal($"/language?to=ur&return={Uri.EscapeDataString(page)}", link);

        using var switched = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal(urduPage, switched.Headers.Location?.OriginalString);
        var cookie = Assert.Single(switched.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        // Later visits to an English address with the cookie go to the Urdu one...
        using var later = new HttpRequestMessage(HttpMethod.Get, page);
        later.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var redirected = await client.SendAsync(later);
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal(urduPage, redirected.Headers.Location?.OriginalString);

        // ...and switching back remembers English, even against an Urdu browser.
        using var back = await client.GetAsync($"/language?to=en&return={Uri.EscapeDataString(page)}");
        Assert.Equal(page, back.Headers.Location?.OriginalString);
        var english = Assert.Single(back.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        using var again = new HttpRequestMessage(HttpMethod.Get, page);
        again.Headers.Add("Cookie", english.Split(';')[0]);
        again.Headers.Add("Accept-Language", "ur");
        using var stays = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, stays.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("/ur/treatments")]
    [InlineData("")]
    public async Task TheSwitchOnlyReturnsToAPageOfThisSite(string target)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync($"/language?to=ur&return={Uri.EscapeDataString(target)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ur", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("ur-PK,ur;q=0.9,en;q=0.8", true)]
    [InlineData("ur", true)]
    [InlineData("en-GB,en;q=0.9,ur;q=0.8", false)]
    [InlineData("de-DE,ur;q=0.5", true)]
    [InlineData("en-US", false)]
    [InlineData("ur;q=0", false)]
    public async Task AFirstVisitFollowsTheBrowsersLanguage(string acceptLanguage, bool urdu)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/treatments");
        request.Headers.Add("Accept-Language", acceptLanguage);
        using var response = await client.SendAsync(request);

        if (urdu)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/ur/treatments", response.Headers.Location?.OriginalString);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task EachLanguageHasItsOwnCachedCopy()
    {
        using var client = factory.CreateClient();
        await client.GetStringAsync("/treatments/mesotherapy");
        await client.GetStringAsync("/ur/treatments/mesotherapy");
        using var english = await client.GetAsync("/treatments/mesotherapy");
        using var urdu = await client.GetAsync("/ur/treatments/mesotherapy");

        Assert.True(english.Headers.Age.HasValue && urdu.Headers.Age.HasValue, "a page was not served from the output cache");
        Assert.Contains("lang=\"en\"", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("lang=\"ur\"", await urdu.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheUrduTreatmentPageIsWrittenInUrduWithWesternDigitsAndIsolatedNumbers()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync("/ur/treatments/mesotherapy");

        Assert.Contains("<h1>بال گرنے کے لیے میسوتھراپی</h1>", html, StringComparison.Ordinal);
        Assert.Contains("6 سے 8 سیشنز", html, StringComparison.Ordinal);
        Assert.Contains("24 سے 48 گھنٹوں", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/ur/book?treatment=mesotherapy\"", html, StringComparison.Ordinal);
        // The clinic's phone number reads left to right inside the Urdu footer.
        Assert.Matches("<a href=\"tel:(?:[0-9]|&#x2B;)+\" dir=\"ltr\">(?:[0-9 ]|&#x2B;)+</a>", html);
        // Urdu letters are sent as they are, not as six-byte character references.
        Assert.DoesNotContain("&#x6", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"preload\" href=\"/lib/noto-naskh-arabic/noto-naskh-arabic-urdu-400.woff2\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("noto-naskh", await client.GetStringAsync("/treatments/mesotherapy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUrduTreatmentPageWeighsUnder150KilobytesWithItsStylesheetAndFont()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync("/ur/treatments/mesotherapy");
        var files = Regex.Matches(html, "<link rel=\"(?:stylesheet|preload|icon)\" href=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(4, files.Count);

        long total = System.Text.Encoding.UTF8.GetByteCount(html);
        foreach (var file in files)
        {
            total += (await client.GetByteArrayAsync(file)).Length;
        }

        // Uncompressed: what a browser downloads is less wherever the proxy compresses the page and stylesheet.
        Assert.True(total < 150 * 1024, $"The Urdu mesotherapy page weighs {total / 1024.0:0.0} KB with its files.");
    }

    [GeneratedRegex("class=\"language-switch\" href=\"([^\"]+)\"")]
    private static partial Regex SwitchLink();
}
