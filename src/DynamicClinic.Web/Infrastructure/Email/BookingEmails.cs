using System.Globalization;
using DynamicClinic.Data.Outbox;

namespace DynamicClinic.Web.Infrastructure.Email;

/// <summary>
/// Writes the booking emails: confirmed, moved, cancelled, and the day-before reminder. Each comes back as an
/// <see cref="OutboxMessage"/> for <see cref="EmailOutbox.Add"/>. Times are shown in clinic time. Subjects and calendar
/// entries leave out the treatment (lock screens and shared calendars show them); the body names it.
/// </summary>
public sealed class BookingEmails(CalendarInvite calendar)
{
    public const string InviteFileName = "appointment.ics";


    public OutboxMessage BookingConfirmed(BookingEmailModel booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var w = MessageWords.For(booking.Language);
        var subject = w.Format("ConfirmedSubject", ShortTime(booking, w), w.Ltr(booking.Reference));
        var body = new EmailBody(w.IsUrdu)
            .Paragraph(w.Format("Dear", booking.PatientName))
            .Paragraph(w.Format("ConfirmedThanks", booking.Clinic.Name))
            .Details(Details(booking, w))
            .Paragraph(w.Format("CalendarAdds", w.Ltr(InviteFileName)));
        AddChangeOrCancel(body, booking, w);
        AddPreparation(body, w);
        AddSignOff(body, booking, w, offerHelp: booking.ManageUrl is not null);
        return Message(EmailKinds.BookingConfirmed, booking, subject, body, Invite(booking, cancelled: false, sequence: booking.Sequence));
    }

    /// <param name="previousStartUtc">The old time, when known, so the patient can see what changed.</param>
    public OutboxMessage BookingRescheduled(BookingEmailModel booking, DateTime? previousStartUtc = null)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var w = MessageWords.For(booking.Language);
        var subject = w.Format("MovedSubject", ShortTime(booking, w), w.Ltr(booking.Reference));
        var body = new EmailBody(w.IsUrdu)
            .Paragraph(w.Format("Dear", booking.PatientName))
            .Paragraph(previousStartUtc is { } previous
                ? w.Format("MovedFrom", FormatClinicTime(previous, booking.Clinic.TimeZone, w))
                : w["MovedPlain"])
            .Details(Details(booking, w))
            .Paragraph(w.Format("CalendarMoves", w.Ltr(InviteFileName)));
        AddChangeOrCancel(body, booking, w);
        AddPreparation(body, w);
        AddSignOff(body, booking, w, offerHelp: booking.ManageUrl is not null);
        return Message(EmailKinds.BookingRescheduled, booking, subject, body, Invite(booking, cancelled: false, sequence: LaterSequence(booking)));
    }

    public OutboxMessage BookingCancelled(BookingEmailModel booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var w = MessageWords.For(booking.Language);
        var when = FormatClinicTime(booking.StartUtc, booking.Clinic.TimeZone, w);
        var subject = w.Format("CancelledSubject", ShortTime(booking, w), w.Ltr(booking.Reference));
        var body = new EmailBody(w.IsUrdu)
            .Paragraph(w.Format("Dear", booking.PatientName))
            .Paragraph(w.Format("CancelledBody", booking.ClinicianName, when, w.Ltr(booking.Reference)))
            .Paragraph(w.Format("CalendarRemoves", w.Ltr(InviteFileName)))
            .Paragraph(w.Format("CancelledAgain", w.Ltr(booking.Clinic.Phone)));
        AddSignOff(body, booking, w, offerHelp: false);
        return Message(EmailKinds.BookingCancelled, booking, subject, body, Invite(booking, cancelled: true, sequence: LaterSequence(booking)));
    }

    /// <summary>The day-before reminder, with a manage link of its own.</summary>
    public OutboxMessage Reminder(BookingEmailModel booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var w = MessageWords.For(booking.Language);
        var subject = w.Format("ReminderSubject", ShortTime(booking, w), w.Ltr(booking.Reference));
        var body = new EmailBody(w.IsUrdu)
            .Paragraph(w.Format("Dear", booking.PatientName))
            .Paragraph(w.Format("ReminderBody", booking.Clinic.Name))
            .Details(Details(booking, w));
        AddChangeOrCancel(body, booking, w);
        AddPreparation(body, w);
        AddSignOff(body, booking, w, offerHelp: false);
        return Message(EmailKinds.Reminder, booking, subject, body, invite: null);
    }

    /// <summary>
    /// A course booked at once (a session plan): one email listing every session's date, with one calendar file
    /// holding them all, and each session's own manage link.
    /// </summary>
    public OutboxMessage CourseBooked(IReadOnlyList<BookingEmailModel> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        if (sessions.Count == 0)
        {
            throw new ArgumentException("A course has at least one session.", nameof(sessions));
        }

        var first = sessions[0];
        var w = MessageWords.For(first.Language);
        var count = sessions.Count.ToString(CultureInfo.InvariantCulture);
        var subject = w.Format("CourseSubject", count, ShortTime(first, w));
        var body = new EmailBody(w.IsUrdu)
            .Paragraph(w.Format("Dear", first.PatientName))
            .Paragraph(w.Format("CourseBody", first.TreatmentName, first.Clinic.Name, first.ClinicianName, count, Minutes(first.EndUtc - first.StartUtc, w), w.Ltr(first.Clinic.Address)))
            .Heading(w["CourseHeading"]);
        foreach (var (session, number) in sessions.Select((s, i) => (s, i + 1)))
        {
            var line = w.Format("CourseLine", number.ToString(CultureInfo.InvariantCulture), FormatClinicTime(session.StartUtc, session.Clinic.TimeZone, w), w.Ltr(session.Reference));
            if (session.ManageUrl is { } url)
            {
                body.Link(line, w["CourseChangeThis"], url);
            }
            else
            {
                body.Paragraph(line);
            }
        }

        body.Paragraph(w.Format("CalendarAddsAll", w.Ltr(InviteFileName)));
        AddPreparation(body, w);
        AddSignOff(body, first, w, offerHelp: true);
        var entries = sessions.Select(s => Entry(s, cancelled: false, s.Sequence)).ToList();
        var content = calendar.Create(entries, first.Clinic.Name, first.Clinic.Email, cancelled: false);
        return Message(EmailKinds.CourseBooked, first, subject, body, (content, false));
    }

    /// <summary>The calendar file for one appointment as it stands: the same entry its latest email carried.</summary>
    public byte[] CalendarFile(BookingEmailModel booking, bool cancelled)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return Invite(booking, cancelled, booking.Sequence).Content;
    }

    /// <summary>E.g. "Tuesday 1 December 2026 at 10:30 (Pakistan time)".</summary>
    public static string FormatClinicTime(DateTime utc, TimeZoneInfo zone) => FormatClinicTime(utc, zone, MessageWords.English);

    /// <summary>The same in the patient's language, e.g. "منگل 1 دسمبر 2026، 10:30 بجے (پاکستانی وقت)".</summary>
    public static string FormatClinicTime(DateTime utc, TimeZoneInfo zone, MessageWords words)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(words);
        var local = ToClinicTime(utc, zone);
        return words.DateAndTime(local) + $" ({ZoneLabel(zone, local, words)})";
    }

    // Subjects stay short: the body names the time zone.
    private static string ShortTime(BookingEmailModel booking, MessageWords words) => words.DateAndTime(ToClinicTime(booking.StartUtc, booking.Clinic.TimeZone));

    private static DateTime ToClinicTime(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    // "Pakistan Standard Time" reads as "Pakistan time"; a zone whose name changes with the season
    // (Greenwich Mean Time / British Summer Time) is named as it is on that day. In Urdu: Pakistan's time, or the clinic's.
    private static string ZoneLabel(TimeZoneInfo zone, DateTime local, MessageWords words)
    {
        const string standard = " Standard Time";
        if (words.IsUrdu)
        {
            return zone.StandardName.StartsWith("Pakistan", StringComparison.Ordinal) ? words["PakistanTime"] : words["ClinicTime"];
        }

        if (zone.StandardName.EndsWith(standard, StringComparison.Ordinal))
        {
            return zone.StandardName[..^standard.Length] + " time";
        }

        var name = zone.IsDaylightSavingTime(local) ? zone.DaylightName : zone.StandardName;
        return string.IsNullOrWhiteSpace(name) || name.Contains('/', StringComparison.Ordinal) ? words["ClinicTime"] : name;
    }

    private static (string, string)[] Details(BookingEmailModel booking, MessageWords w) =>
    [
        (w["DetailReference"], w.Ltr(booking.Reference)),
        (w["DetailWhen"], FormatClinicTime(booking.StartUtc, booking.Clinic.TimeZone, w)),
        (w["DetailLength"], Minutes(booking.EndUtc - booking.StartUtc, w)),
        (w["DetailAppointment"], booking.TreatmentName),
        (w["DetailWith"], booking.ClinicianName),
        (w["DetailWhere"], w.Ltr(booking.Clinic.Address)),
    ];

    private static string Minutes(TimeSpan length, MessageWords w) =>
        length.TotalMinutes == 1 ? w["OneMinute"] : w.Format("Minutes", ((int)length.TotalMinutes).ToString(CultureInfo.InvariantCulture));

    private static void AddChangeOrCancel(EmailBody body, BookingEmailModel booking, MessageWords w)
    {
        if (booking.ManageUrl is { } url)
        {
            body.Link(w["ManageLead"], w["ManageLabel"], url);
        }
        else
        {
            body.Paragraph(w.Format("ManageCall", w.Ltr(booking.Clinic.Phone)));
        }
    }

    private static void AddPreparation(EmailBody body, MessageWords w) =>
        body.Heading(w["BringHeading"])
            .Bullets(w["BringMedicines"], w["BringTests"], w["BringPhotos"])
            .Paragraph(w["Arrive"]);

    // offerHelp: false where the email has just given the phone number for changes, so it is not said twice.
    private static void AddSignOff(EmailBody body, BookingEmailModel booking, MessageWords w, bool offerHelp)
    {
        if (offerHelp)
        {
            body.Paragraph(w.Format("Questions", w.Ltr(booking.Clinic.Phone)));
        }

        body.Lines(w["Regards"], booking.Clinic.Name, w.Ltr(booking.Clinic.Address), w.Ltr(booking.Clinic.Phone));
    }

    private (byte[] Content, bool Cancelled) Invite(BookingEmailModel booking, bool cancelled, int sequence)
    {
        var entry = Entry(booking, cancelled, sequence);
        return (calendar.Create([entry], booking.Clinic.Name, booking.Clinic.Email, cancelled), cancelled);
    }

    // Calendar apps show plain text: no isolates in it.
    private static CalendarInvite.Entry Entry(BookingEmailModel booking, bool cancelled, int sequence)
    {
        var w = MessageWords.For(booking.Language);
        var description = w.Format("CalendarWith", booking.Reference, booking.ClinicianName) + " "
            + (booking.ManageUrl is { } url && !cancelled
                ? w.Format("CalendarChange", url)
                : w.Format("CalendarQuestions", booking.Clinic.Phone));
        return new CalendarInvite.Entry(
            Uid(booking), booking.StartUtc, booking.EndUtc, w.Format("CalendarSummary", booking.Clinic.Name), booking.Clinic.Address,
            description, cancelled ? null : booking.ManageUrl, sequence);
    }

    /// <summary>The reference, made globally unique with the clinic's mail domain as RFC 5545 asks.</summary>
    public static string Uid(BookingEmailModel booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var at = booking.Clinic.Email.LastIndexOf('@');
        var domain = at >= 0 ? booking.Clinic.Email[(at + 1)..] : "dynamicclinic";
        return $"{booking.Reference}@{domain}";
    }

    // A move or cancellation is always a later version than the booking (the appointment counts them).
    private static int LaterSequence(BookingEmailModel booking) => Math.Max(1, booking.Sequence);

    private static OutboxMessage Message(string kind, BookingEmailModel booking, string subject, EmailBody body, (byte[] Content, bool Cancelled)? invite) => new()
    {
        Kind = kind,
        // 0 means a new appointment not saved yet: EmailOutbox.Add(message, appointment) links it instead.
        AppointmentId = booking.AppointmentId > 0 ? booking.AppointmentId : null,
        ToAddress = booking.PatientEmail,
        ToName = Truncate(booking.PatientName, OutboxMessage.NameMaxLength),
        Subject = Truncate(subject, OutboxMessage.SubjectMaxLength),
        TextBody = body.Text,
        HtmlBody = body.Html(subject),
        AttachmentFileName = invite is null ? null : InviteFileName,
        AttachmentContentType = invite is { } i ? CalendarInvite.ContentType(i.Cancelled) : null,
        AttachmentContent = invite?.Content,
    };

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
