using System.Net;
using DynamicClinic.Domain.Messaging;
using DynamicClinic.Domain.Patients;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.IntegrationTests.Infrastructure.Email;
using DynamicClinic.IntegrationTests.Infrastructure.Messaging;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using static DynamicClinic.IntegrationTests.Appointments.ReceptionTestData;

namespace DynamicClinic.IntegrationTests.Booking;

/// <summary>
/// The booking's language, kept with the appointment and the patient, and the messages written in it: emails read from
/// a real SMTP server, texts from the fake WhatsApp and SMS providers. Urdu names stored and shown as typed.
/// </summary>
public class PatientLanguageTests
{
    private static readonly DateOnly Monday = new(2026, 11, 30);

    /// <summary>Reception books a new patient on the phone, in the language asked; returns the reference.</summary>
    private static async Task<string> BookByPhoneAsync(ClinicAppFactory site, string name, string phone, string? email, string language, DateTime startUtc)
    {
        var treatment = await TreatmentIdAsync(site, "general-consultation");
        using var client = await site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);
        var page = await client.GetStringAsync($"/staff/appointments/new?treatment={treatment}&clinician=1&date=2026-11-30");
        Assert.Contains("Patient's language for messages", page, StringComparison.Ordinal);
        var fields = HtmlForms.HiddenFields(page, "/staff/appointments/new");
        fields["Slot"] = Slot(1, startUtc);
        fields["FullName"] = name;
        fields["Phone"] = phone;
        fields["Email"] = email ?? "";
        fields["Source"] = "Phone";
        fields["Language"] = language;
        using var booked = await client.PostAsync("/staff/appointments/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        return booked.Headers.Location!.OriginalString.Split('/').Last();
    }

    // The demo data's own appointments send emails too: the one to this address is the test's.
    private static async Task<MimeKit.MimeMessage> ConfirmationToAsync(SmtpTestServer smtp, string address)
    {
        bool ToIt(MimeKit.MimeMessage m) => m.To.Mailboxes.Any(b => b.Address == address);
        await Eventually.WaitForAsync(() => Task.FromResult(smtp.Messages.Count(ToIt)), n => n == 1, "the confirmation email");
        return smtp.Messages.Single(ToIt);
    }

    [Fact]
    public async Task AnUrduPhoneBookingsConfirmationEmailIsInUrduWithTheUrduManageLink()
    {
        await using var smtp = new SmtpTestServer();
        await smtp.StartAsync();
        await using var site = EmailAppFactory.WithSmtp(smtp.Port);
        await site.SeedDemoDataAsync();

        var reference = await BookByPhoneAsync(site, "محمد علی", "0333 5550801", "ali.urdu@example.test", "Urdu", Utc(11, 30, 10, 0));

        var email = await ConfirmationToAsync(smtp, "ali.urdu@example.test");
        Assert.Contains(reference, email.Subject, StringComparison.Ordinal);
        Assert.Contains("ملاقات طے ہو گئی", email.Subject, StringComparison.Ordinal);
        Assert.StartsWith("محترم محمد علی،", email.TextBody, StringComparison.Ordinal);
        // Monday 30 November 2026 in Urdu, Western digits; the reference isolated left to right.
        Assert.Contains("پیر 30 نومبر 2026", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("\u2066" + reference + "\u2069", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"ur\" dir=\"rtl\">", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"<bdi dir=\"ltr\">{reference}</bdi>", email.HtmlBody, StringComparison.Ordinal);
        Assert.Matches($"https?://[^/]+/ur/booking/{reference}\\?token=", email.TextBody);

        var appointment = await site.WithDbAsync(db => db.Appointments.Include(a => a.Patient).SingleAsync(a => a.Reference == reference));
        Assert.Equal(PatientLanguage.Urdu, appointment.Language);
        Assert.Equal(PatientLanguage.Urdu, appointment.Patient!.PreferredLanguage);
    }

    [Fact]
    public async Task AnEnglishOnlineBookingsEmailStaysEnglishAndTheAppointmentPageSaysWhichLanguage()
    {
        await using var smtp = new SmtpTestServer();
        await smtp.StartAsync();
        await using var site = EmailAppFactory.WithSmtp(smtp.Port);
        await site.SeedDemoDataAsync();
        var visitor = new BookingVisitor(site.CreateClient());
        var slot = (await visitor.SlotsAsync("mesotherapy", "any", Monday.AddDays(1), Monday.AddDays(1)))[0];

        using var confirmed = await visitor.BookAsync("mesotherapy", slot.Slot, BookingVisitor.Details(name: "English Booker", phone: "0321 5550802", email: "english.booker@example.test"));

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var reference = confirmed.Headers.Location!.OriginalString[9..18];
        var email = await ConfirmationToAsync(smtp, "english.booker@example.test");
        Assert.StartsWith("Dear English Booker,", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en-GB\">", email.HtmlBody, StringComparison.Ordinal);
        Assert.Matches($"https?://[^/]+/booking/{reference}\\?token=", email.TextBody);
        Assert.DoesNotContain("/ur/", email.TextBody, StringComparison.Ordinal);
        Assert.Equal(PatientLanguage.English, await site.WithDbAsync(db => db.Appointments.Where(a => a.Reference == reference).Select(a => a.Language).SingleAsync()));

        using var reception = await site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);
        var details = await reception.GetStringAsync($"/staff/appointments/{reference}");
        Assert.Matches("<dt>Messages in</dt>\\s*<dd>English</dd>", details);
    }

    [Theory]
    [InlineData(ContactChannel.WhatsApp)]
    [InlineData(ContactChannel.Sms)]
    public async Task AnUrduBookingsTextMessageIsInUrduAndAnEnglishOnesInEnglish(ContactChannel channel)
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake, whatsApp: channel == ContactChannel.WhatsApp, sms: true);
        await site.SeedDemoDataAsync();

        await BookByPhoneAsync(site, "عائشہ خان", "0333 5550803", null, "Urdu", Utc(11, 30, 10, 0));
        await BookByPhoneAsync(site, "Ayesha Khan", "0333 5550804", null, "English", Utc(11, 30, 11, 0));
        // The demo data's own patients get messages too: these two are picked out by number.
        await Eventually.WaitForAsync(
            () => Task.FromResult(fake.Messages.Count(m => m.To is "+923335550803" or "+923335550804")), n => n == 2, "both confirmations");

        var urdu = fake.Messages.Single(m => m.To == "+923335550803");
        var english = fake.Messages.Single(m => m.To == "+923335550804");
        if (channel == ContactChannel.WhatsApp)
        {
            Assert.Equal("ur", urdu.Language);
            Assert.Contains("پیر 30 نومبر 2026", urdu.Parameters);
            Assert.Equal("en", english.Language);
            Assert.Contains("Mon 30 Nov 2026", english.Parameters);
        }
        else
        {
            Assert.StartsWith("Dynamic Clinic: آپ کی ملاقات پیر 30 نومبر 2026 کو 10:00 بجے طے ہو گئی ہے۔", urdu.Text, StringComparison.Ordinal);
            Assert.StartsWith("Dynamic Clinic: your appointment is booked for Mon 30 Nov 2026 at 11:00", english.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UrduNamesRoundTripExactlyAsTypedAndControlCharactersAreStillRefused()
    {
        await using var site = new ClinicAppFactory();
        await site.SeedDemoDataAsync();
        var visitor = new BookingVisitor(site.CreateClient());
        var slots = await visitor.SlotsAsync("mesotherapy", "any", Monday.AddDays(2), Monday.AddDays(2));
        // Diacritics (zabar, pesh, shadd, zer) and a zero-width non-joiner, as an Urdu keyboard types them.
        const string typed = "مُحَمَّد\u200Cعلی";

        using var refused = await visitor.SubmitDetailsAsync("mesotherapy", slots[0].Slot, BookingVisitor.Details(name: "محمد\u0007علی", phone: "0321 5550805", email: "urdu.name@example.test"));
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"FullName-error\"", refusedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Check and confirm", refusedHtml, StringComparison.Ordinal);

        using var confirmed = await visitor.BookAsync("mesotherapy", slots[0].Slot, BookingVisitor.Details(name: typed, phone: "0321 5550805", email: "urdu.name@example.test"));

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var reference = confirmed.Headers.Location!.OriginalString[9..18];
        Assert.Equal(typed, await site.WithDbAsync(db => db.Appointments.Where(a => a.Reference == reference).Select(a => a.Patient!.FullName).SingleAsync()));
        var manage = await visitor.Client.GetStringAsync(confirmed.Headers.Location!.OriginalString);
        Assert.Contains(reference, manage, StringComparison.Ordinal);
        using var reception = await site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);
        var details = await reception.GetStringAsync($"/staff/appointments/{reference}");
        Assert.Contains(typed, WebUtility.HtmlDecode(details), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOptionalDateOfBirthIsSavedAndOneInTheFutureIsRefusedBesideTheField()
    {
        await using var site = new ClinicAppFactory();
        await site.SeedDemoDataAsync();
        var visitor = new BookingVisitor(site.CreateClient());
        var slot = (await visitor.SlotsAsync("mesotherapy", "any", Monday.AddDays(3), Monday.AddDays(3)))[0];
        var before = await site.WithDbAsync(db => db.Patients.CountAsync());

        var future = BookingVisitor.Details(name: "Born Later", phone: "0321 5550806", email: "born.later@example.test");
        future["DateOfBirth"] = "2027-01-01";
        using var refused = await visitor.SubmitDetailsAsync("mesotherapy", slot.Slot, future);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("<label for=\"DateOfBirth\">Date of birth (optional)</label>", html, StringComparison.Ordinal);
        Assert.Contains("can&#x27;t be in the future", html, StringComparison.Ordinal);
        Assert.Contains("id=\"DateOfBirth-error\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await site.WithDbAsync(db => db.Patients.CountAsync()));

        var given = BookingVisitor.Details(name: "Born Earlier", phone: "0321 5550807", email: "born.earlier@example.test");
        given["DateOfBirth"] = "1988-06-15";
        var review = await visitor.ReviewAsync("mesotherapy", slot.Slot, given);
        Assert.Contains("15 June 1988", review, StringComparison.Ordinal);
        using var confirmed = await visitor.ConfirmAsync(review);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var reference = confirmed.Headers.Location!.OriginalString[9..18];
        Assert.Equal(new DateOnly(1988, 6, 15), await site.WithDbAsync(db => db.Appointments.Where(a => a.Reference == reference).Select(a => a.Patient!.DateOfBirth).SingleAsync()));
    }

    [Fact]
    public async Task TheWholeFlowInUrduBooksAnUrduAppointmentThenManagesAndCancelsItInUrdu()
    {
        await using var site = new ClinicAppFactory();
        await site.SeedDemoDataAsync();
        var client = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var visitor = new BookingVisitor(client, "/ur");

        var start = await client.GetStringAsync("/ur/book");
        Assert.Contains("<html lang=\"ur\" dir=\"rtl\"", start, StringComparison.Ordinal);
        Assert.Contains("<h1>مشاورت کا وقت لیں</h1>", start, StringComparison.Ordinal);
        Assert.Contains("action=\"/ur/book\"", start, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"بکنگ کے مراحل\"", start, StringComparison.Ordinal);
        var time = await client.GetStringAsync("/ur/book/time?treatment=mesotherapy&clinician=any");
        Assert.Contains("تاریخ اور وقت چنیں", time, StringComparison.Ordinal);
        Assert.Contains("href=\"/ur/book/time?treatment=mesotherapy&amp;clinician=any&amp;date=2026-11-30\"", time, StringComparison.Ordinal);
        // Monday 30 November in Urdu day and month names, Western digits.
        Assert.Contains("پیر 30 نومبر", time, StringComparison.Ordinal);
        var slot = (await visitor.SlotsAsync("mesotherapy", "any", Monday.AddDays(4), Monday.AddDays(4)))[0];

        var bad = BookingVisitor.Details(name: "محمد علی", phone: "12345", email: "ali.online@example.test");
        using var refused = await visitor.SubmitDetailsAsync("mesotherapy", slot.Slot, bad);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Contains("<label for=\"Phone\">موبائل نمبر</label>", refusedHtml, StringComparison.Ordinal);
        // The example numbers isolated left to right, so they never come out reversed inside the Urdu.
        Assert.Contains("درست موبائل نمبر لکھیں، جیسے \u20660300 1234567\u2069 یا \u2066+92 300 1234567\u2069۔", WebUtility.HtmlDecode(refusedHtml), StringComparison.Ordinal);
        Assert.Contains("براہِ کرم نیچے نشان زدہ خانے درست کریں۔", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"محمد علی\"", refusedHtml, StringComparison.Ordinal);

        var review = await visitor.ReviewAsync("mesotherapy", slot.Slot, BookingVisitor.Details(name: "محمد علی", phone: "0321 5550808", email: "ali.online@example.test"));
        Assert.Contains("<dt>موبائل</dt><dd><bdi dir=\"ltr\">0321 5550808</bdi></dd>", review, StringComparison.Ordinal);
        using var confirmed = await visitor.ConfirmAsync(review);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var location = confirmed.Headers.Location!.OriginalString;
        Assert.StartsWith("/ur/booking/DC-", location, StringComparison.Ordinal);
        var reference = location[12..21];
        var appointment = await site.WithDbAsync(db => db.Appointments.Include(a => a.Patient).SingleAsync(a => a.Reference == reference));
        Assert.Equal(PatientLanguage.Urdu, appointment.Language);
        Assert.Equal(PatientLanguage.Urdu, appointment.Patient!.PreferredLanguage);
        var email = await site.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.AppointmentId == appointment.Id));
        Assert.Contains("<html lang=\"ur\" dir=\"rtl\">", email.HtmlBody, StringComparison.Ordinal);
        Assert.Matches($"/ur/booking/{reference}\\?token=", email.TextBody);

        var manage = await client.GetStringAsync(location);
        Assert.Contains("<h1>آپ کی مشاورت کا وقت طے ہو گیا ہے</h1>", manage, StringComparison.Ordinal);
        Assert.Contains($"<bdi dir=\"ltr\">{reference}</bdi>", manage, StringComparison.Ordinal);
        Assert.Contains("آپ کی مشاورت کا وقت طے ہو گیا ہے۔", manage, StringComparison.Ordinal);
        var token = location[(location.IndexOf("token=", StringComparison.Ordinal) + 6)..location.IndexOf('&', StringComparison.Ordinal)];
        var cancelPage = await client.GetStringAsync($"/ur/booking/{reference}/cancel?token={token}");
        Assert.Contains("<h1>یہ ملاقات منسوخ کریں؟</h1>", cancelPage, StringComparison.Ordinal);
        var fields = HtmlForms.HiddenFields(cancelPage, $"/ur/booking/{reference}/cancel");
        using var cancelled = await client.PostAsync($"/ur/booking/{reference}/cancel", fields);
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.StartsWith($"/ur/booking/{reference}?token=", cancelled.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var after = await client.GetStringAsync(cancelled.Headers.Location!.OriginalString);
        Assert.Contains("<h1>بکنگ منسوخ ہو گئی</h1>", after, StringComparison.Ordinal);
        Assert.Contains("آپ کی ملاقات منسوخ ہو گئی ہے۔", after, StringComparison.Ordinal);
        var cancellation = await site.WithDbAsync(db => db.OutboxMessages.Where(m => m.AppointmentId == appointment.Id && m.Kind == "BookingCancelled").SingleAsync());
        Assert.Contains("ملاقات منسوخ", cancellation.Subject, StringComparison.Ordinal);
    }
}
