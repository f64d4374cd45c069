using DynamicClinic.Data;
using DynamicClinic.Data.Outbox;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Web.Infrastructure;
using DynamicClinic.Web.Infrastructure.Email;
using DynamicClinic.Web.Infrastructure.Settings;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Scheduling;

/// <summary>
/// The one set of messages about appointments, whoever booked: confirmation, a course's dates, move, cancellation
/// and reminder. Each goes to the contact details of the appointment's own patient (never to whoever typed the
/// form: families share phones), carries a fresh manage link of its own, and is queued in the outbox inside the
/// caller's unit of work, so it is sent if and only if the change is saved.
/// </summary>
public sealed class AppointmentNotifications(
    ClinicDbContext db,
    BookingEmails emails,
    EmailOutbox outbox,
    ClinicSettingsService settings,
    SiteLinks links,
    TimeProvider timeProvider)
{
    public async Task QueueConfirmedAsync(Appointment appointment, CancellationToken cancellationToken)
    {
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
        if (string.IsNullOrWhiteSpace(names.Email))
        {
            return;
        }

        var models = sessions.Select(session => Model(session, names)).ToList();
        outbox.Add(emails.CourseBooked(models), sessions[0]);
    }

    public async Task QueueMovedAsync(Appointment appointment, DateTime previousStartUtc, CancellationToken cancellationToken)
    {
        if (await ModelAsync(appointment, cancellationToken) is { } model)
        {
            outbox.Add(emails.BookingRescheduled(model, previousStartUtc), appointment);
        }
    }

    public async Task QueueCancelledAsync(Appointment appointment, CancellationToken cancellationToken)
    {
        if (await ModelAsync(appointment, cancellationToken) is { } model)
        {
            outbox.Add(emails.BookingCancelled(model), appointment);
        }
    }

    /// <summary>The day-before reminder, or null when the patient has no email.</summary>
    public async Task<OutboxMessage?> QueueReminderAsync(Appointment appointment, CancellationToken cancellationToken)
    {
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
            appointment.StartUtc, appointment.EndUtc, settings.Contact, manageUrl, BookingEmailModel.CalendarSequence(appointment));
        return emails.CalendarFile(model, cancelled: appointment.Status == AppointmentStatus.Cancelled);
    }

    /// <summary>After the caller's transaction committed: send now rather than at the next poll.</summary>
    public void WakeSender() => outbox.WakeSender();

    private async Task<BookingEmailModel?> ModelAsync(Appointment appointment, CancellationToken cancellationToken)
    {
        var names = await NamesAsync(appointment, cancellationToken);
        // No email address, no email: the clinic phones patients who gave none.
        return string.IsNullOrWhiteSpace(names.Email) ? null : Model(appointment, names);
    }

    private BookingEmailModel Model(Appointment appointment, Names names)
    {
        // The appointment may be new in this unit of work: its reference exists already, its id not yet.
        var token = appointment.IssueManageToken(timeProvider.GetUtcNow().UtcDateTime);
        return new BookingEmailModel(
            appointment.Id, appointment.Reference, names.Patient, names.Email!, names.Treatment, names.Clinician,
            appointment.StartUtc, appointment.EndUtc, settings.Contact, links.ManageUrl(appointment.Reference, token),
            BookingEmailModel.CalendarSequence(appointment));
    }

    private sealed record Names(string Patient, string? Email, string Treatment, string Clinician);

    // Always the appointment's own patient: the record it points at (or the new one saved with it).
    private async Task<Names> NamesAsync(Appointment appointment, CancellationToken cancellationToken)
    {
        var patient = appointment.Patient is { } p
            ? (p.FullName, p.Email)
            : await db.Patients.AsNoTracking().Where(x => x.Id == appointment.PatientId).Select(x => new ValueTuple<string, string?>(x.FullName, x.Email)).FirstAsync(cancellationToken);
        var treatment = appointment.Treatment?.Name
            ?? await db.Treatments.AsNoTracking().Where(t => t.Id == appointment.TreatmentId).Select(t => t.Name).FirstAsync(cancellationToken);
        var clinician = appointment.Clinician is { } c && c.Id == appointment.ClinicianId
            ? c.DisplayName
            : await db.Clinicians.AsNoTracking().Where(x => x.Id == appointment.ClinicianId).Select(x => x.DisplayName).FirstAsync(cancellationToken);
        return new Names(patient.Item1, patient.Item2, treatment, clinician);
    }
}
