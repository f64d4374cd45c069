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

    /// <summary>One appointment in a calendar file.</summary>
    /// <param name="Uid">The same for every version of one appointment, so calendars update it rather than add another.</param>
    /// <param name="Sequence">Higher for each later version (a new time, a cancellation), so calendars apply it.</param>
    public sealed record Entry(string Uid, DateTime StartUtc, DateTime EndUtc, string Summary, string Location, string Description, string? Url, int Sequence);

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
        int sequence = 0) =>
        Create([new Entry(uid, startUtc, endUtc, summary, location, description, url, sequence)], organizerName, organizerEmail, cancelled);

    /// <summary>A file of one or more appointments (a course booked at once goes in one file).</summary>
    public byte[] Create(IReadOnlyList<Entry> entries, string organizerName, string organizerEmail, bool cancelled = false)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            throw new ArgumentException("A calendar file holds at least one appointment.", nameof(entries));
        }

        var calendar = new Calendar
        {
            ProductId = ProductId,
            Method = cancelled ? CalendarMethods.Cancel : CalendarMethods.Request,
        };
        foreach (var entry in entries)
        {
            calendar.Events.Add(Event(entry, organizerName, organizerEmail, cancelled));
        }

        var text = new CalendarSerializer().SerializeToString(calendar)
            ?? throw new InvalidOperationException("The calendar could not be serialised.");
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
    }

    private CalendarEvent Event(Entry entry, string organizerName, string organizerEmail, bool cancelled)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Uid);
        if (entry.StartUtc.Kind == DateTimeKind.Local || entry.EndUtc.Kind == DateTimeKind.Local)
        {
            throw new ArgumentException("Appointment times must be UTC.");
        }

        if (entry.EndUtc <= entry.StartUtc)
        {
            throw new ArgumentException("An appointment must end after it starts.", nameof(entry));
        }

        var appointment = new CalendarEvent
        {
            Uid = entry.Uid,
            DtStamp = Utc(timeProvider.GetUtcNow().UtcDateTime),
            DtStart = Utc(entry.StartUtc),
            DtEnd = Utc(entry.EndUtc),
            Summary = entry.Summary,
            Location = entry.Location,
            Description = entry.Description,
            Sequence = entry.Sequence,
            Status = cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            Organizer = new Organizer("mailto:" + organizerEmail) { CommonName = organizerName },
        };
        if (entry.Url is not null)
        {
            appointment.Url = new Uri(entry.Url, UriKind.Absolute);
        }

        if (!cancelled)
        {
            appointment.Alarms.Add(new Alarm
            {
                Action = AlarmAction.Display,
                Description = entry.Summary,
                Trigger = new Trigger(Duration.FromHours(-1)),
            });
        }

        return appointment;
    }

    private static CalDateTime Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc), true);
}
