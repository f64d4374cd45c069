using System.Globalization;
using System.Net;
using DynamicClinic.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Booking;

/// <summary>
/// The words of the Urdu booking pages that do not come from the views' own text: the finished steps, the treatments'
/// names (from the Urdu treatment guides, in the pages and the emails) and the booking core's refusals.
/// </summary>
public class UrduBookingWordsTests
{
    private static readonly DateOnly Thursday = new(2026, 12, 3);

    private static HttpClient Client(ClinicAppFactory site) =>
        site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

    [Fact]
    public async Task FinishedStepsSayDoneInThePagesLanguage()
    {
        await using var site = new ClinicAppFactory();
        await site.SeedDemoDataAsync();
        using var client = Client(site);
        var slot = (await new BookingVisitor(client).SlotsAsync("mesotherapy", "any", Thursday, Thursday))[0];
        var query = $"?treatment=mesotherapy&clinician=any&slot={Uri.EscapeDataString(slot.Slot)}";

        var urdu = await client.GetStringAsync("/ur/book/details" + query);
        var english = await client.GetStringAsync("/book/details" + query);

        Assert.Contains("<li class=\"booking-steps__done\">علاج (مکمل)</li>", urdu, StringComparison.Ordinal);
        Assert.Contains("<li class=\"booking-steps__done\">وقت (مکمل)</li>", urdu, StringComparison.Ordinal);
        Assert.DoesNotContain("(done)", urdu, StringComparison.Ordinal);
        Assert.Contains("<li class=\"booking-steps__done\">Treatment (done)</li>", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TreatmentsAreNamedInUrduThroughTheFlowAndInTheUrduConfirmation()
    {
        await using var site = new ClinicAppFactory();
        await site.SeedDemoDataAsync();
        using var client = Client(site);
        var visitor = new BookingVisitor(client, "/ur");

        var start = await client.GetStringAsync("/ur/book?treatment=mesotherapy");
        Assert.Contains("میسوتھراپی", start, StringComparison.Ordinal);
        Assert.Contains("پی آر پی", start, StringComparison.Ordinal);
        Assert.DoesNotContain(">Mesotherapy<", start, StringComparison.Ordinal);
        var time = await client.GetStringAsync("/ur/book/time?treatment=mesotherapy&clinician=any");
        Assert.Contains("میسوتھراپی", time, StringComparison.Ordinal);
        Assert.DoesNotContain("Mesotherapy", time, StringComparison.Ordinal);
        Assert.Contains("Mesotherapy", await client.GetStringAsync("/book/time?treatment=mesotherapy&clinician=any"), StringComparison.Ordinal);

        var slot = (await visitor.SlotsAsync("mesotherapy", "any", Thursday, Thursday))[0];
        var review = await visitor.ReviewAsync("mesotherapy", slot.Slot, BookingVisitor.Details(name: "زینب بی بی", phone: "0321 5550811", email: "zainab.urdu@example.test"));
        Assert.Contains("میسوتھراپی", review, StringComparison.Ordinal);
        using var confirmed = await visitor.ConfirmAsync(review);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var manage = await client.GetStringAsync(confirmed.Headers.Location!.OriginalString);
        Assert.Contains("میسوتھراپی", manage, StringComparison.Ordinal);
        Assert.DoesNotContain("Mesotherapy", manage, StringComparison.Ordinal);

        var reference = confirmed.Headers.Location!.OriginalString[12..21];
        var email = await site.WithDbAsync(db => db.OutboxMessages.Where(m => m.Appointment!.Reference == reference && m.Kind == "BookingConfirmed").SingleAsync());
        Assert.Contains("میسوتھراپی", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Mesotherapy", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheGeneralConsultationIsNamedAndDescribedInUrduThroughTheFlowTheManagePageAndTheEmail()
    {
        const string UrduName = "بال گرنے پر عمومی مشاورت";
        const string EnglishName = "General hair-loss consultation";
        await using var site = new ClinicAppFactory();
        await site.SeedDemoDataAsync();
        using var client = Client(site);
        var visitor = new BookingVisitor(client, "/ur");

        // Its card on the start page: the Urdu summary, not the clinic's English one.
        var start = await client.GetStringAsync("/ur/book");
        Assert.Contains("ابھی طے نہیں کیا؟ ماہر آپ کے بال گرنے کا معائنہ کرتے ہیں", start, StringComparison.Ordinal);
        Assert.DoesNotContain("Not sure yet? A specialist", start, StringComparison.Ordinal);
        Assert.Contains("Not sure yet? A specialist", await client.GetStringAsync("/book"), StringComparison.Ordinal);
        var time = await client.GetStringAsync("/ur/book/time?treatment=general-consultation&clinician=any");
        Assert.Contains(UrduName, time, StringComparison.Ordinal);
        Assert.DoesNotContain(EnglishName, time, StringComparison.Ordinal);
        Assert.Contains(EnglishName, await client.GetStringAsync("/book/time?treatment=general-consultation&clinician=any"), StringComparison.Ordinal);

        var slot = (await visitor.SlotsAsync("general-consultation", "any", Thursday, Thursday))[0];
        var review = await visitor.ReviewAsync("general-consultation", slot.Slot, BookingVisitor.Details(name: "زینب بی بی", phone: "0321 5550813", email: "zainab.consult@example.test"));
        Assert.Contains(UrduName, review, StringComparison.Ordinal);
        Assert.DoesNotContain(EnglishName, review, StringComparison.Ordinal);
        using var confirmed = await visitor.ConfirmAsync(review);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var manage = await client.GetStringAsync(confirmed.Headers.Location!.OriginalString);
        Assert.Contains(UrduName, manage, StringComparison.Ordinal);
        Assert.DoesNotContain(EnglishName, manage, StringComparison.Ordinal);

        var reference = confirmed.Headers.Location!.OriginalString[12..21];
        var email = await site.WithDbAsync(db => db.OutboxMessages.Where(m => m.Appointment!.Reference == reference && m.Kind == "BookingConfirmed").SingleAsync());
        Assert.Contains(UrduName, email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(EnglishName, email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(EnglishName, email.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBookingCoresRefusalIsShownInUrduOnAnUrduPage()
    {
        await using var site = new ClinicAppFactory();
        await site.SeedDemoDataAsync();
        using var client = Client(site);
        var visitor = new BookingVisitor(client, "/ur");
        var slot = (await visitor.SlotsAsync("mesotherapy", "any", Thursday, Thursday))[0];
        // The same clinician and time of day three weeks earlier: a time already gone by the time it is confirmed.
        var past = $"{slot.ClinicianId}-{slot.Start.UtcDateTime.AddDays(-21).ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture)}";
        var before = await site.WithDbAsync(db => db.Appointments.CountAsync());

        var review = await visitor.ReviewAsync("mesotherapy", past, BookingVisitor.Details(name: "زینب بی بی", phone: "0321 5550812", email: "zainab.past@example.test"));
        using var refused = await visitor.ConfirmAsync(review);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("<p class=\"form-errors\" role=\"alert\">یہ وقت گزر چکا ہے۔ براہِ کرم کوئی اور وقت چنیں۔</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("already passed", html, StringComparison.Ordinal);
        Assert.Equal(before, await site.WithDbAsync(db => db.Appointments.CountAsync()));
    }
}
