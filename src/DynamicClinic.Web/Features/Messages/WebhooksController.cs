using System.Text.Json;
using DynamicClinic.Domain.Messaging;
using DynamicClinic.Web.Features.Patients;
using DynamicClinic.Web.Infrastructure.Messaging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Features.Messages;

/// <summary>
/// The providers' callbacks. Every POST must carry the provider's signature over exactly what was sent: a missing or
/// wrong one gets 401 and changes nothing. Bodies over 64 KB are refused, malformed ones get 400, and the endpoints are
/// rate limited (429). No antiforgery token: the signature is what proves the sender.
/// </summary>
[IgnoreAntiforgeryToken]
// Providers get the bare status, not the visitors' error page (which would also read the body a second time).
[SkipStatusCodePages]
[EnableRateLimiting(MessagingRateLimits.WebhookPolicy)]
public sealed class WebhooksController(PatientReplies replies, IOptions<MessagingOptions> options) : Controller
{
    public const int MaxBodyBytes = 64 * 1024;

    private readonly MessagingOptions _options = options.Value;

    /// <summary>Meta's subscription check: echo <c>hub.challenge</c> when the verify token matches.</summary>
    [HttpGet("/webhooks/whatsapp")]
    public IActionResult Verify(
        [FromQuery(Name = "hub.mode")] string? mode, [FromQuery(Name = "hub.verify_token")] string? token, [FromQuery(Name = "hub.challenge")] string? challenge)
    {
        var expected = _options.WhatsApp.VerifyToken;
        if (!_options.WhatsApp.Enabled || string.IsNullOrEmpty(expected) || mode != "subscribe" || challenge is null
            || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(token ?? ""), System.Text.Encoding.UTF8.GetBytes(expected)))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        return Content(challenge, "text/plain");
    }

    [HttpPost("/webhooks/whatsapp")]
    public async Task<IActionResult> WhatsApp(CancellationToken cancellationToken)
    {
        if (!_options.WhatsApp.Enabled)
        {
            return NotFound();
        }

        if (await ReadBodyAsync(cancellationToken) is not { } body)
        {
            return StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (!WebhookSignatures.IsValidMeta(Request.Headers["X-Hub-Signature-256"], body, _options.WhatsApp.AppSecret!))
        {
            return Unauthorized();
        }

        List<WhatsAppEvent> events;
        try
        {
            events = WhatsAppEvent.Read(body);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            return BadRequest();
        }

        foreach (var item in events)
        {
            if (item.Status is { } status)
            {
                await replies.ApplyStatusAsync(item.Id, status, cancellationToken);
            }
            else if (PatientPhone.Normalise("+" + item.From) is { } from)
            {
                await replies.ReceiveAsync(ContactChannel.WhatsApp, item.Id, from, item.Text ?? "", cancellationToken);
            }
        }

        return Ok();
    }

    [HttpPost("/webhooks/twilio/status")]
    public Task<IActionResult> TwilioStatus(CancellationToken cancellationToken) =>
        TwilioAsync(_options.Sms.StatusCallbackUrl, async form =>
        {
            if (form.TryGetValue("MessageSid", out var sid) && form.TryGetValue("MessageStatus", out var status))
            {
                await replies.ApplyStatusAsync(sid, status, cancellationToken);
            }

            return NoContent();
        }, cancellationToken);

    [HttpPost("/webhooks/twilio/inbound")]
    public Task<IActionResult> TwilioInbound(CancellationToken cancellationToken) =>
        TwilioAsync(_options.Sms.InboundUrl, async form =>
        {
            if (form.TryGetValue("MessageSid", out var sid) && form.TryGetValue("From", out var fromRaw) && PatientPhone.Normalise(fromRaw) is { } from)
            {
                await replies.ReceiveAsync(ContactChannel.Sms, sid, from, form.GetValueOrDefault("Body") ?? "", cancellationToken);
            }

            // An empty TwiML answer: the clinic replies through the outbox, not in this response.
            return Content("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>", "text/xml");
        }, cancellationToken);

    private async Task<IActionResult> TwilioAsync(Uri? configuredUrl, Func<Dictionary<string, string>, Task<IActionResult>> handle, CancellationToken cancellationToken)
    {
        if (!_options.Sms.Enabled)
        {
            return NotFound();
        }

        if (await ReadBodyAsync(cancellationToken) is not { } body)
        {
            return StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        Dictionary<string, string> form;
        try
        {
            form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body))
                .ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        }
        catch (ArgumentException)
        {
            return BadRequest();
        }

        // The URL Twilio signed: the public one from configuration (behind a proxy the request's own differs).
        var url = configuredUrl?.ToString() ?? $"{Request.Scheme}://{Request.Host}{Request.PathBase}{Request.Path}{Request.QueryString}";
        if (!WebhookSignatures.IsValidTwilio(Request.Headers["X-Twilio-Signature"], url, form, _options.Sms.AuthToken!))
        {
            return Unauthorized();
        }

        return await handle(form);
    }

    /// <summary>The raw body, or null when it is over <see cref="MaxBodyBytes"/> (the signature covers the exact bytes).</summary>
    private async Task<byte[]?> ReadBodyAsync(CancellationToken cancellationToken)
    {
        if (Request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

/// <summary>One item of a WhatsApp webhook: a status report (<see cref="Status"/> set) or an inbound message.</summary>
public sealed record WhatsAppEvent(string Id, string? Status, string? From, string? Text)
{
    /// <summary>Reads <c>entry[].changes[].value.statuses[]</c> and <c>.messages[]</c> (text, button, interactive replies).</summary>
    public static List<WhatsAppEvent> Read(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var events = new List<WhatsAppEvent>();
        if (!document.RootElement.TryGetProperty("entry", out var entries))
        {
            throw new FormatException("No entry.");
        }

        foreach (var entry in entries.EnumerateArray())
        {
            foreach (var change in entry.GetProperty("changes").EnumerateArray())
            {
                var value = change.GetProperty("value");
                if (value.TryGetProperty("statuses", out var statuses))
                {
                    events.AddRange(statuses.EnumerateArray().Select(s => new WhatsAppEvent(s.GetProperty("id").GetString()!, s.GetProperty("status").GetString(), null, null)));
                }

                if (value.TryGetProperty("messages", out var messages))
                {
                    events.AddRange(messages.EnumerateArray().Select(m => new WhatsAppEvent(m.GetProperty("id").GetString()!, null, m.GetProperty("from").GetString(), TextOf(m))));
                }
            }
        }

        return events;
    }

    private static string? TextOf(JsonElement message) => message.GetProperty("type").GetString() switch
    {
        "text" => message.GetProperty("text").GetProperty("body").GetString(),
        // A template's quick-reply button: its payload names the reply and the appointment.
        "button" => message.GetProperty("button").TryGetProperty("payload", out var payload) ? payload.GetString() : message.GetProperty("button").GetProperty("text").GetString(),
        "interactive" => message.GetProperty("interactive").TryGetProperty("button_reply", out var reply) ? reply.GetProperty("id").GetString() : null,
        _ => "[" + message.GetProperty("type").GetString() + "]",
    };
}
