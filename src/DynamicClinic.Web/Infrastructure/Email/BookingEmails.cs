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
        var when = FormatClinicTime(booking.StartUtc, booking.Clinic.TimeZone);
        var subject = $"Appointment confirmed for {ShortTime(booking)}, reference {booking.Reference}";
        var body = new EmailBody()
            .Paragraph($"Dear {booking.PatientName},")
            .Paragraph($"Thank you for booking with {booking.Clinic.Name}. Your appointment is confirmed, and the details are below.")
            .Details(Details(booking, when))
            .Paragraph($"The attached calendar file ({InviteFileName}) adds the appointment to your calendar.");
        AddChangeOrCancel(body, booking);
        AddPreparation(body);
        AddSignOff(body, booking, offerHelp: booking.ManageUrl is not null);
        return Message(EmailKinds.BookingConfirmed, booking, subject, body, Invite(booking, cancelled: false, sequence: booking.Sequence));
    }

    /// <param name="previousStartUtc">The old time, when known, so the patient can see what changed.</param>
    public OutboxMessage BookingRescheduled(BookingEmailModel booking, DateTime? previousStartUtc = null)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var when = FormatClinicTime(booking.StartUtc, booking.Clinic.TimeZone);
        var subject = $"Appointment moved to {ShortTime(booking)}, reference {booking.Reference}";
        var body = new EmailBody()
            .Paragraph($"Dear {booking.PatientName},")
            .Paragraph(previousStartUtc is { } previous
                ? $"Your appointment has moved from {FormatClinicTime(previous, booking.Clinic.TimeZone)} to a new time. Here are the new details."
                : "Your appointment has moved to a new time. Here are the new details.")
            .Details(Details(booking, when))
            .Paragraph($"Open the attached calendar file ({InviteFileName}) to move the appointment in your calendar too.");
        AddChangeOrCancel(body, booking);
        AddPreparation(body);
        AddSignOff(body, booking, offerHelp: booking.ManageUrl is not null);
        return Message(EmailKinds.BookingRescheduled, booking, subject, body, Invite(booking, cancelled: false, sequence: LaterSequence(booking)));
    }

    public OutboxMessage BookingCancelled(BookingEmailModel booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var when = FormatClinicTime(booking.StartUtc, booking.Clinic.TimeZone);
        var subject = $"Appointment cancelled: {ShortTime(booking)}, reference {booking.Reference}";
        var body = new EmailBody()
            .Paragraph($"Dear {booking.PatientName},")
            .Paragraph($"Your appointment with {booking.ClinicianName} on {when} has been cancelled (reference {booking.Reference}).")
            .Paragraph($"The attached calendar file ({InviteFileName}) takes it out of your calendar.")
            .Paragraph($"If you were not expecting this, or would like another appointment, please call us on {booking.Clinic.Phone}. "
                + "You can also book again online at any time.");
        AddSignOff(body, booking, offerHelp: false);
        return Message(EmailKinds.BookingCancelled, booking, subject, body, Invite(booking, cancelled: true, sequence: LaterSequence(booking)));
    }

    /// <summary>The day-before reminder, with a manage link of its own.</summary>
    public OutboxMessage Reminder(BookingEmailModel booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var when = FormatClinicTime(booking.StartUtc, booking.Clinic.TimeZone);
        var subject = $"Reminder: your appointment on {ShortTime(booking)}, reference {booking.Reference}";
        var body = new EmailBody()
            .Paragraph($"Dear {booking.PatientName},")
            .Paragraph($"This is a reminder of your appointment at {booking.Clinic.Name}.")
            .Details(Details(booking, when));
        AddChangeOrCancel(body, booking);
        AddPreparation(body);
        AddSignOff(body, booking, offerHelp: false);
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
        var subject = $"Your {sessions.Count} appointments are booked, starting {ShortTime(first)}";
        var body = new EmailBody()
            .Paragraph($"Dear {first.PatientName},")
            .Paragraph($"Your course of {first.TreatmentName} at {first.Clinic.Name} with {first.ClinicianName} is booked: "
                + $"{sessions.Count} appointments, each {Minutes(first.EndUtc - first.StartUtc)}, at {first.Clinic.Address}.")
            .Heading("Your appointments");
        foreach (var (session, number) in sessions.Select((s, i) => (s, i + 1)))
        {
            var line = $"{number}. {FormatClinicTime(session.StartUtc, session.Clinic.TimeZone)}, reference {session.Reference}";
            if (session.ManageUrl is { } url)
            {
                body.Link(line, "Change or cancel this one", url);
            }
            else
            {
                body.Paragraph(line);
            }
        }

        body.Paragraph($"The attached calendar file ({InviteFileName}) adds every appointment to your calendar at once.");
        AddPreparation(body);
        AddSignOff(body, first, offerHelp: true);
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
    public static string FormatClinicTime(DateTime utc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = ToClinicTime(utc, zone);
        return FormatLocal(local) + $" ({ZoneLabel(zone, local)})";
    }

    // Subjects stay short: the body names the time zone.
    private static string ShortTime(BookingEmailModel booking) => FormatLocal(ToClinicTime(booking.StartUtc, booking.Clinic.TimeZone));

    private static DateTime ToClinicTime(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    // Invariant culture: English day and month names whatever the server's culture.
    private static string FormatLocal(DateTime local) => local.ToString("dddd d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture);

    // "Pakistan Standard Time" reads as "Pakistan time"; a zone whose name changes with the season
    // (Greenwich Mean Time / British Summer Time) is named as it is on that day.
    private static string ZoneLabel(TimeZoneInfo zone, DateTime local)
    {
        const string standard = " Standard Time";
        if (zone.StandardName.EndsWith(standard, StringComparison.Ordinal))
        {
            return zone.StandardName[..^standard.Length] + " time";
        }

        var name = zone.IsDaylightSavingTime(local) ? zone.DaylightName : zone.StandardName;
        return string.IsNullOrWhiteSpace(name) || name.Contains('/', StringComparison.Ordinal) ? "clinic time" : name;
    }

    private static (string, string)[] Details(BookingEmailModel booking, string when) =>
    [
        ("Reference", booking.Reference),
        ("When", when),
        ("Length", Minutes(booking.EndUtc - booking.StartUtc)),
        ("Appointment", booking.TreatmentName),
        ("With", booking.ClinicianName),
        ("Where", booking.Clinic.Address),
    ];

    private static string Minutes(TimeSpan length) =>
        length.TotalMinutes == 1 ? "1 minute" : string.Create(CultureInfo.InvariantCulture, $"{(int)length.TotalMinutes} minutes");

    private static void AddChangeOrCancel(EmailBody body, BookingEmailModel booking)
    {
        if (booking.ManageUrl is { } url)
        {
            body.Link(
                "To change or cancel, use your personal link below. Please keep this email: for your security we cannot send the link again.",
                "Change or cancel your appointment",
                url);
        }
        else
        {
            body.Paragraph($"To change or cancel, please call us on {booking.Clinic.Phone}.");
        }
    }

    private static void AddPreparation(EmailBody body) =>
        body.Heading("Please bring")
            .Bullets(
                "a list of the medicines you take at the moment, if any",
                "results of earlier tests, and any prescriptions, to do with your hair or scalp",
                "photos of your hair from before it changed, if you have some")
            .Paragraph("Please arrive 10 minutes before your appointment time. Come with clean, dry hair and no gel, wax, "
                + "spray or other styling product, so that your scalp can be seen clearly.");

    // offerHelp: false where the email has just given the phone number for changes, so it is not said twice.
    private static void AddSignOff(EmailBody body, BookingEmailModel booking, bool offerHelp)
    {
        if (offerHelp)
        {
            body.Paragraph($"If you have any questions, call us on {booking.Clinic.Phone}.");
        }

        body.Lines("Kind regards,", booking.Clinic.Name, booking.Clinic.Address, booking.Clinic.Phone);
    }

    private (byte[] Content, bool Cancelled) Invite(BookingEmailModel booking, bool cancelled, int sequence)
    {
        var entry = Entry(booking, cancelled, sequence);
        return (calendar.Create([entry], booking.Clinic.Name, booking.Clinic.Email, cancelled), cancelled);
    }

    private static CalendarInvite.Entry Entry(BookingEmailModel booking, bool cancelled, int sequence)
    {
        var description = $"Reference {booking.Reference}, with {booking.ClinicianName}. "
            + (booking.ManageUrl is { } url && !cancelled
                ? $"To change or cancel: {url}"
                : $"Questions: call {booking.Clinic.Phone}.");
        return new CalendarInvite.Entry(
            Uid(booking), booking.StartUtc, booking.EndUtc, $"Appointment at {booking.Clinic.Name}", booking.Clinic.Address,
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
