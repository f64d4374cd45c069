using DynamicClinic.Domain.Messaging;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Features.Messages;
using DynamicClinic.Web.Infrastructure.Messaging;

namespace DynamicClinic.UnitTests.Messages;

public class ContactChannelsTests
{
    private static readonly HashSet<ContactChannel> All = [ContactChannel.WhatsApp, ContactChannel.Sms, ContactChannel.Email];

    private static Patient Patient(string phone = "+923001234567", string? email = "a@example.com", ContactChannel? preferred = null, DateTime? stopped = null) =>
        new() { FullName = "A", PhoneE164 = phone, Email = email, PreferredChannel = preferred, TextOptOutUtc = stopped };

    [Fact]
    public void APakistaniMobileDefaultsToWhatsAppAndFallsBackToSmsThenEmail() =>
        Assert.Equal([ContactChannel.WhatsApp, ContactChannel.Sms, ContactChannel.Email], ContactChannels.Chain(Patient(), All));

    [Fact]
    public void AForeignMobileDefaultsToSms() =>
        Assert.Equal(ContactChannel.Sms, ContactChannels.Preferred(Patient(phone: "+447700900123")));

    [Fact]
    public void StopLeavesOnlyEmailAndWithoutEmailNoReminders()
    {
        var stopped = new DateTime(2026, 11, 27, 5, 0, 0, DateTimeKind.Utc);
        Assert.Equal([ContactChannel.Email], ContactChannels.Chain(Patient(stopped: stopped), All));
        Assert.Empty(ContactChannels.Chain(Patient(email: null, stopped: stopped), All));
    }

    [Fact]
    public void ChannelsTheClinicHasNotSwitchedOnAreSkipped() =>
        Assert.Equal([ContactChannel.Email], ContactChannels.Chain(Patient(preferred: ContactChannel.Sms), new HashSet<ContactChannel> { ContactChannel.Email }));
}

public class PatientReplyTests
{
    [Theory]
    [InlineData("1", PatientReplyKind.Confirm)]
    [InlineData(" confirm. ", PatientReplyKind.Confirm)]
    [InlineData("2", PatientReplyKind.Cancel)]
    [InlineData("3", PatientReplyKind.CallMe)]
    [InlineData("Call me", PatientReplyKind.CallMe)]
    [InlineData("STOP", PatientReplyKind.Stop)]
    [InlineData("start", PatientReplyKind.Start)]
    [InlineData("1 but I may be late", PatientReplyKind.Other)]
    [InlineData("", PatientReplyKind.Other)]
    public void ReadsOnlyTheWholeMessage(string text, PatientReplyKind kind) => Assert.Equal(kind, PatientReply.Read(text));

    [Fact]
    public void ButtonPayloadsAndNumberedAnswersCarryTheReference()
    {
        Assert.Equal((PatientReplyKind.Cancel, "DC-7K3M9Q"), PatientReply.ReadWithReference("CANCEL|DC-7K3M9Q"));
        Assert.Equal((PatientReplyKind.Confirm, "DC-7K3M9Q"), PatientReply.ReadWithReference("1 dc-7k3m9q"));
        Assert.Equal((PatientReplyKind.Other, null), PatientReply.ReadWithReference("1 tomorrow please"));
    }
}

public class SmsSegmentsTests
{
    [Theory]
    [InlineData(160, false, 1)]
    [InlineData(161, false, 2)]
    [InlineData(306, false, 2)]
    [InlineData(307, false, 3)]
    public void GsmTextCounts160ThenParts0f153(int length, bool unicode, int segments)
    {
        var count = SmsSegments.Of(new string('a', length));
        Assert.Equal((unicode, segments), (count.Unicode, count.Segments));
    }

    [Fact]
    public void ExtensionCharactersTakeTwo() => Assert.Equal(2, SmsSegments.Of(new string('€', 81)).Segments);

    [Fact]
    public void UrduIsUcs2With70ThenPartsOf67()
    {
        Assert.Equal((true, 1), (SmsSegments.Of(new string('ب', 70)).Unicode, SmsSegments.Of(new string('ب', 70)).Segments));
        Assert.Equal(2, SmsSegments.Of(new string('ب', 71)).Segments);
        Assert.Equal(3, SmsSegments.Of(new string('ب', 135)).Segments);
    }
}

public class DeliveryStatesTests
{
    [Theory]
    [InlineData(null, DeliveryStates.Sent, true)]
    [InlineData(DeliveryStates.Sent, DeliveryStates.Delivered, true)]
    [InlineData(DeliveryStates.Delivered, DeliveryStates.Read, true)]
    [InlineData(DeliveryStates.Read, DeliveryStates.Delivered, false)]
    [InlineData(DeliveryStates.Read, DeliveryStates.Read, false)]
    [InlineData(DeliveryStates.Sent, DeliveryStates.Failed, true)]
    [InlineData(DeliveryStates.Read, DeliveryStates.Failed, false)]
    public void StatesOnlyMoveForward(string? current, string reported, bool advances) =>
        Assert.Equal(advances, DeliveryStates.Advances(current, reported));
}

public class TextTemplatesTests
{
    private static readonly List<string> Parameters = ["Dynamic Clinic", "Mon 30 Nov 2026", "10:30", "DC-7K3M9Q"];

    [Fact]
    public void EveryTemplateHasEnglishAndUrduWordsWithItsParameters()
    {
        foreach (var name in TextTemplates.Names)
        {
            var parameters = name == TextTemplates.Course ? ["Dynamic Clinic", "3", "Mon 30 Nov 2026", "10:30", "DC-7K3M9Q"] : Parameters;
            var english = TextTemplates.Render(name, TextTemplates.English, parameters, ContactChannel.WhatsApp);
            var urdu = TextTemplates.Render(name, TextTemplates.Urdu, parameters, ContactChannel.WhatsApp);
            Assert.StartsWith("Dynamic Clinic", english, StringComparison.Ordinal);
            Assert.NotEqual(english, urdu);
            Assert.Contains(urdu, c => c is >= '\u0600' and <= '\u06FF');
            Assert.True(SmsSegments.Of(urdu).Unicode);
        }
    }

    [Fact]
    public void OnlyTheSmsReminderSaysWhichNumberToReply()
    {
        Assert.Contains("Reply 1 to confirm", TextTemplates.Render(TextTemplates.Reminder, "en", Parameters, ContactChannel.Sms), StringComparison.Ordinal);
        Assert.DoesNotContain("Reply 1", TextTemplates.Render(TextTemplates.Reminder, "en", Parameters, ContactChannel.WhatsApp), StringComparison.Ordinal);
    }

    [Fact]
    public void TheTreatmentIsNamedOnlyByTheTreatmentTemplates()
    {
        var named = TextTemplates.Render(TextTemplates.Name(TextTemplates.Confirmed, true), "en", [.. Parameters, "PRP"], ContactChannel.Sms);
        Assert.Contains("for PRP", named, StringComparison.Ordinal);
        Assert.DoesNotContain("PRP", TextTemplates.Render(TextTemplates.Confirmed, "en", Parameters, ContactChannel.Sms), StringComparison.Ordinal);
    }
}

public class WebhookSignaturesTests
{
    [Fact]
    public void MetaSignatureIsCheckedOverTheExactBytes()
    {
        var body = "{\"entry\":[]}"u8.ToArray();
        var signature = WebhookSignatures.Meta(body, "secret");
        Assert.True(WebhookSignatures.IsValidMeta(signature, body, "secret"));
        Assert.False(WebhookSignatures.IsValidMeta(signature, "{\"entry\":[] }"u8.ToArray(), "secret"));
        Assert.False(WebhookSignatures.IsValidMeta(signature, body, "other"));
        Assert.False(WebhookSignatures.IsValidMeta("sha256=zz", body, "secret"));
        Assert.False(WebhookSignatures.IsValidMeta(null, body, "secret"));
    }

    [Fact]
    public void TwilioSignatureMatchesTwiliosDocumentedExample()
    {
        // From Twilio's "Webhooks security" documentation.
        var form = new Dictionary<string, string>
        {
            ["CallSid"] = "CA1234567890ABCDE",
            ["Caller"] = "+12349013030",
            ["Digits"] = "1234",
            ["From"] = "+12349013030",
            ["To"] = "+18005551212",
        };
        var signature = WebhookSignatures.Twilio("https://mycompany.com/myapp.php?foo=1&bar=2", form, "12345");
        Assert.Equal("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", signature);
        Assert.True(WebhookSignatures.IsValidTwilio(signature, "https://mycompany.com/myapp.php?foo=1&bar=2", form, "12345"));
    }
}
