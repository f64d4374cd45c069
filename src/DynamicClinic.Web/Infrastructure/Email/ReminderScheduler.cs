using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Web.Features.Patients;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Infrastructure.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Infrastructure.Email;

/// <summary>
/// Queues the day-before reminder: every <see cref="EmailOptions.ReminderCheckInterval"/> (or when
/// <see cref="ReminderSignal"/> is notified) it finds booked appointments starting within
/// the reminder lead time of the clinic's settings (<see cref="ClinicSettingsService.ReminderLeadTime"/>, read
/// afresh each pass) that have no reminder yet. Each reminder is written in one
/// <c>SaveChanges</c> with the appointment's <see cref="Appointment.ReminderQueuedUtc"/> and a new
/// <see cref="Appointment.Version"/>: if another instance (or a member of staff) changed the appointment first, the
/// concurrency check rolls both back, so a reminder is queued once at most.
/// </summary>
public sealed class ReminderScheduler(
    IServiceScopeFactory scopeFactory,
    ReminderSignal signal,
    OutboxSignal outboxSignal,
    TimeProvider timeProvider,
    IOptions<EmailOptions> options,
    ILogger<ReminderScheduler> logger) : BackgroundService
{
    /// <summary>Appointments looked at per pass; a busy clinic has far fewer in a day.</summary>
    public const int BatchSize = 100;

    private readonly EmailOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.SendReminders)
        {
            return;
        }

        // Wait first: reminders are not urgent, and start-up (often several instances at once) is busy enough.
        while (await WaitAsync(stoppingToken))
        {
            try
            {
                int queued;
                do
                {
                    queued = await QueueDueRemindersAsync(stoppingToken);
                }
                while (queued >= BatchSize);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Reminder pass failed");
            }
        }
    }

    private async Task<bool> WaitAsync(CancellationToken stoppingToken)
    {
        try
        {
            await signal.WaitAsync(_options.ReminderCheckInterval, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>One pass. Returns how many reminders this call queued.</summary>
    public async Task<int> QueueDueRemindersAsync(CancellationToken cancellationToken)
    {
        if (!_options.SendReminders)
        {
            return 0;
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<ClinicDbContext>();
        var notifications = services.GetRequiredService<Features.Scheduling.AppointmentNotifications>();
        var settings = services.GetRequiredService<ClinicSettingsService>();
        await settings.GetAsync(cancellationToken);

        var enabled = services.GetRequiredService<Messaging.TextSenders>().Enabled;
        var texting = enabled.Contains(Domain.Messaging.ContactChannel.WhatsApp) || enabled.Contains(Domain.Messaging.ContactChannel.Sms);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var until = now + settings.ReminderLeadTime;
        // The range on StartUtc uses its index; the other conditions only narrow a day's appointments.
        var due = await db.Appointments
            .Include(a => a.Patient)
            .Include(a => a.Treatment)
            .Include(a => a.Clinician)
            .Where(a => a.StartUtc > now && a.StartUtc <= until)
            .Where(a => a.Status == AppointmentStatus.Booked && a.ReminderQueuedUtc == null)
            // Reachable by email, or by text when a text channel is on; AppointmentNotifications picks the channel.
            .Where(a => (a.Patient!.Email != null && a.Patient.Email != "") || (texting && a.Patient.TextOptOutUtc == null && a.Patient.AnonymisedUtc == null))
            .OrderBy(a => a.StartUtc)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        var queued = 0;
        foreach (var appointment in due)
        {
            // The reminder carries a manage link of its own (a fresh secret, stored hashed with the reminder).
            await notifications.QueueReminderAsync(appointment, cancellationToken);
            appointment.ReminderQueuedUtc = now;
            appointment.Version = Guid.NewGuid();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                queued++;
                logger.LogInformation("Reminder queued for appointment {AppointmentId}", appointment.Id);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone else changed it first (another instance queued the reminder, or staff moved or cancelled it).
                // Forget our version; the next pass reads the appointment afresh.
                foreach (var added in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
                {
                    added.State = EntityState.Detached;
                }

                db.Entry(appointment).State = EntityState.Detached;
            }
        }

        if (queued > 0)
        {
            outboxSignal.Notify();
        }

        return queued;
    }
}
