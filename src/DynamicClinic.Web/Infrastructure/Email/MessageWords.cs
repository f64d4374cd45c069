using System.Globalization;
using System.Resources;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Resources;

namespace DynamicClinic.Web.Infrastructure.Email;

/// <summary>
/// The words of one email in the patient's language, from <see cref="MessageText"/>, with dates and times written as
/// that language writes them: Urdu month and day names with Western digits (as Pakistani Urdu papers print them).
/// References, phone numbers and addresses that must read left to right inside Urdu are wrapped in
/// <see cref="Ltr"/>'s isolates, which <see cref="EmailBody"/> turns into <c>&lt;bdi dir="ltr"&gt;</c> in HTML.
/// </summary>
public sealed class MessageWords
{
    /// <summary>U+2066 LEFT-TO-RIGHT ISOLATE and U+2069 POP DIRECTIONAL ISOLATE.</summary>
    public const char IsolateStart = '\u2066';
    public const char IsolateEnd = '\u2069';

    private static readonly ResourceManager Resources = new(typeof(MessageText));
    private static readonly CultureInfo UrduCulture = CreateUrdu();

    public static readonly MessageWords English = new(PatientLanguage.English);
    public static readonly MessageWords Urdu = new(PatientLanguage.Urdu);

    private readonly CultureInfo _lookup;

    private MessageWords(PatientLanguage language)
    {
        Language = language;
        IsUrdu = language == PatientLanguage.Urdu;
        _lookup = IsUrdu ? CultureInfo.GetCultureInfo("ur") : CultureInfo.InvariantCulture;
        Culture = IsUrdu ? UrduCulture : CultureInfo.InvariantCulture;
    }

    public PatientLanguage Language { get; }

    public bool IsUrdu { get; }

    /// <summary>The culture dates are written in: invariant (English names) or Urdu with Western digits.</summary>
    public CultureInfo Culture { get; }

    public static MessageWords For(PatientLanguage language) => language == PatientLanguage.Urdu ? Urdu : English;

    public string this[string key] => Resources.GetString(key, _lookup) ?? throw new InvalidOperationException($"No message text {key}.");

    public string Format(string key, params object[] values) => string.Format(Culture, this[key], values);

    /// <summary>A value that reads left to right whatever surrounds it (isolated only in Urdu, where it matters).</summary>
    public string Ltr(string value) => IsUrdu ? IsolateStart + value + IsolateEnd : value;

    /// <summary>E.g. "Tuesday 1 December 2026 at 10:30" or "منگل 1 دسمبر 2026، 10:30 بجے".</summary>
    public string DateAndTime(DateTime local) =>
        Format("DateAtTime", local.ToString("dddd d MMMM yyyy", Culture), Ltr(local.ToString("HH:mm", CultureInfo.InvariantCulture)));

    private static CultureInfo CreateUrdu()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("ur-PK").Clone();
        culture.NumberFormat.NativeDigits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
        culture.NumberFormat.DigitSubstitution = DigitShapes.None;
        return CultureInfo.ReadOnly(culture);
    }
}
