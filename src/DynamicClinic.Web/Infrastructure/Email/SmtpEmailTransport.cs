using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DynamicClinic.Web.Infrastructure.Email;

/// <summary>
/// Sends through an SMTP server with MailKit: one connection per message (a clinic sends a few hundred a day, and a
/// fresh connection never trips over a half-closed one), each step bounded by <see cref="SmtpOptions.TimeoutSeconds"/>.
/// </summary>
public sealed class SmtpEmailTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    private readonly SmtpOptions _smtp = options.Value.Smtp;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(_smtp.TimeoutSeconds).TotalMilliseconds };
        var host = _smtp.Host ?? throw new InvalidOperationException("Email:Smtp:Host is not set.");
        await client.ConnectAsync(host, _smtp.Port, _smtp.Security, cancellationToken);
        if (!string.IsNullOrEmpty(_smtp.UserName))
        {
            await client.AuthenticateAsync(_smtp.UserName, _smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        // The message is accepted once SendAsync returns; a failed QUIT must not make the outbox send it again.
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or TimeoutException or OperationCanceledException)
        {
            // Nothing to do: the connection is dropped when the client is disposed.
        }
    }
}
