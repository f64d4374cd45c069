using System.Net;
using DynamicClinic.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Booking;

/// <summary>
/// Switching language (the details step's own switch, posted with what was typed, and the site-wide switch) never
/// counts against the booking rate limit: a patient who switches back and forth can still review and confirm.
/// </summary>
public class LanguageSwitchRateLimitTests : IClassFixture<LanguageSwitchRateLimitTests.Factory>
{
    private static readonly DateOnly Wednesday = new(2026, 12, 2);

    /// <summary>A site whose booking budget is three posts a minute (review and confirm need two).</summary>
    public sealed class Factory : ClinicAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Booking:BookingRequestsPerMinute", "3");
        }
    }

    private readonly Factory _site;

    public LanguageSwitchRateLimitTests(Factory site) => _site = site;

    [Fact]
    public async Task SwitchingLanguageManyTimesStillLeavesTheBookingBudgetToReviewAndConfirm()
    {
        await _site.SeedDemoDataAsync();
        using var client = _site.CreateClient();
        var visitor = new BookingVisitor(client);
        var slot = (await visitor.SlotsAsync("mesotherapy", "any", Wednesday, Wednesday))[0];
        var page = await client.GetStringAsync($"/book/details?treatment=mesotherapy&clinician=any&slot={Uri.EscapeDataString(slot.Slot)}");
        var typed = HtmlForms.HiddenFields(page, "/book/details");
        foreach (var (key, value) in BookingVisitor.Details(name: "Sana Mirza", phone: "0300 7654321", email: "sana.switch@example.test"))
        {
            typed[key] = value;
        }

        // Six switches of the form, back and forth (twice the booking budget), and three of the site-wide switch.
        for (var i = 0; i < 6; i++)
        {
            var to = i % 2 == 0 ? "/ur" : "";
            using var switched = await client.PostAsync(to + "/book/details/language", typed);
            Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
            var html = await switched.Content.ReadAsStringAsync();
            Assert.Contains(i % 2 == 0 ? "<html lang=\"ur\"" : "<html lang=\"en\"", html, StringComparison.Ordinal);
            Assert.Contains("value=\"Sana Mirza\"", html, StringComparison.Ordinal);
            Assert.Contains("value=\"0300 7654321\"", html, StringComparison.Ordinal);
            var hidden = HtmlForms.HiddenFields(html, to + "/book/details");
            foreach (var (key, value) in hidden)
            {
                typed[key] = value;
            }
        }

        for (var i = 0; i < 3; i++)
        {
            using var header = await client.GetAsync($"/language?to={(i % 2 == 0 ? "ur" : "en")}&return=%2Fbook");
            Assert.Equal(HttpStatusCode.Redirect, header.StatusCode);
        }

        // The English form, reviewed and confirmed: two booking posts, both within the budget.
        using var reviewed = await client.PostAsync("/book/details", typed);
        Assert.Equal(HttpStatusCode.OK, reviewed.StatusCode);
        var review = await reviewed.Content.ReadAsStringAsync();
        Assert.Contains("action=\"/book/confirm\"", review, StringComparison.Ordinal);
        using var confirmed = await visitor.ConfirmAsync(review);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(1, await _site.WithDbAsync(db => db.Patients.CountAsync(p => p.FullName == "Sana Mirza")));

        // The budget itself still holds: one more booking post is allowed, the next is refused.
        using var third = await client.PostAsync("/book/details", typed);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, third.StatusCode);
        using var fourth = await client.PostAsync("/book/details", typed);
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
    }
}
