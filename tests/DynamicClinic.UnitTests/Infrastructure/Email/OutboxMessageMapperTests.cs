using System.Text;
using DynamicClinic.Data.Outbox;
using DynamicClinic.Web.Infrastructure.Email;
using MimeKit;

namespace DynamicClinic.UnitTests.Infrastructure.Email;

public class OutboxMessageMapperTests
{
    private static readonly MailboxAddress From = new("Dynamic Clinic", "appointments@dynamicclinic.example");

    [Fact]
    public void MapsTextHtmlAndTheCalendarAttachmentWithItsMethod()
    {
        var source = TestBookings.Emails().BookingConfirmed(TestBookings.Model());
        source.Id = 7;
        source.CreatedUtc = TestBookings.Now.UtcDateTime;

        var message = OutboxMessageMapper.ToMimeMessage(source, From);

        Assert.Equal("appointments@dynamicclinic.example", Assert.Single(message.From.Mailboxes).Address);
        var to = Assert.Single(message.To.Mailboxes);
        Assert.Equal("ayesha@example.com", to.Address);
        Assert.Equal("Ayesha Khan", to.Name);
        Assert.Equal(source.Subject, message.Subject);
        Assert.Equal("outbox-7.20261127050000@dynamicclinic.example", message.MessageId);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        Assert.Equal(source.TextBody, message.TextBody);
        Assert.Equal(source.HtmlBody, message.HtmlBody);
        var attachment = Assert.IsType<TextPart>(Assert.Single(message.Attachments));
        Assert.Equal("appointment.ics", attachment.FileName);
        Assert.True(attachment.ContentType.IsMimeType("text", "calendar"));
        Assert.Equal("REQUEST", attachment.ContentType.Parameters["method"]);
        Assert.Contains("BEGIN:VCALENDAR", attachment.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainTextOnlyMessageHasNoAlternativeOrAttachment()
    {
        var source = new OutboxMessage { Kind = "Test", ToAddress = "a@example.com", Subject = "Hello", TextBody = "Body" };

        var message = OutboxMessageMapper.ToMimeMessage(source, From);

        var body = Assert.IsType<TextPart>(message.Body);
        Assert.True(body.IsPlain);
        Assert.Equal("Body", body.Text);
        Assert.Empty(message.Attachments);
    }

    [Fact]
    public void InvalidRecipientThrowsParseException()
    {
        var source = new OutboxMessage { Kind = "Test", ToAddress = "not an address", Subject = "Hello", TextBody = "Body" };

        Assert.ThrowsAny<ParseException>(() => OutboxMessageMapper.ToMimeMessage(source, From));
    }

    [Fact]
    public void NonAsciiContentSurvivesTheRoundTrip()
    {
        var source = new OutboxMessage { Kind = "Test", ToAddress = "a@example.com", ToName = "عائشہ", Subject = "Über", TextBody = "Café" };
        var message = OutboxMessageMapper.ToMimeMessage(source, From);
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        stream.Position = 0;

        var parsed = MimeMessage.Load(stream);

        Assert.Equal("Über", parsed.Subject);
        Assert.Equal("عائشہ", Assert.Single(parsed.To.Mailboxes).Name);
        var body = Assert.IsType<TextPart>(parsed.Body);
        Assert.Equal("Café", body.Text.TrimEnd());
        Assert.Equal(Encoding.UTF8.WebName, body.ContentType.Charset, ignoreCase: true);
    }
}
