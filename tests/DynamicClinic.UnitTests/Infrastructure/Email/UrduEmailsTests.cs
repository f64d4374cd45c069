using System.Text.RegularExpressions;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Infrastructure.Email;

namespace DynamicClinic.UnitTests.Infrastructure.Email;

/// <summary>Every booking email in Urdu: Urdu words, right to left, references and phone numbers isolated left to right.</summary>
public partial class UrduEmailsTests
{
    private static readonly BookingEmails Emails = TestBookings.Emails();

    private static BookingEmailModel Urdu(string? manageUrl = "https://clinic.example/ur/booking/DC-7K3M9Q?token=abc123") =>
        TestBookings.Model("محمد علی", manageUrl) with { Language = PatientLanguage.Urdu };

    public static TheoryData<string> Kinds() => new() { "Confirmed", "Moved", "Cancelled", "Reminder", "Course" };

    private static Data.Outbox.OutboxMessage Write(string kind, BookingEmailModel model) => kind switch
    {
        "Confirmed" => Emails.BookingConfirmed(model),
        "Moved" => Emails.BookingRescheduled(model, TestBookings.StartUtc.AddDays(-1)),
        "Cancelled" => Emails.BookingCancelled(model),
        "Reminder" => Emails.Reminder(model),
        "Course" => Emails.CourseBooked([model, model with { Reference = "DC-9QWE3R", StartUtc = model.StartUtc.AddDays(14), EndUtc = model.EndUtc.AddDays(14) }]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EachEmailIsInUrduRightToLeftWithItsReferenceIsolated(string kind)
    {
        var message = Write(kind, Urdu());

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"ur\" dir=\"rtl\">", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<body dir=\"rtl\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith("محترم محمد علی،", message.TextBody, StringComparison.Ordinal);
        // Urdu day and month names (Tuesday 1 December 2026) with Western digits; no English words around them.
        Assert.Contains("منگل 1 دسمبر 2026", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Dear", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("December", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("reference", message.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.Matches(UrduLetters(), message.Subject);
        // The reference reads left to right inside the Urdu: an isolate in the text, <bdi dir="ltr"> in the HTML.
        Assert.Contains("\u2066DC-7K3M9Q\u2069", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<bdi dir=\"ltr\">DC-7K3M9Q</bdi>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<bdi dir=\"ltr\">+92 51 000 0000</bdi>", System.Net.WebUtility.HtmlDecode(message.HtmlBody), StringComparison.Ordinal);
        Assert.DoesNotContain("\u2066", message.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EnglishEmailsHaveNoIsolatesAndStayLeftToRight(string kind)
    {
        var message = Write(kind, TestBookings.Model());

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en-GB\">", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("\u2066", message.TextBody + message.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("<bdi", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotMatch(UrduLetters(), message.TextBody);
    }

    [Fact]
    public void TheUrduConfirmationCarriesTheUrduManageLinkAndAnUrduCalendarEntry()
    {
        var message = Emails.BookingConfirmed(Urdu());

        Assert.Contains("https://clinic.example/ur/booking/DC-7K3M9Q?token=abc123", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://clinic.example/ur/booking/DC-7K3M9Q?token=abc123\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(">اپنی ملاقات بدلیں یا منسوخ کریں</a>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("10:30", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("(پاکستانی وقت)", message.TextBody, StringComparison.Ordinal);
        var invite = System.Text.Encoding.UTF8.GetString(message.AttachmentContent!);
        var calendar = Ical.Net.Calendar.Load(invite)!;
        Assert.Equal("Dynamic Clinic میں ملاقات", Assert.Single(calendar.Events).Summary);
    }

    [Fact]
    public void WithoutAManageLinkTheUrduEmailSaysToCallWithTheNumberIsolated()
    {
        var message = Emails.Reminder(Urdu(manageUrl: null));

        Assert.Contains("\u2066+92 51 000 0000\u2069 پر فون کریں", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUrduPatientsNameIsEncodedAsTypedInTheHtml()
    {
        var typed = "مُحَمَّد\u200Cعلی <b>";
        var message = Emails.BookingConfirmed(TestBookings.Model(typed) with { Language = PatientLanguage.Urdu });

        Assert.Contains(typed, message.TextBody, StringComparison.Ordinal);
        Assert.Equal(typed, message.ToName);
        Assert.DoesNotContain("<b>", message.HtmlBody, StringComparison.Ordinal);
    }

    [GeneratedRegex("[\u0600-\u06FF]")]
    private static partial Regex UrduLetters();
}
