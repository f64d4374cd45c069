using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DynamicClinic.Domain.Messaging;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Infrastructure.Messaging;

/// <summary>
/// SMS through Twilio's Messaging REST API: <c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c>, form-encoded,
/// HTTP basic auth with the account SID and auth token, asking for status callbacks at
/// <see cref="SmsOptions.StatusCallbackUrl"/>. SMS has no templates: the text goes as it is.
/// </summary>
public sealed class TwilioSmsSender(HttpClient http, IOptions<MessagingOptions> options) : ITextSender
{
    // Twilio's errors that no retry fixes: invalid or non-mobile number, unsubscribed (the patient sent STOP to
    // Twilio), blocked, unreachable country.
    private static readonly HashSet<int> PermanentCodes = [21211, 21408, 21610, 21612, 21614, 21617, 21635, 30003, 30005, 30006];

    private readonly SmsOptions _options = options.Value.Sms;

    public ContactChannel Channel => ContactChannel.Sms;

    public async Task<string> SendAsync(TextMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var url = new Uri(_options.BaseUrl, $"/2010-04-01/Accounts/{Uri.EscapeDataString(_options.AccountSid!)}/Messages.json");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(Form(message)) };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.AccountSid}:{_options.AuthToken}")));

        using var response = await TextHttp.SendAsync(http, request, "Twilio", cancellationToken);
        var json = await TextHttp.ReadJsonAsync(response, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return json?["sid"]?.GetValue<string>() ?? throw new TextSendException("Twilio answered without a message sid", permanent: false);
        }

        var code = json?["code"]?.GetValue<int>() ?? 0;
        var status = (int)response.StatusCode;
        var detail = string.Create(CultureInfo.InvariantCulture, $"Twilio HTTP {status}, error {code}");
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new TextSendException(detail, permanent: false, TextHttp.RetryAfter(response));
        }

        throw new TextSendException(detail, permanent: status is >= 400 and < 500 && PermanentCodes.Contains(code));
    }

    private List<KeyValuePair<string, string>> Form(TextMessage message)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("To", message.ToPhoneE164),
            new(_options.From!.StartsWith("MG", StringComparison.Ordinal) ? "MessagingServiceSid" : "From", _options.From),
            new("Body", message.Text),
        };
        if (_options.StatusCallbackUrl is { } callback)
        {
            form.Add(new("StatusCallback", callback.ToString()));
        }

        return form;
    }
}
