using DynamicClinic.Domain.Messaging;
using DynamicClinic.Web.Infrastructure.Messaging;

namespace DynamicClinic.Web.Features.Admin;

/// <summary>One template in one language, with sample words filled in, as an SMS would carry it.</summary>
public sealed record TemplateSample(string Language, string LanguageName, string Text, int Characters, int Segments, string Encoding);

/// <summary>One registered template (its Meta name) and its samples in English and Urdu.</summary>
public sealed record TemplatePreviewItem(string Name, string Purpose, bool HasReplyButtons, IReadOnlyList<TemplateSample> Samples);

/// <summary>
/// The admin preview of every WhatsApp/SMS template, filled in with a sample appointment, so an admin sees the words
/// patients get and what an SMS costs before registering the templates with Meta. Counted as SMS (the reminder's
/// reply numbers included), since segments are what Twilio charges for.
/// </summary>
public static class TemplatePreview
{
    public const string SampleReference = "DC-7K4M2Q";
    public const string SampleTreatment = "Hair consultation";
    public const string SampleCourseCount = "6";

    // 11:30 clinic time on a Tuesday: a plausible time that shows both date and time formats.
    public static readonly DateTime SampleStartUtc = new(2026, 12, 15, 6, 30, 0, DateTimeKind.Utc);

    public static IReadOnlyList<TemplatePreviewItem> Build(string clinicName, TimeZoneInfo zone, bool includeTreatment) =>
        TextTemplates.Names.Select(baseName =>
        {
            var name = baseName is TextTemplates.ClinicReply or TextTemplates.PaymentReceipt ? baseName : TextTemplates.Name(baseName, includeTreatment);
            var parameters = Parameters(baseName, clinicName, zone, includeTreatment);
            var samples = new[] { (TextTemplates.English, "English"), (TextTemplates.Urdu, "Urdu") }
                .Select(language => Sample(name, language.Item1, language.Item2, parameters))
                .ToList();
            return new TemplatePreviewItem(name, Purpose(baseName), TextTemplates.HasReplyButtons(baseName), samples);
        }).ToList();

    private static TemplateSample Sample(string name, string language, string languageName, IReadOnlyList<string> parameters)
    {
        var text = TextTemplates.Render(name, language, parameters, ContactChannel.Sms);
        var count = SmsSegments.Of(text);
        return new TemplateSample(language, languageName, text, count.Units, count.Segments, count.Unicode ? "UCS-2" : "GSM-7");
    }

    private static List<string> Parameters(string baseName, string clinicName, TimeZoneInfo zone, bool includeTreatment)
    {
        if (baseName == TextTemplates.ClinicReply)
        {
            return [clinicName];
        }

        if (baseName == TextTemplates.PaymentReceipt)
        {
            return [clinicName, "DC-2026-000123", "Rs 5,000", "Rs 4,900"];
        }

        List<string> parameters;
        if (baseName == TextTemplates.Course)
        {
            var (date, time) = TextTemplates.DateAndTime(SampleStartUtc, zone);
            parameters = [clinicName, SampleCourseCount, date, time, SampleReference];
        }
        else
        {
            parameters = TextTemplates.Parameters(clinicName, SampleStartUtc, zone, SampleReference, null);
        }

        if (includeTreatment)
        {
            parameters.Add(SampleTreatment);
        }

        return parameters;
    }

    private static string Purpose(string baseName) => baseName switch
    {
        TextTemplates.Confirmed => "Sent when an appointment is booked.",
        TextTemplates.Moved => "Sent when an appointment moves to a new time.",
        TextTemplates.Cancelled => "Sent when an appointment is cancelled.",
        TextTemplates.Reminder => "Sent before the appointment, with replies to confirm, cancel or ask for a call.",
        TextTemplates.Course => "Sent once when a course of sessions is booked, with the first date.",
        TextTemplates.ClinicReply => "Sent when reception answers after WhatsApp's 24-hour window has closed.",
        TextTemplates.PaymentReceipt => "Sent with a payment's receipt: the invoice, the amount paid and what is left to pay.",
        _ => "",
    };
}
