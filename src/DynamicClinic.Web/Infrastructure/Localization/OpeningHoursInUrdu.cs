using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DynamicClinic.Web.Infrastructure.Localization;

/// <summary>
/// The clinic's opening hours in Urdu. The admin writes them in English in the settings, one line each
/// ("Monday to Saturday: 10:00 to 19:00", "Sunday: closed"). A line made only of words we know (day names, "to",
/// "and", "closed", "daily") and times is put into Urdu: the culture's day names, "تا" for a range, times as the site
/// writes them (24-hour, Western digits). A line with any other word is shown as written, in English, rather than
/// half translated (docs/decisions/0006-urdu.md).
/// </summary>
public static partial class OpeningHoursInUrdu
{
    private static readonly string[] EnglishDays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    // Three- and four-letter forms people write in opening hours ("Mon-Sat", "Thurs").
    private static readonly Dictionary<string, DayOfWeek> ShortDays = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sun"] = DayOfWeek.Sunday,
        ["mon"] = DayOfWeek.Monday,
        ["tue"] = DayOfWeek.Tuesday,
        ["tues"] = DayOfWeek.Tuesday,
        ["wed"] = DayOfWeek.Wednesday,
        ["thu"] = DayOfWeek.Thursday,
        ["thur"] = DayOfWeek.Thursday,
        ["thurs"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday,
        ["sat"] = DayOfWeek.Saturday,
    };

    private static readonly Dictionary<string, string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["to"] = "تا",
        ["until"] = "تا",
        ["till"] = "تا",
        ["and"] = "اور",
        ["closed"] = "بند",
        ["daily"] = "روزانہ",
        ["everyday"] = "روزانہ",
        ["every day"] = "روزانہ",
        ["noon"] = "12:00",
        ["midday"] = "12:00",
    };

    /// <summary>The line in Urdu, or null when it has a word we do not know (it is then shown as written).</summary>
    public static string? Translate(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var urdu = new StringBuilder();
        var position = 0;
        foreach (Match token in Token().Matches(line))
        {
            // Between tokens only spaces and the punctuation we keep.
            if (!IsGap(line.AsSpan(position, token.Index - position), urdu))
            {
                return null;
            }

            position = token.Index + token.Length;
            if (Piece(token) is not { } piece)
            {
                return null;
            }

            urdu.Append(piece);
        }

        if (!IsGap(line.AsSpan(position), urdu))
        {
            return null;
        }

        var text = Spaces().Replace(urdu.ToString(), " ").Trim();
        return text.Length == 0 || !text.Any(c => c is >= '\u0600' and <= '\u06FF') ? null : text;
    }

    private static string? Piece(Match token)
    {
        if (token.Groups["hour"].Success)
        {
            return Time(token);
        }

        var word = Spaces().Replace(token.Value.TrimEnd('.'), " ");
        if (word is "-" or "–" or "—")
        {
            return " تا ";
        }

        if (Words.TryGetValue(word, out var known))
        {
            return known;
        }

        var day = Array.IndexOf(EnglishDays, word.ToLowerInvariant());
        if (day >= 0)
        {
            return SiteLanguage.Urdu.DateTimeFormat.GetDayName((DayOfWeek)day);
        }

        return ShortDays.TryGetValue(word, out var shortDay) ? SiteLanguage.Urdu.DateTimeFormat.GetDayName(shortDay) : null;
    }

    /// <summary>"10:00", "10am", "7:30 p.m." as the site writes times: 24-hour, two-digit minutes.</summary>
    private static string? Time(Match token)
    {
        var hour = int.Parse(token.Groups["hour"].Value, CultureInfo.InvariantCulture);
        var minute = token.Groups["minute"].Success ? int.Parse(token.Groups["minute"].Value, CultureInfo.InvariantCulture) : 0;
        var meridiem = token.Groups["meridiem"].Value.Replace(".", "", StringComparison.Ordinal).ToLowerInvariant();
        if (meridiem.Length > 0)
        {
            if (hour is < 1 or > 12)
            {
                return null;
            }

            hour = (hour % 12) + (meridiem == "pm" ? 12 : 0);
        }
        else if (!token.Groups["minute"].Success)
        {
            // A bare number ("10 to 7") says neither morning nor evening: leave the line as written.
            return null;
        }

        return hour > 24 || minute > 59 ? null : string.Create(CultureInfo.InvariantCulture, $"{hour:00}:{minute:00}");
    }

    // Spaces, and the colon or comma between parts ("Sunday: closed", "Monday, Tuesday"), which take their Urdu forms.
    private static bool IsGap(ReadOnlySpan<char> gap, StringBuilder urdu)
    {
        foreach (var c in gap)
        {
            switch (c)
            {
                case ' ' or '\t':
                    urdu.Append(' ');
                    break;
                case ':':
                    urdu.Append(": ");
                    break;
                case ',':
                    urdu.Append("، ");
                    break;
                case '.':
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"(?<hour>\d{1,2})(?::(?<minute>\d{2}))?\s*(?<meridiem>[ap]\.?m\.?)?(?![\w])|every\s+day|[A-Za-z]+\.?|[-–—]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
