using System.Net;
using DynamicClinic.IntegrationTests.Booking;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Infrastructure.Localization;

/// <summary>
/// The clinic's address and opening hours (its settings, written in English) on Urdu pages: the hours worded in Urdu
/// (day names, ranges, 24-hour times in Western digits) in the footer, the home page's visit section; a line we cannot
/// word stays as written, marked English; the street address keeps its Latin spelling, isolated, on pages and in Urdu
/// emails.
/// </summary>
public class ClinicDetailsInUrduTests
{
    private const string Address = "House 12, Street 5, F-7/2, Islamabad";

    [Fact]
    public async Task TheFooterAndTheHomePageGiveTheOpeningHoursInUrduAndTheAddressIsolated()
    {
        await using var site = new ClinicAppFactory();
        using var client = site.CreateClient();

        var urdu = await client.GetStringAsync("/ur");
        var english = await client.GetStringAsync("/");

        // Twice each on the home page: its visit section and the footer.
        Assert.Equal(2, Count(urdu, "<li>پیر تا ہفتہ: 10:00 تا 19:00</li>"));
        Assert.Equal(2, Count(urdu, "<li>اتوار: بند</li>"));
        Assert.DoesNotContain("Monday", urdu, StringComparison.Ordinal);
        Assert.DoesNotContain("closed", urdu, StringComparison.Ordinal);
        Assert.Equal(2, Count(urdu, "<bdi lang=\"en\">Dynamic Clinic, Islamabad, Pakistan</bdi>"));
        Assert.Equal(2, Count(english, "<li><bdi>Monday to Saturday: 10:00 to 19:00</bdi></li>"));
        Assert.DoesNotContain("پیر تا ہفتہ", english, StringComparison.Ordinal);

        // Every other Urdu page has the footer's hours in Urdu too (the privacy notice, a booking step not cached).
        foreach (var page in new[] { "/ur/privacy", "/ur/treatments/mesotherapy", "/ur/book" })
        {
            Assert.Contains("<li>پیر تا ہفتہ: 10:00 تا 19:00</li>", await client.GetStringAsync(page), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ALineThatCannotBeWordedInUrduStaysAsWrittenMarkedEnglish()
    {
        await using var site = new ClinicAppFactory();
        using var client = site.CreateClient();
        // The first request makes the settings row from configuration; then the admin's own lines.
        (await client.GetAsync("/privacy")).Dispose();
        Assert.Equal(1, await site.WithDbAsync(db => db.ClinicSettings.ExecuteUpdateAsync(s => s
            .SetProperty(x => x.OpeningHours, "Mon-Fri 9am-5pm\nRamadan: 10:00 to 16:00")
            .SetProperty(x => x.Address, Address))));

        // A booking step (never output-cached) reads the settings as they are now.
        var urdu = await client.GetStringAsync("/ur/book");

        Assert.Contains("<li>پیر تا جمعہ 09:00 تا 17:00</li>", urdu, StringComparison.Ordinal);
        Assert.Contains("<li lang=\"en\"><bdi>Ramadan: 10:00 to 16:00</bdi></li>", urdu, StringComparison.Ordinal);
        Assert.Contains($"<bdi lang=\"en\">{WebUtility.HtmlEncode(Address)}</bdi>", urdu, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheManagePageAndTheUrduEmailKeepTheAddressLeftToRightInsideTheUrdu()
    {
        await using var site = new ClinicAppFactory();
        await site.SeedDemoDataAsync();
        using var client = site.CreateClient();
        (await client.GetAsync("/privacy")).Dispose();
        Assert.Equal(1, await site.WithDbAsync(db => db.ClinicSettings.ExecuteUpdateAsync(s => s.SetProperty(x => x.Address, Address))));
        var visitor = new BookingVisitor(client, "/ur");
        var thursday = new DateOnly(2026, 12, 3);
        var slot = (await visitor.SlotsAsync("mesotherapy", "any", thursday, thursday))[0];

        var review = await visitor.ReviewAsync("mesotherapy", slot.Slot, BookingVisitor.Details(name: "زینب بی بی", phone: "0321 5550814", email: "zainab.address@example.test"));
        using var confirmed = await visitor.ConfirmAsync(review);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var manage = await client.GetStringAsync(confirmed.Headers.Location!.OriginalString);
        Assert.Contains($"<dd><bdi lang=\"en\">{WebUtility.HtmlEncode(Address)}</bdi></dd>", manage, StringComparison.Ordinal);

        var reference = confirmed.Headers.Location!.OriginalString[12..21];
        var email = await site.WithDbAsync(db => db.OutboxMessages.Where(m => m.Appointment!.Reference == reference && m.Kind == "BookingConfirmed").SingleAsync());
        var isolated = MessageWords.IsolateStart + Address + MessageWords.IsolateEnd;
        Assert.Equal(2, Count(email.TextBody, isolated));
        Assert.DoesNotContain(Address, email.TextBody.Replace(isolated, "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains($"<bdi dir=\"ltr\">{WebUtility.HtmlEncode(Address)}</bdi>", email.HtmlBody, StringComparison.Ordinal);
    }

    private static int Count(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
