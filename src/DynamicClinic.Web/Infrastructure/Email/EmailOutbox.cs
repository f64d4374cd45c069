using DynamicClinic.Data;
using DynamicClinic.Data.Outbox;
using DynamicClinic.Domain.Appointments;

namespace DynamicClinic.Web.Infrastructure.Email;

/// <summary>
/// Puts emails into the outbox as part of the caller's unit of work. <see cref="Add"/> only adds the message to the
/// request's <see cref="ClinicDbContext"/>: the caller's own <c>SaveChanges</c> writes it in the same transaction as
/// the booking, so a booking is never saved without its email, nor an email without its booking.
/// </summary>
public sealed class EmailOutbox(ClinicDbContext db, OutboxSignal signal, TimeProvider timeProvider)
{
    private bool _wakeOnSave;

    /// <summary>
    /// Adds the message without saving. After the next successful <c>SaveChanges</c> on this context the sender is
    /// woken; inside an explicit transaction call <see cref="WakeSender"/> after the commit as well, because before
    /// it the sender cannot see the new row and would only find it on its next poll.
    /// </summary>
    public void Add(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (message.CreatedUtc == default)
        {
            message.CreatedUtc = now;
        }

        if (message.NextAttemptUtc == default)
        {
            message.NextAttemptUtc = message.CreatedUtc;
        }

        db.OutboxMessages.Add(message);
        if (!_wakeOnSave)
        {
            _wakeOnSave = true;
            db.SavedChanges += (_, _) => signal.Notify();
        }
    }

    /// <summary>
    /// Adds the message linked to <paramref name="appointment"/>, which may be new in this unit of work (no id yet):
    /// EF Core fills in <see cref="OutboxMessage.AppointmentId"/> when both are saved together.
    /// </summary>
    public void Add(OutboxMessage message, Appointment appointment)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(appointment);
        message.Appointment = appointment;
        Add(message);
    }

    /// <summary>Tells the sender to look now rather than at its next poll.</summary>
    public void WakeSender() => signal.Notify();
}
