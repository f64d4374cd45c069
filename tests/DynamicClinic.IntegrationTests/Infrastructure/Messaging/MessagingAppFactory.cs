using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DynamicClinic.Data;
using DynamicClinic.Data.Outbox;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Clinicians;
using DynamicClinic.Domain.Messaging;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.Treatments;
using DynamicClinic.TestSupport;
using DynamicClinic.Web.Features.Messages;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DynamicClinic.IntegrationTests.Infrastructure.Messaging;

/// <summary>
/// The site with WhatsApp and SMS pointed at <see cref="FakeProviders"/>, a sender polling every 100 ms, and helpers to
/// sign webhooks as Meta and Twilio do. Optionally on another site's database file, to run two instances on one database.
/// </summary>
public sealed class MessagingAppFactory : ClinicAppFactory
{
    public const string AppSecret = "test-meta-app-secret";
    public const string VerifyToken = "test-verify-token";
    public const string TwilioStatusUrl = "https://clinic.example/webhooks/twilio/status";
    public const string TwilioInboundUrl = "https://clinic.example/webhooks/twilio/inbound";

    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal)
    {
        ["Email:PollInterval"] = "00:00:00.100",
        ["Email:ReminderCheckInterval"] = "01:00:00",
        // Generous, so a loaded test machine never turns a slow answer from the fake into a failed attempt; the test of
        // the timeout itself sets 1 s.
        ["Messaging:TimeoutSeconds"] = "10",
    };

    private readonly bool _sharesDatabase;

    public MessagingAppFactory(FakeProviders fake, string? sharedDatabasePath = null, bool whatsApp = true, bool sms = true, params (string Key, string Value)[] settings)
    {
        ArgumentNullException.ThrowIfNull(fake);
        foreach (var (key, value) in fake.Settings(whatsApp, sms).Concat(settings))
        {
            _settings[key] = value;
        }

        if (sharedDatabasePath is not null)
        {
            _settings["Database:ConnectionString"] = $"Data Source={sharedDatabasePath}";
            _sharesDatabase = true;
        }
    }

    protected override bool UseTemplateDatabase => !_sharesDatabase;

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public Task<List<OutboxMessage>> OutboxAsync() =>
        WithDbAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    public Task<List<InboundMessage>> InboundAsync() =>
        WithDbAsync(db => db.InboundMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    public Task<Appointment> AppointmentAsync(int id) =>
        WithDbAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == id));

    public Task<Patient> PatientAsync(int id) =>
        WithDbAsync(db => db.Patients.AsNoTracking().SingleAsync(p => p.Id == id));

    /// <summary>A booked appointment <paramref name="fromNow"/> ahead, for a new patient with these contact details.</summary>
    public Task<Appointment> AddAppointmentAsync(
        string phone, string? email = null, ContactChannel? preferred = null, TimeSpan? fromNow = null, string name = "Test Patient", int? patientId = null,
        PatientLanguage? language = null) =>
        WithDbAsync(async db =>
        {
            var treatment = await db.Treatments.FirstOrDefaultAsync(t => t.Slug == "messages-test") ?? new Treatment { Slug = "messages-test", Name = "Consultation" };
            var clinician = await db.Clinicians.FirstOrDefaultAsync(c => c.DisplayName == "Dr Messages Test") ?? new Clinician { DisplayName = "Dr Messages Test" };
            if (treatment.Id == 0 || clinician.Id == 0)
            {
                db.AddRange(treatment, clinician);
                await db.SaveChangesAsync();
            }

            var now = Clock.GetUtcNow().UtcDateTime;
            var patient = patientId is { } id
                ? await db.Patients.SingleAsync(p => p.Id == id)
                : new Patient { FullName = name, PhoneE164 = phone, Email = email, PreferredChannel = preferred, CreatedUtc = now, PreferredLanguage = language };
            var appointment = RecordedAppointments.Recorded(patient, clinician.Id, treatment.Id, now + (fromNow ?? TimeSpan.FromHours(20)), TimeSpan.FromMinutes(30),
                bookedUtc: now.AddDays(-7));
            db.Appointments.Add(appointment);
            await db.SaveChangesAsync();
            return appointment;
        });

    /// <summary>Posts a WhatsApp webhook body signed with the app secret (or with <paramref name="signature"/> as given).</summary>
    public async Task<HttpResponseMessage> PostWhatsAppAsync(string json, string? signature = "sign")
    {
        using var client = CreateClient();
        var bytes = Encoding.UTF8.GetBytes(json);
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            content.Headers.Add("X-Hub-Signature-256", signature == "sign" ? WebhookSignatures.Meta(bytes, AppSecret) : signature);
        }

        return await client.PostAsync("/webhooks/whatsapp", content);
    }

    /// <summary>Posts a Twilio callback signed over the public URL and the form, as Twilio does.</summary>
    public async Task<HttpResponseMessage> PostTwilioAsync(string path, Dictionary<string, string> form, bool sign = true)
    {
        using var client = CreateClient();
        using var content = new FormUrlEncodedContent(form);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (sign)
        {
            var url = path.EndsWith("status", StringComparison.Ordinal) ? TwilioStatusUrl : TwilioInboundUrl;
            request.Headers.Add("X-Twilio-Signature", WebhookSignatures.Twilio(url, form, FakeProviders.AuthToken));
        }

        return await client.SendAsync(request);
    }

    public static string WhatsAppText(string id, string fromE164, string body) =>
        WhatsAppMessage(id, fromE164, new JsonObject { ["type"] = "text", ["text"] = new JsonObject { ["body"] = body } });

    public static string WhatsAppButton(string id, string fromE164, string payload) =>
        WhatsAppMessage(id, fromE164, new JsonObject
        {
            ["type"] = "button",
            ["context"] = new JsonObject { ["from"] = "15550000000", ["id"] = "wamid.original" },
            ["button"] = new JsonObject { ["text"] = "Confirm", ["payload"] = payload },
        });

    public static string WhatsAppStatus(string messageId, string status) => Envelope(new JsonObject
    {
        ["statuses"] = new JsonArray(new JsonObject { ["id"] = messageId, ["status"] = status, ["timestamp"] = "1764219600", ["recipient_id"] = "923001234567" }),
    });

    private static string WhatsAppMessage(string id, string fromE164, JsonObject message)
    {
        message["from"] = fromE164.TrimStart('+');
        message["id"] = id;
        message["timestamp"] = "1764219600";
        return Envelope(new JsonObject
        {
            ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = "Someone" }, ["wa_id"] = fromE164.TrimStart('+') }),
            ["messages"] = new JsonArray(message),
        });
    }

    private static string Envelope(JsonObject value)
    {
        value["messaging_product"] = "whatsapp";
        value["metadata"] = new JsonObject { ["display_phone_number"] = "15550000000", ["phone_number_id"] = FakeProviders.PhoneNumberId };
        return new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = "1",
                ["changes"] = new JsonArray(new JsonObject { ["field"] = "messages", ["value"] = value }),
            }),
        }.ToJsonString();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
