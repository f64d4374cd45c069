using System.Globalization;
using DynamicClinic.Data.Outbox;
using MimeKit;

namespace DynamicClinic.Web.Infrastructure.Email;

/// <summary>Turns a stored <see cref="OutboxMessage"/> into the MIME message a transport sends.</summary>
public static class OutboxMessageMapper
{
    /// <exception cref="ParseException">The stored recipient address is not a valid address (sending can never succeed).</exception>
    public static MimeMessage ToMimeMessage(OutboxMessage source, MailboxAddress from)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(from);

        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(new MailboxAddress(source.ToName, MailboxAddress.Parse(source.ToAddress).Address));
        message.Subject = source.Subject;
        message.Date = new DateTimeOffset(DateTime.SpecifyKind(source.CreatedUtc, DateTimeKind.Utc));
        // The same Message-Id on every try: if a send is ever repeated (an instance died after the server took the
        // message but before it was marked sent), mail systems can recognise the duplicate.
        message.MessageId = string.Create(CultureInfo.InvariantCulture, $"outbox-{source.Id}.{source.CreatedUtc:yyyyMMddHHmmss}@{from.Domain}");
        // Booking emails are automatic: this asks out-of-office responders not to answer them (RFC 3834).
        message.Headers.Add("Auto-Submitted", "auto-generated");

        var body = new BodyBuilder { TextBody = source.TextBody, HtmlBody = source.HtmlBody };
        if (source.AttachmentContent is { Length: > 0 } content && !string.IsNullOrEmpty(source.AttachmentFileName))
        {
            var contentType = ContentType.Parse(source.AttachmentContentType ?? "application/octet-stream");
            body.Attachments.Add(source.AttachmentFileName, content, contentType);
        }

        message.Body = body.ToMessageBody();
        return message;
    }
}
