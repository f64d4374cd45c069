using System.Globalization;
using DynamicClinic.Domain.Scheduling;

namespace DynamicClinic.Web.Features.Scheduling;

/// <summary>
/// A chosen time as it travels in forms and links: clinician and UTC start, e.g. <c>3-20261201T0500Z</c>.
/// It is only a request; every use re-checks it against the rules and the database.
/// </summary>
public readonly record struct SlotValue(int ClinicianId, DateTime StartUtc)
{
    private const string StartFormat = "yyyyMMdd'T'HHmm'Z'";

    public static SlotValue From(Slot slot) => new(slot.ClinicianId, slot.StartUtc);

    public override string ToString() =>
        $"{ClinicianId.ToString(CultureInfo.InvariantCulture)}-{StartUtc.ToString(StartFormat, CultureInfo.InvariantCulture)}";

    public static bool TryParse(string? value, out SlotValue slot)
    {
        slot = default;
        if (string.IsNullOrEmpty(value) || value.Length > 30)
        {
            return false;
        }

        var dash = value.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0
            || !int.TryParse(value.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var clinicianId)
            || !DateTime.TryParseExact(value[(dash + 1)..], StartFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start)
            // A hand-made time at the ends of the calendar (year 1, 9999) would overflow the date arithmetic later.
            || !ClinicDates.IsSane(start))
        {
            return false;
        }

        slot = new SlotValue(clinicianId, DateTime.SpecifyKind(start, DateTimeKind.Utc));
        return true;
    }
}
