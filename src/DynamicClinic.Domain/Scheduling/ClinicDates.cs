using System.Globalization;

namespace DynamicClinic.Domain.Scheduling;

/// <summary>
/// The one range of dates the clinic deals in. A date from outside it (year 1 or 9999 in a hand-made link or form)
/// is refused where it comes in: date arithmetic near the ends of the calendar throws, and nothing real happens then.
/// </summary>
public static class ClinicDates
{
    public const string Format = "yyyy-MM-dd";

    public static readonly DateOnly Earliest = new(2000, 1, 1);

    public static readonly DateOnly Latest = new(2100, 12, 31);

    /// <summary>The message beside a date field holding a date outside the range.</summary>
    public const string OutOfRangeMessage = "Enter a date between 2000 and 2100.";

    public static bool IsSane(DateOnly date) => date >= Earliest && date <= Latest;

    /// <summary>A UTC or clinic-local time whose date is in the range (a day's margin either side covers time zones).</summary>
    public static bool IsSane(DateTime time) => IsSane(DateOnly.FromDateTime(time));

    /// <summary>Reads a <c>yyyy-MM-dd</c> date as forms and links send it; false for anything else or a date out of range.</summary>
    public static bool TryParse(string? value, out DateOnly date)
    {
        if (DateOnly.TryParseExact(value, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && IsSane(date))
        {
            return true;
        }

        date = default;
        return false;
    }

    /// <summary><see cref="TryParse"/> for optional parameters: the date, or null.</summary>
    public static DateOnly? ParseOrNull(string? value) => TryParse(value, out var date) ? date : null;
}
