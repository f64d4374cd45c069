using DynamicClinic.Domain.Appointments;
using DynamicClinic.Web.Infrastructure.Email;
using DynamicClinic.Web.Infrastructure.Settings;

namespace DynamicClinic.Web.Features.Booking;

/// <summary>Queues the patient's booking emails in the outbox, inside the caller's unit of work.</summary>
public sealed class BookingNotifications(BookingEmails emails, EmailOutbox outbox, ClinicSettingsService settings)
{
    public sealed record Names(string Patient, string? Email, string Treatment, string Clinician);

    public void QueueConfirmed(Appointment appointment, Names names, string manageUrl) =>
        Queue(appointment, names, manageUrl, emails.BookingConfirmed);

    public void QueueRescheduled(Appointment appointment, Names names, string? manageUrl, DateTime previousStartUtc) =>
        Queue(appointment, names, manageUrl, model => emails.BookingRescheduled(model, previousStartUtc));

    public void QueueCancelled(Appointment appointment, Names names) =>
        Queue(appointment, names, null, emails.BookingCancelled);

    /// <summary>After the caller's transaction committed: send now rather than at the next poll.</summary>
    public void WakeSender() => outbox.WakeSender();

    private void Queue(Appointment appointment, Names names, string? manageUrl, Func<BookingEmailModel, Data.Outbox.OutboxMessage> compose)
    {
        // No email address, no email: the clinic phones patients who booked by phone.
        if (string.IsNullOrWhiteSpace(names.Email))
        {
            return;
        }

        var model = new BookingEmailModel(
            appointment.Id, appointment.Reference, names.Patient, names.Email, names.Treatment, names.Clinician,
            appointment.StartUtc, appointment.EndUtc, settings.Contact, manageUrl);
        var message = compose(model);
        // The appointment may not have an id yet: link by navigation so both are saved together.
        message.AppointmentId = null;
        message.Appointment = appointment;
        outbox.Add(message);
    }
}
