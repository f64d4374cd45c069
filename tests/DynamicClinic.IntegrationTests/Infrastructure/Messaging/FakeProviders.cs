using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DynamicClinic.IntegrationTests.Infrastructure.Messaging;

/// <summary>
/// WhatsApp Cloud API and Twilio on one small Kestrel host on 127.0.0.1. Every request is checked against the
/// documented shape (path, auth header, fields, template parameters); a request that breaks it is answered 400 and
/// listed in <see cref="Problems"/>. Tests script failures per number: 429 with Retry-After, 500, a timeout, or
/// WhatsApp's permanent "not a WhatsApp user" (error 131026).
/// </summary>
public sealed class FakeProviders : IAsyncDisposable
{
    public const string PhoneNumberId = "1098765432";
    public const string AccessToken = "test-whatsapp-token";
    public const string AccountSid = "AC00000000000000000000000000000001";
    public const string AuthToken = "test-twilio-token";
    public const string SmsFrom = "+15005550006";
    public const string ApiVersion = "v21.0";

    private readonly WebApplication _app;
    private int _ids;

    public FakeProviders()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/{version}/{phoneNumberId}/messages", WhatsAppAsync);
        _app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", TwilioAsync);
    }

    public enum Failure
    {
        None,
        TooManyRequests,
        ServerError,
        Timeout,
        NotWhatsAppUser,
        InvalidSmsNumber,
    }

    public sealed record Sent(string Provider, string To, string? Template, string? Language, IReadOnlyList<string> Parameters, IReadOnlyList<string> ButtonPayloads, string? Text, string Id);

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<Sent> Messages { get; } = new();

    public ConcurrentQueue<string> Problems { get; } = new();

    /// <summary>How many requests were answered with a scripted failure.</summary>
    public int FailuresPlayed => _failuresPlayed;

    private int _failuresPlayed;

    /// <summary>Per number (E.164 digits without "+"): failures to play, one per request, before answering normally.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<Failure>> Script { get; } = new();

    /// <summary>A failure played on every request for the number, for good.</summary>
    public ConcurrentDictionary<string, Failure> Always { get; } = new();

    public TimeSpan Delay { get; set; }

    public void Fail(string toE164, params Failure[] failures) =>
        Script[toE164.TrimStart('+')] = new ConcurrentQueue<Failure>(failures);

    public async Task StartAsync()
    {
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address);
    }

    public IEnumerable<(string Key, string Value)> Settings(bool whatsApp = true, bool sms = true)
    {
        if (whatsApp)
        {
            yield return ("Messaging:WhatsApp:Enabled", "true");
            yield return ("Messaging:WhatsApp:BaseUrl", BaseUrl.ToString());
            yield return ("Messaging:WhatsApp:ApiVersion", ApiVersion);
            yield return ("Messaging:WhatsApp:PhoneNumberId", PhoneNumberId);
            yield return ("Messaging:WhatsApp:AccessToken", AccessToken);
            yield return ("Messaging:WhatsApp:AppSecret", MessagingAppFactory.AppSecret);
            yield return ("Messaging:WhatsApp:VerifyToken", MessagingAppFactory.VerifyToken);
        }

        if (sms)
        {
            yield return ("Messaging:Sms:Enabled", "true");
            yield return ("Messaging:Sms:BaseUrl", BaseUrl.ToString());
            yield return ("Messaging:Sms:AccountSid", AccountSid);
            yield return ("Messaging:Sms:AuthToken", AuthToken);
            yield return ("Messaging:Sms:From", SmsFrom);
            yield return ("Messaging:Sms:StatusCallbackUrl", MessagingAppFactory.TwilioStatusUrl);
            yield return ("Messaging:Sms:InboundUrl", MessagingAppFactory.TwilioInboundUrl);
        }
    }

    private async Task<IResult> WhatsAppAsync(HttpContext context, string version, string phoneNumberId)
    {
        var problems = new List<string>();
        Check(problems, version == ApiVersion, $"API version {version}");
        Check(problems, phoneNumberId == PhoneNumberId, "phone number id");
        Check(problems, context.Request.Headers.Authorization.ToString() == $"Bearer {AccessToken}", "bearer token");
        Check(problems, context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true, "content type");
        var json = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!;
        Check(problems, (string?)json["messaging_product"] == "whatsapp", "messaging_product");
        var to = (string?)json["to"] ?? "";
        Check(problems, to.Length >= 10 && to.All(char.IsAsciiDigit), "to is digits without +");
        var type = (string?)json["type"];
        string? template = null, language = null, text = null;
        var parameters = new List<string>();
        var buttons = new List<string>();
        if (type == "template")
        {
            template = (string?)json["template"]?["name"];
            language = (string?)json["template"]?["language"]?["code"];
            Check(problems, template is { Length: > 0 }, "template name");
            Check(problems, language is "en" or "ur", "template language");
            foreach (var component in json["template"]?["components"]?.AsArray() ?? [])
            {
                if ((string?)component!["type"] == "body")
                {
                    foreach (var p in component["parameters"]!.AsArray())
                    {
                        Check(problems, (string?)p!["type"] == "text" && ((string?)p["text"])?.Length > 0, "body parameter is non-empty text");
                        parameters.Add((string?)p["text"] ?? "");
                    }
                }
                else if ((string?)component["type"] == "button")
                {
                    Check(problems, (string?)component["sub_type"] == "quick_reply", "button sub_type");
                    buttons.Add((string?)component["parameters"]?[0]?["payload"] ?? "");
                }
            }

            var expected = template?.EndsWith("_treatment", StringComparison.Ordinal) == true ? 1 : 0;
            expected += template?.StartsWith("course_booked", StringComparison.Ordinal) == true ? 5 : template?.StartsWith("clinic_reply", StringComparison.Ordinal) == true ? 1 : 4;
            Check(problems, parameters.Count == expected, $"{expected} body parameters for {template}, got {parameters.Count}");
        }
        else
        {
            Check(problems, type == "text", "type template or text");
            text = (string?)json["text"]?["body"];
            Check(problems, text is { Length: > 0 }, "text body");
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                Problems.Enqueue("WhatsApp: " + problem);
            }

            return Results.Json(new { error = new { message = "Invalid parameter", type = "OAuthException", code = 100 } }, statusCode: 400);
        }

        if (await PlayAsync(to, context) is { } failure)
        {
            return failure switch
            {
                Failure.NotWhatsAppUser => Results.Json(new { error = new { message = "Message undeliverable", type = "OAuthException", code = 131026 } }, statusCode: 400),
                Failure.TooManyRequests => TooMany(context, new { error = new { message = "Rate limit hit", code = 130429 } }),
                _ => Results.Json(new { error = new { message = "Service temporarily unavailable", code = 2 } }, statusCode: 503),
            };
        }

        var id = $"wamid.fake{Interlocked.Increment(ref _ids)}";
        Messages.Enqueue(new Sent("WhatsApp", "+" + to, template, language, parameters, buttons, text, id));
        return Results.Json(new { messaging_product = "whatsapp", contacts = new[] { new { input = to, wa_id = to } }, messages = new[] { new { id } } });
    }

    private async Task<IResult> TwilioAsync(HttpContext context, string sid)
    {
        var problems = new List<string>();
        Check(problems, sid == AccountSid, "account sid in path");
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
        Check(problems, context.Request.Headers.Authorization.ToString() == $"Basic {basic}", "basic auth");
        Check(problems, context.Request.HasFormContentType, "form content");
        var form = await context.Request.ReadFormAsync();
        var to = form["To"].ToString();
        Check(problems, to.StartsWith('+') && to.Length >= 11, "To in E.164");
        Check(problems, form["From"] == SmsFrom, "From");
        Check(problems, form["Body"].ToString().Length is > 0 and <= 1600, "Body");
        Check(problems, form["StatusCallback"] == MessagingAppFactory.TwilioStatusUrl, "StatusCallback");
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                Problems.Enqueue("Twilio: " + problem);
            }

            return Results.Json(new { code = 21000, message = "Bad request", status = 400 }, statusCode: 400);
        }

        if (await PlayAsync(to.TrimStart('+'), context) is { } failure)
        {
            return failure switch
            {
                Failure.InvalidSmsNumber or Failure.NotWhatsAppUser => Results.Json(new { code = 21211, message = "Invalid 'To' Phone Number", status = 400 }, statusCode: 400),
                Failure.TooManyRequests => TooMany(context, new { code = 20429, message = "Too Many Requests", status = 429 }),
                _ => Results.Json(new { code = 20500, message = "Internal Server Error", status = 500 }, statusCode: 500),
            };
        }

        var id = $"SM{Interlocked.Increment(ref _ids):D32}";
        Messages.Enqueue(new Sent("Twilio", to, null, null, [], [], form["Body"].ToString(), id));
        return Results.Json(new { sid = id, status = "queued" }, statusCode: 201);
    }

    private async Task<Failure?> PlayAsync(string toDigits, HttpContext context)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }

        var failure = Always.TryGetValue(toDigits, out var always) ? always
            : Script.TryGetValue(toDigits, out var queue) && queue.TryDequeue(out var next) ? next
            : Failure.None;
        if (failure == Failure.None)
        {
            return null;
        }

        Interlocked.Increment(ref _failuresPlayed);
        if (failure == Failure.Timeout)
        {
            // Longer than the site's timeout: it gives up and retries later.
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        return failure;
    }

    private static IResult TooMany(HttpContext context, object body)
    {
        context.Response.Headers.RetryAfter = "120";
        return Results.Json(body, statusCode: 429);
    }

    private static void Check(List<string> problems, bool ok, string what)
    {
        if (!ok)
        {
            problems.Add(what);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
