using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace DynamicClinic.Web.Infrastructure.Email;

/// <summary>
/// Builds the <c>.ics</c> file attached to booking emails, with Ical.Net so that escaping, line folding and UTC
/// times follow RFC 5545. Holds only what a shared calendar may show: times, place, reference and link; never a
/// concern or message.
/// </summary>
public sealed class CalendarInvite(TimeProvider timeProvider)
{
    public const string ProductId = "-//Dynamic Clinic//Appointments//EN";

    /// <summary>The MIME type for an attachment made by <see cref="Create"/>; <c>method</c> must match the file's METHOD.</summary>
    public static string ContentType(bool cancelled) =>
        $"text/calendar; charset=utf-8; method={(cancelled ? CalendarMethods.Cancel : CalendarMethods.Request)}";

    /// <param name="uid">The same for every version of one appointment, so calendars update it rather than add another.</param>
    /// <param name="sequence">Higher for each later version (a new time, a cancellation), so calendars apply it.</param>
    public byte[] Create(
        string uid,
        DateTime startUtc,
        DateTime endUtc,
        string summary,
        string location,
        string description,
        string? url,
        string organizerName,
        string organizerEmail,
        bool cancelled = false,
        int sequence = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uid);
        if (startUtc.Kind == DateTimeKind.Local || endUtc.Kind == DateTimeKind.Local)
        {
            throw new ArgumentException("Appointment times must be UTC.");
        }

        if (endUtc <= startUtc)
        {
            throw new ArgumentException("An appointment must end after it starts.", nameof(endUtc));
        }

        var appointment = new CalendarEvent
        {
            Uid = uid,
            DtStamp = Utc(timeProvider.GetUtcNow().UtcDateTime),
            DtStart = Utc(startUtc),
            DtEnd = Utc(endUtc),
            Summary = summary,
            Location = location,
            Description = description,
            Sequence = sequence,
            Status = cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            Organizer = new Organizer("mailto:" + organizerEmail) { CommonName = organizerName },
        };
        if (url is not null)
        {
            appointment.Url = new Uri(url, UriKind.Absolute);
        }

        if (!cancelled)
        {
            appointment.Alarms.Add(new Alarm
            {
                Action = AlarmAction.Display,
                Description = summary,
                Trigger = new Trigger(Duration.FromHours(-1)),
            });
        }

        var calendar = new Calendar
        {
            ProductId = ProductId,
            Method = cancelled ? CalendarMethods.Cancel : CalendarMethods.Request,
        };
        calendar.Events.Add(appointment);

        var text = new CalendarSerializer().SerializeToString(calendar)
            ?? throw new InvalidOperationException("The calendar could not be serialised.");
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
    }

    private static CalDateTime Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc), true);
}
