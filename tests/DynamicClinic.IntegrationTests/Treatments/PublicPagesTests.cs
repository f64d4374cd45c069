using System.Net;
using DynamicClinic.IntegrationTests.Infrastructure;

namespace DynamicClinic.IntegrationTests.Treatments;

public class PublicPagesTests(ClinicAppFactory factory) : IClassFixture<ClinicAppFactory>
{
    [Theory]
    [InlineData("mesotherapy", "Mesotherapy", "6 to 8")]
    [InlineData("prp-therapy", "PRP", "plasma")]
    [InlineData("hair-transplant", "transplant", "permanent")]
    [InlineData("medications", "Medication", "long-term")]
    public async Task EachTreatmentPageShowsItsKeyFactsAndABookingLink(string slug, string name, string keyFact)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync($"/treatments/{slug}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(name, html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(keyFact, html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"href=\"/book?treatment={slug}\"", html, StringComparison.Ordinal);
        Assert.Matches("<title>[^<]+</title>", html);
        Assert.Matches("<meta name=\"description\" content=\"[^\"]{20,}\"", html);
    }

    [Fact]
    public async Task MesotherapyPageExplainsTheSessionPlanStepsAndAftercare()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync("/treatments/mesotherapy");

        Assert.Contains("6 to 8", html, StringComparison.Ordinal);
        Assert.Contains("3 to 6 months", html, StringComparison.Ordinal);
        Assert.Contains("biotin", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("hyaluronic acid", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("shampoo", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("24 to 48 hours", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryTreatmentPageHasItsOwnTitle()
    {
        using var client = factory.CreateClient();
        var titles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var slug in new[] { "mesotherapy", "prp-therapy", "hair-transplant", "medications" })
        {
            var html = await client.GetStringAsync($"/treatments/{slug}");
            var start = html.IndexOf("<title>", StringComparison.Ordinal);
            var end = html.IndexOf("</title>", StringComparison.Ordinal);
            Assert.True(titles.Add(html[start..end]), $"{slug} repeats another page's title");
        }
    }

    [Fact]
    public async Task TreatmentsPageComparesAllFourTreatments()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync("/treatments");

        Assert.Contains("<table", html, StringComparison.Ordinal);
        foreach (var word in new[] { "Invasiveness", "Recovery", "Effectiveness", "surgical", "no downtime", "1 to 2 weeks" })
        {
            Assert.Contains(word, html, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var slug in new[] { "mesotherapy", "prp-therapy", "hair-transplant", "medications" })
        {
            Assert.Contains($"href=\"/treatments/{slug}\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task HomePageOffersBookingTreatmentsHoursAndContact()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync("/");

        Assert.Contains("href=\"/book\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/treatments/mesotherapy\"", html, StringComparison.Ordinal);
        Assert.Contains("Monday to Saturday", html, StringComparison.Ordinal);
        Assert.Contains("Islamabad", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#main\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/treatments/not-a-treatment")]
    [InlineData("/treatments/MESOTHERAPY-2")]
    [InlineData("/no-such-page")]
    public async Task UnknownAddressGivesTheFriendlyNotFoundPage(string path)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("We couldn&#x27;t find that page", html, StringComparison.Ordinal);
        Assert.Contains("<main", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrivacyNoticeExists()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/privacy");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Privacy notice", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicPagesAreServedFromTheOutputCache()
    {
        using var client = factory.CreateClient();
        using var first = await client.GetAsync("/treatments/prp-therapy");
        using var second = await client.GetAsync("/treatments/prp-therapy");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        // The output cache marks a response it served from its store with an Age header.
        Assert.True(second.Headers.Age.HasValue, "the second response was not served from the output cache");
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }
}
