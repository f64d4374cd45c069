using DynamicClinic.Domain.Messaging;
using DynamicClinic.Web.Infrastructure.Messaging;

namespace DynamicClinic.UnitTests.Messages;

/// <summary>WhatsApp and SMS texts written for the appointment's language, the date included.</summary>
public class UrduTextTemplatesTests
{
    private static readonly TimeZoneInfo Karachi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi");
    private static readonly DateTime StartUtc = new(2026, 12, 1, 5, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void AnUrduConfirmationHasUrduWordsAndAnUrduDateWithWesternDigits()
    {
        var parameters = TextTemplates.Parameters("Dynamic Clinic", StartUtc, Karachi, "DC-7K3M9Q", null, TextTemplates.Urdu);

        var text = TextTemplates.Render(TextTemplates.Confirmed, TextTemplates.Urdu, parameters, ContactChannel.WhatsApp);

        Assert.Equal("Dynamic Clinic: آپ کی ملاقات منگل 1 دسمبر 2026 کو 10:30 بجے طے ہو گئی ہے۔ حوالہ نمبر DC-7K3M9Q۔", text);
    }

    [Fact]
    public void AnEnglishConfirmationStaysAsItWas()
    {
        var parameters = TextTemplates.Parameters("Dynamic Clinic", StartUtc, Karachi, "DC-7K3M9Q", null);

        var text = TextTemplates.Render(TextTemplates.Confirmed, TextTemplates.English, parameters, ContactChannel.Sms);

        Assert.Equal("Dynamic Clinic: your appointment is booked for Tue 1 Dec 2026 at 10:30 (Pakistan time). Reference DC-7K3M9Q.", text);
    }
}
