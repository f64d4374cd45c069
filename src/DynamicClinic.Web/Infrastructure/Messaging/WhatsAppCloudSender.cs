using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DynamicClinic.Domain.Messaging;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Infrastructure.Messaging;

/// <summary>
/// WhatsApp Business Cloud API: <c>POST /{api-version}/{phone-number-id}/messages</c> with the bearer token. Messages
/// the clinic starts are templates registered with Meta (docs/messages.md); the reminder's template has three
/// quick-reply buttons whose payloads name the reply and the appointment's reference. A reception answer inside the
/// 24-hour window goes as plain text.
/// </summary>
public sealed class WhatsAppCloudSender(HttpClient http, IOptions<MessagingOptions> options) : ITextSender
{
    // Meta's error codes that no retry fixes: not a WhatsApp user / undeliverable, re-engagement needed, template
    // missing, paused or with the wrong parameters, recipient not allowed.
    private static readonly HashSet<int> PermanentCodes = [131026, 131047, 131030, 131051, 132000, 132001, 132005, 132007, 132012, 132015, 132016, 100];

    private readonly WhatsAppOptions _options = options.Value.WhatsApp;

    public ContactChannel Channel => ContactChannel.WhatsApp;

    public async Task<string> SendAsync(TextMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var url = new Uri(_options.BaseUrl, $"/{_options.ApiVersion}/{Uri.EscapeDataString(_options.PhoneNumberId!)}/messages");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(Body(message)) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AccessToken);

        using var response = await TextHttp.SendAsync(http, request, "WhatsApp", cancellationToken);
        var json = await TextHttp.ReadJsonAsync(response, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return json?["messages"]?[0]?["id"]?.GetValue<string>()
                ?? throw new TextSendException("WhatsApp answered without a message id", permanent: false);
        }

        var code = json?["error"]?["code"]?.GetValue<int>() ?? 0;
        var status = (int)response.StatusCode;
        var detail = string.Create(CultureInfo.InvariantCulture, $"WhatsApp HTTP {status}, error {code}");
        if (response.StatusCode == HttpStatusCode.TooManyRequests || code is 130429 or 131056 or 4 or 80007)
        {
            throw new TextSendException(detail, permanent: false, TextHttp.RetryAfter(response));
        }

        throw new TextSendException(detail, permanent: status is >= 400 and < 500 && PermanentCodes.Contains(code));
    }

    /// <summary>The documented request body: a template with body parameters (and the reminder's buttons), or plain text.</summary>
    public static JsonObject Body(TextMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var to = message.ToPhoneE164.TrimStart('+');
        if (message.Template == TextTemplates.FreeText)
        {
            return new JsonObject
            {
                ["messaging_product"] = "whatsapp",
                ["recipient_type"] = "individual",
                ["to"] = to,
                ["type"] = "text",
                ["text"] = new JsonObject { ["preview_url"] = false, ["body"] = message.Text },
            };
        }

        var components = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "body",
                ["parameters"] = new JsonArray([.. message.Parameters.Select(p => (JsonNode)new JsonObject { ["type"] = "text", ["text"] = p })]),
            },
        };
        if (TextTemplates.HasReplyButtons(message.Template))
        {
            var reference = TextTemplates.ReferenceOf(message.Template, message.Parameters);
            string[] payloads = [PatientReply.ConfirmPayload, PatientReply.CancelPayload, PatientReply.CallMePayload];
            foreach (var (payload, index) in payloads.Select((p, i) => (p, i)))
            {
                components.Add(new JsonObject
                {
                    ["type"] = "button",
                    ["sub_type"] = "quick_reply",
                    ["index"] = index.ToString(CultureInfo.InvariantCulture),
                    ["parameters"] = new JsonArray(new JsonObject { ["type"] = "payload", ["payload"] = $"{payload}|{reference}" }),
                });
            }
        }

        return new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["recipient_type"] = "individual",
            ["to"] = to,
            ["type"] = "template",
            ["template"] = new JsonObject
            {
                ["name"] = message.Template,
                ["language"] = new JsonObject { ["code"] = message.Language },
                ["components"] = components,
            },
        };
    }
}

/// <summary>What both HTTP senders share: timeouts and network errors as retryable failures, Retry-After, JSON errors.</summary>
internal static class TextHttp
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, string provider, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TextSendException($"{provider} did not answer in time", permanent: false, inner: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new TextSendException($"{provider} unreachable ({ex.HttpRequestError})", permanent: false, inner: ex);
        }
    }

    public static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => null,
        };
}
