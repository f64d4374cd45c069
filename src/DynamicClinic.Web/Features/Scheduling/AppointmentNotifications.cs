using DynamicClinic.Data;
using DynamicClinic.Data.Outbox;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Messaging;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Features.Treatments;
using DynamicClinic.Web.Infrastructure;
using DynamicClinic.Web.Infrastructure.Email;
using DynamicClinic.Web.Infrastructure.Messaging;
using DynamicClinic.Web.Infrastructure.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Features.Scheduling;

/// <summary>
/// The one set of messages about appointments, whoever booked: confirmation, a course's dates, move, cancellation
/// and reminder. Each goes to the contact details of the appointment's own patient (never to whoever typed the
/// form: families share phones), carries a fresh manage link of its own, and is queued in the outbox inside the
/// caller's unit of work, so it is sent if and only if the change is saved. It goes by the patient's channel
/// (<see cref="ContactChannels.Chain"/>): WhatsApp or SMS as a short text naming the clinic, date, time and reference
/// (the treatment only when the clinic chose so), or email as before; a patient no channel can reach gets none.
/// </summary>
public sealed class AppointmentNotifications(
    ClinicDbContext db,
    BookingEmails emails,
    EmailOutbox outbox,
    ClinicSettingsService settings,
    SiteLinks links,
    TextSenders texts,
    TimeProvider timeProvider)
{
    /// <summary>The words for messages that belong to no appointment (a waitlist offer): English.</summary>
    public const string DefaultLanguage = TextTemplates.English;

    public async Task QueueConfirmedAsync(Appointment appointment, CancellationToken cancellationToken)
    {
        if (await TextAsync(appointment, EmailKinds.BookingConfirmed, TextTemplates.Confirmed, cancellationToken) is not null)
        {
            return;
        }

        if (await ModelAsync(appointment, cancellationToken) is { } model)
        {
            outbox.Add(emails.BookingConfirmed(model), appointment);
        }
    }

    /// <summary>Every session of a course in one email with one calendar file.</summary>
    public async Task QueueCourseAsync(IReadOnlyList<Appointment> sessions, CancellationToken cancellationToken)
    {
        // One patient, treatment and clinician for the whole course: looked up once, not once a session.
        var names = await NamesAsync(sessions[0], cancellationToken);
        if (FirstChannel(names.Record) is { } channel && channel != ContactChannel.Email)
        {
            var first = sessions[0];
            var language = first.Language.Code();
            var (date, time) = TextTemplates.DateAndTime(first.StartUtc, settings.Contact.TimeZone, language);
            List<string> parameters = [settings.Contact.Name, sessions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), date, time, first.Reference];
            outbox.Add(Text(channel, names.Record, EmailKinds.CourseBooked, TextTemplates.Course, parameters, names.Treatment, first.Reference, language), first);
            return;
        }

        if (string.IsNullOrWhiteSpace(names.Email) || FirstChannel(names.Record) is null)
        {
            return;
        }

        var models = sessions.Select(session => Model(session, names)).ToList();
        outbox.Add(emails.CourseBooked(models), sessions[0]);
    }

    public async Task QueueMovedAsync(Appointment appointment, DateTime previousStartUtc, CancellationToken cancellationToken)
    {
        if (await TextAsync(appointment, EmailKinds.BookingRescheduled, TextTemplates.Moved, cancellationToken) is not null)
        {
            return;
        }

        if (await ModelAsync(appointment, cancellationToken) is { } model)
        {
            outbox.Add(emails.BookingRescheduled(model, previousStartUtc), appointment);
        }
    }

    public async Task QueueCancelledAsync(Appointment appointment, CancellationToken cancellationToken)
    {
        if (await TextAsync(appointment, EmailKinds.BookingCancelled, TextTemplates.Cancelled, cancellationToken) is not null)
        {
            return;
        }

        if (await ModelAsync(appointment, cancellationToken) is { } model)
        {
            outbox.Add(emails.BookingCancelled(model), appointment);
        }
    }

    /// <summary>The day-before reminder (with Confirm, Cancel and Call me replies by text), or null when no channel reaches the patient.</summary>
    public async Task<OutboxMessage?> QueueReminderAsync(Appointment appointment, CancellationToken cancellationToken)
    {
        if (await TextAsync(appointment, EmailKinds.Reminder, TextTemplates.Reminder, cancellationToken) is { } text)
        {
            return text;
        }

        if (await ModelAsync(appointment, cancellationToken) is not { } model)
        {
            return null;
        }

        var message = emails.Reminder(model);
        outbox.Add(message, appointment);
        return message;
    }

    /// <summary>The calendar file for the appointment as it stands (the confirmation and manage pages offer it).</summary>
    public async Task<byte[]> CalendarFileAsync(Appointment appointment, string manageUrl, CancellationToken cancellationToken)
    {
        var names = await NamesAsync(appointment, cancellationToken);
        var model = new BookingEmailModel(
            appointment.Id, appointment.Reference, names.Patient, names.Email ?? "", names.Treatment, names.Clinician,
            appointment.StartUtc, appointment.EndUtc, settings.Contact, manageUrl, BookingEmailModel.CalendarSequence(appointment), appointment.Language);
        return emails.CalendarFile(model, cancelled: appointment.Status == AppointmentStatus.Cancelled);
    }

    /// <summary>After the caller's transaction committed: send now rather than at the next poll.</summary>
    public void WakeSender() => outbox.WakeSender();

    private async Task<BookingEmailModel?> ModelAsync(Appointment appointment, CancellationToken cancellationToken)
    {
        var names = await NamesAsync(appointment, cancellationToken);
        // No email address, no email: the clinic phones patients who gave none.
        return string.IsNullOrWhiteSpace(names.Email) || FirstChannel(names.Record) != ContactChannel.Email ? null : Model(appointment, names);
    }

    /// <summary>Queues the message as a WhatsApp or SMS text when that is the patient's first usable channel.</summary>
    private async Task<OutboxMessage?> TextAsync(Appointment appointment, string kind, string template, CancellationToken cancellationToken)
    {
        var names = await NamesAsync(appointment, cancellationToken);
        if (FirstChannel(names.Record) is not { } channel || channel == ContactChannel.Email)
        {
            return null;
        }

        var language = appointment.Language.Code();
        var parameters = TextTemplates.Parameters(settings.Contact.Name, appointment.StartUtc, settings.Contact.TimeZone, appointment.Reference, null, language);
        var message = Text(channel, names.Record, kind, template, parameters, names.Treatment, appointment.Reference, language);
        outbox.Add(message, appointment);
        return message;
    }

    // In the appointment's language: the WhatsApp template of that language, the SMS in its words.
    private OutboxMessage Text(ContactChannel channel, Patient patient, string kind, string template, List<string> parameters, string treatment, string reference, string language)
    {
        var namesTreatment = settings.MessagesNameTreatment;
        if (namesTreatment)
        {
            parameters.Add(treatment);
        }

        var name = TextTemplates.Name(template, namesTreatment);
        return new OutboxMessage
        {
            Kind = kind,
            Channel = channel,
            ToAddress = patient.PhoneE164,
            // Not personal: the sender's logs and the appointment page name messages by kind and reference.
            Subject = $"{kind} {reference}",
            TextBody = TextTemplates.Render(name, language, parameters, channel),
            Template = name,
            Language = language,
            TemplateParameters = TextTemplates.SerialiseParameters(parameters),
        };
    }

    private ContactChannel? FirstChannel(Patient patient) =>
        ContactChannels.Chain(patient, texts.Enabled) is [var first, ..] ? first : null;

    private BookingEmailModel Model(Appointment appointment, Names names)
    {
        // The appointment may be new in this unit of work: its reference exists already, its id not yet.
        var token = appointment.IssueManageToken(timeProvider.GetUtcNow().UtcDateTime);
        return new BookingEmailModel(
            appointment.Id, appointment.Reference, names.Patient, names.Email!, names.Treatment, names.Clinician,
            appointment.StartUtc, appointment.EndUtc, settings.Contact, links.ManageUrl(appointment.Reference, token, appointment.Language),
            BookingEmailModel.CalendarSequence(appointment), appointment.Language);
    }

    private sealed record Names(string Patient, string? Email, string Treatment, string Clinician, Patient Record);

    // Always the appointment's own patient: the record it points at (or the new one saved with it).
    private async Task<Names> NamesAsync(Appointment appointment, CancellationToken cancellationToken)
    {
        var record = appointment.Patient is { } p
            ? p
            : await db.Patients.AsNoTracking().Where(x => x.Id == appointment.PatientId).FirstAsync(cancellationToken);
        var patient = (record.FullName, record.Email);
        var row = appointment.Treatment is { } t && t.Id == appointment.TreatmentId
            ? new { t.Slug, t.Name }
            : await db.Treatments.AsNoTracking().Where(x => x.Id == appointment.TreatmentId).Select(x => new { x.Slug, x.Name }).FirstAsync(cancellationToken);
        // The treatment named in the message's language, as the booking pages named it.
        var treatment = TreatmentCatalogue.NameFor(row.Slug, row.Name, appointment.Language == PatientLanguage.Urdu);
        var clinician = appointment.Clinician is { } c && c.Id == appointment.ClinicianId
            ? c.DisplayName
            : await db.Clinicians.AsNoTracking().Where(x => x.Id == appointment.ClinicianId).Select(x => x.DisplayName).FirstAsync(cancellationToken);
        return new Names(patient.FullName, patient.Email, treatment, clinician, record);
    }
}
