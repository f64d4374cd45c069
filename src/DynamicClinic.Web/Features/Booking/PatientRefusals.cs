using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Web.Resources;
using Microsoft.Extensions.Localization;

namespace DynamicClinic.Web.Features.Booking;

/// <summary>
/// What a patient reads when the booking core refuses their time: the core's own messages are the staff's (English),
/// so the public pages say it from their resources, in the page's language, by the slot check that refused it.
/// </summary>
public static class PatientRefusals
{
    public static string Text(Outcome.Refused refused, IStringLocalizer<BookingText> text)
    {
        ArgumentNullException.ThrowIfNull(refused);
        ArgumentNullException.ThrowIfNull(text);
        return text[KeyFor(refused.Check)].Value;
    }

    /// <summary>The <see cref="BookingText"/> key for a slot check's refusal; any other refusal has a general one.</summary>
    public static string KeyFor(SlotCheckResult? check) => check switch
    {
        SlotCheckResult.InPast => "RefusalInPast",
        SlotCheckResult.TooSoon => "RefusalTooSoon",
        SlotCheckResult.BeyondHorizon => "RefusalBeyondHorizon",
        SlotCheckResult.ClinicClosed => "RefusalClinicClosed",
        SlotCheckResult.OutsideWorkingHours or SlotCheckResult.NotOnStep => "RefusalNotOffered",
        SlotCheckResult.TimeOff => "RefusalTimeOff",
        SlotCheckResult.Taken or SlotCheckResult.RoomTaken => "RefusalTaken",
        _ => "RefusalOther",
    };
}
