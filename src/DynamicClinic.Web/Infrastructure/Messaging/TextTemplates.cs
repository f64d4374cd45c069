using System.Globalization;
using System.Text.Json;
using DynamicClinic.Domain.Messaging;

namespace DynamicClinic.Web.Infrastructure.Messaging;

/// <summary>
/// The words of every WhatsApp and SMS message, in English and Urdu (Urdu script). Each message the clinic starts is a
/// WhatsApp template registered with Meta under <see cref="Names"/> with the same words and numbered parameters:
/// clinic, date, time, reference (a course: clinic, count, date, time, reference), and the treatment last when the
/// clinic chose to name it (the "_treatment" templates). Nothing clinical beyond that optional name, ever.
/// </summary>
public static class TextTemplates
{
    public const string Confirmed = "appointment_confirmed";
    public const string Moved = "appointment_moved";
    public const string Cancelled = "appointment_cancelled";
    public const string Reminder = "appointment_reminder";
    public const string Course = "course_booked";

    /// <summary>A freed time offered from the waitlist: clinic, date, time, and the time the offer lapses.</summary>
    public const string WaitlistOffer = "waitlist_offer";

    /// <summary>Reception answered, but the patient's 24-hour window is closed: this template asks them to write back.</summary>
    public const string ClinicReply = "clinic_reply";

    /// <summary>A payment's receipt (Features/Billing): clinic, invoice number, amount paid, balance left. Never clinical.</summary>
    public const string PaymentReceipt = "payment_receipt";

    /// <summary>Not a template: free text, allowed on WhatsApp only within 24 hours of the patient's last message.</summary>
    public const string FreeText = "text";

    public const string TreatmentSuffix = "_treatment";

    public const string English = "en";
    public const string Urdu = "ur";

    public static readonly IReadOnlyList<string> Names = [Confirmed, Moved, Cancelled, Reminder, Course, ClinicReply, WaitlistOffer, PaymentReceipt];

    private static readonly Dictionary<string, (string En, string Ur)> Words = new(StringComparer.Ordinal)
    {
        [Confirmed] = (
            "{0}: your appointment{T} is booked for {1} at {2} (Pakistan time). Reference {3}.",
            "{0}: آپ کی ملاقات{T} {1} کو {2} بجے طے ہو گئی ہے۔ حوالہ نمبر {3}۔"),
        [Moved] = (
            "{0}: your appointment{T} {3} has moved to {1} at {2} (Pakistan time).",
            "{0}: آپ کی ملاقات{T} (حوالہ نمبر {3}) اب {1} کو {2} بجے ہوگی۔"),
        [Cancelled] = (
            "{0}: your appointment{T} {3} on {1} at {2} is cancelled. Call us or book online for another time.",
            "{0}: آپ کی ملاقات{T} (حوالہ نمبر {3}) جو {1} کو {2} بجے تھی، منسوخ ہو گئی ہے۔ نئے وقت کے لیے ہمیں فون کریں یا آن لائن بک کریں۔"),
        [Reminder] = (
            "{0}: a reminder of your appointment{T} on {1} at {2} (Pakistan time). Reference {3}.",
            "{0}: یاد دہانی، آپ کی ملاقات{T} {1} کو {2} بجے ہے۔ حوالہ نمبر {3}۔"),
        [Course] = (
            "{0}: your {1} appointments{T} are booked. The first is on {2} at {3} (Pakistan time), reference {4}.",
            "{0}: آپ کی {1} ملاقاتیں{T} طے ہو گئی ہیں۔ پہلی {2} کو {3} بجے ہے، حوالہ نمبر {4}۔"),
        [WaitlistOffer] = (
            "{0}: a time{T} has come free on {1} at {2} (Pakistan time). Reply 1 by {3} to take it; the first reply gets it.",
            "{0}: {1} کو {2} بجے ایک وقت{T} خالی ہوا ہے۔ یہ وقت لینے کے لیے {3} تک 1 لکھ کر جواب دیں؛ پہلے جواب دینے والے کو ملے گا۔"),
        [PaymentReceipt] = (
            "{0}: thank you, we received {2} for invoice {1}. Left to pay: {3}.",
            "{0}: شکریہ، ہمیں انوائس {1} کے لیے {2} موصول ہو گئے ہیں۔ باقی رقم: {3}۔"),
        [ClinicReply] = (
            "{0}: we have answered your message. Reply to this message to read our answer and carry on the conversation.",
            "{0}: ہم نے آپ کے پیغام کا جواب دیا ہے۔ جواب پڑھنے اور بات جاری رکھنے کے لیے اس پیغام کا جواب دیں۔"),
    };

    // SMS has no buttons: the reminder says which number to send.
    private static readonly (string En, string Ur) SmsReplyHint = (
        " Reply 1 to confirm, 2 to cancel, 3 and we will call you.",
        " تصدیق کے لیے 1، منسوخی کے لیے 2، اور فون کال کے لیے 3 لکھ کر جواب دیں۔");

    /// <summary>
    /// The clinic's free-text answers to a patient's reply (Features/Messages/PatientReplies), in English and Urdu.
    /// Not templates: sent only within the 24 hours the patient's own message opened. Values: the clinic first, then
    /// as each line says; references, phone numbers and times come already isolated by <see cref="Ltr"/>.
    /// </summary>
    public static class Answers
    {
        public const string OfferTaken = "offer_taken";
        public const string OfferJustTaken = "offer_just_taken";
        public const string OfferGone = "offer_gone";
        public const string Stopped = "stopped";
        public const string Started = "started";
        public const string WhichOne = "which_one";
        public const string WhichLine = "which_line";
        public const string Confirmed = "confirmed";
        public const string TooLateToCancel = "too_late_to_cancel";
        public const string WillCall = "will_call";

        internal static readonly Dictionary<string, (string En, string Ur)> Words = new(StringComparer.Ordinal)
        {
            // {1} reference
            [OfferTaken] = (
                "{0}: thank you, the time is yours. Your booking reference is {1}.",
                "{0}: شکریہ، یہ وقت آپ کا ہو گیا ہے۔ آپ کی بکنگ کا حوالہ نمبر {1} ہے۔"),
            [OfferJustTaken] = (
                "{0}: sorry, that time was just taken by someone else. You stay on our waitlist for the next free time.",
                "{0}: معذرت، یہ وقت ابھی کسی اور نے لے لیا ہے۔ اگلے خالی وقت کے لیے آپ ہماری انتظار کی فہرست میں شامل رہیں گے۔"),
            // {1} clinic phone
            [OfferGone] = (
                "{0}: sorry, that time is no longer available. Please call us on {1}.",
                "{0}: معذرت، یہ وقت اب دستیاب نہیں ہے۔ براہِ کرم ہمیں {1} پر فون کریں۔"),
            // {1} channel, {2} the word START
            [Stopped] = (
                "{0}: you will get no more messages from us by {1}. Reply {2} to receive them again.",
                "{0}: اب آپ کو ہماری طرف سے {1} پر کوئی پیغام نہیں آئے گا۔ دوبارہ پیغامات پانے کے لیے {2} لکھ کر جواب دیں۔"),
            // {1} the word STOP
            [Started] = (
                "{0}: you will get appointment messages from us again. Reply {1} to end them.",
                "{0}: آپ کو ملاقات کے بارے میں ہمارے پیغامات دوبارہ ملیں گے۔ انہیں بند کرنے کے لیے {1} لکھ کر جواب دیں۔"),
            // {1} how many, {2} the lines joined
            [WhichOne] = (
                "{0}: this number has {1} appointments coming up. Please reply with one of: {2}.",
                "{0}: اس نمبر پر {1} آنے والی ملاقاتیں ہیں۔ براہِ کرم ان میں سے ایک لکھ کر جواب دیں: {2}۔"),
            // {0} what to write back ("1 REF"), {1} when
            [WhichLine] = (
                "{0} for {1}",
                "{1} والی ملاقات کے لیے {0}"),
            // {1} reference, {2} when
            [Confirmed] = (
                "{0}: thank you, your appointment {1} on {2} is confirmed.",
                "{0}: شکریہ، آپ کی ملاقات (حوالہ نمبر {1}) جو {2} ہے، اس کی تصدیق ہو گئی ہے۔"),
            // {1} reference, {2} clinic phone
            [TooLateToCancel] = (
                "{0}: it is too late to cancel {1} by message. Please call us on {2}.",
                "{0}: ملاقات (حوالہ نمبر {1}) کو پیغام کے ذریعے منسوخ کرنے کا وقت گزر چکا ہے۔ براہِ کرم ہمیں {2} پر فون کریں۔"),
            // {1} reference
            [WillCall] = (
                "{0}: thank you, we will call you about {1} soon.",
                "{0}: شکریہ، ہم ملاقات (حوالہ نمبر {1}) کے بارے میں جلد آپ کو فون کریں گے۔"),
        };

        /// <summary>How the lines of <see cref="WhichOne"/> are joined.</summary>
        public static string Separator(string language) => language == Urdu ? "؛ " : "; ";

        /// <summary>The channel as the answer names it.</summary>
        public static string Channel(ContactChannel channel, string language) => (channel, language == Urdu) switch
        {
            (ContactChannel.WhatsApp, true) => "واٹس ایپ",
            (_, true) => "ایس ایم ایس",
            _ => ContactChannels.Label(channel),
        };

        /// <summary>An appointment's date and time: "Tue 1 Dec 2026 at 10:30", or in Urdu "منگل 1 دسمبر 2026، 10:30 بجے" as the emails write it.</summary>
        public static string When(DateTime startUtc, TimeZoneInfo zone, string language)
        {
            var (date, time) = DateAndTime(startUtc, zone, language);
            return language == Urdu
                ? string.Create(CultureInfo.InvariantCulture, $"{date}، {Ltr(time, language)} بجے")
                : string.Create(CultureInfo.InvariantCulture, $"{date} at {time}");
        }

        public static string Render(string answer, string language, params string[] values) =>
            string.Format(CultureInfo.InvariantCulture, language == Urdu ? Words[answer].Ur : Words[answer].En, values);
    }

    /// <summary>
    /// A reference, phone number, time or Latin word that must read left to right inside Urdu: wrapped in the same
    /// U+2066/U+2069 isolates the Urdu emails use (<see cref="Email.MessageWords.Ltr"/>); English is left as it is.
    /// </summary>
    public static string Ltr(string value, string language) =>
        language == Urdu ? Email.MessageWords.IsolateStart + value + Email.MessageWords.IsolateEnd : value;

    public static bool HasReplyButtons(string template) => BaseName(template) == Reminder;

    public static string BaseName(string template) =>
        template.EndsWith(TreatmentSuffix, StringComparison.Ordinal) ? template[..^TreatmentSuffix.Length] : template;

    /// <summary>The appointment reference among a template's parameters (the reminder's buttons carry it back).</summary>
    public static string ReferenceOf(string template, IReadOnlyList<string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var index = BaseName(template) == Course ? 4 : 3;
        return parameters.Count > index ? parameters[index] : "";
    }

    /// <summary>Parameters for one appointment: clinic, date, time, reference, and the treatment when named.</summary>
    public static List<string> Parameters(string clinic, DateTime startUtc, TimeZoneInfo zone, string reference, string? treatment, string language = English)
    {
        var (date, time) = DateAndTime(startUtc, zone, language);
        var parameters = new List<string> { clinic, date, time, reference };
        if (treatment is not null)
        {
            parameters.Add(treatment);
        }

        return parameters;
    }

    /// <summary>The date as the language writes it (Urdu: day and month names in Urdu, Western digits) and the 24-hour time.</summary>
    public static (string Date, string Time) DateAndTime(DateTime startUtc, TimeZoneInfo zone, string language = English)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc), zone);
        var date = language == Urdu
            ? local.ToString("dddd d MMMM yyyy", Email.MessageWords.Urdu.Culture)
            : local.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);
        return (date, local.ToString("HH:mm", CultureInfo.InvariantCulture));
    }

    /// <summary>The template's name: the base name, with "_treatment" when the last parameter is the treatment.</summary>
    public static string Name(string baseName, bool namesTreatment) => namesTreatment ? baseName + TreatmentSuffix : baseName;

    /// <summary>The words of a template with its parameters filled in, as the patient sees them on this channel.</summary>
    public static string Render(string template, string language, IReadOnlyList<string> parameters, ContactChannel channel)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var baseName = BaseName(template);
        if (!Words.TryGetValue(baseName, out var words))
        {
            throw new ArgumentException($"Unknown template {template}.", nameof(template));
        }

        var urdu = language == Urdu;
        var format = urdu ? words.Ur : words.En;
        var namesTreatment = template.EndsWith(TreatmentSuffix, StringComparison.Ordinal) && parameters.Count > 0;
        var treatment = namesTreatment ? (urdu ? $" ({parameters[^1]})" : $" for {parameters[^1]}") : "";
        var text = string.Format(CultureInfo.InvariantCulture, format.Replace("{T}", treatment.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal), StringComparison.Ordinal), [.. parameters]);
        if (baseName == Reminder && channel == ContactChannel.Sms)
        {
            text += urdu ? SmsReplyHint.Ur : SmsReplyHint.En;
        }

        return text;
    }

    public static string SerialiseParameters(IReadOnlyList<string> parameters) => JsonSerializer.Serialize(parameters);

    public static IReadOnlyList<string> ReadParameters(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];
}
