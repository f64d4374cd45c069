using DynamicClinic.Domain.Appointments;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DynamicClinic.IntegrationTests.Infrastructure.Email;

/// <summary>The day-before reminder on a real SQLite database; the clock is the factory's fixed "now".</summary>
public class ReminderSchedulerTests
{
    [Fact]
    public async Task QueuesOneReminderForABookingWithinTheLeadTimeOnly()
    {
        await using var site = EmailAppFactory.WithPickupDirectory();
        var soon = await TestAppointments.AddAsync(site, "DC-RMD001", TimeSpan.FromHours(20));
        var later = await TestAppointments.AddAsync(site, "DC-RMD002", TimeSpan.FromHours(30));
        var cancelled = await TestAppointments.AddAsync(site, "DC-RMD003", TimeSpan.FromHours(20), AppointmentStatus.Cancelled);
        var noEmail = await TestAppointments.AddAsync(site, "DC-RMD004", TimeSpan.FromHours(20), email: null);
        var past = await TestAppointments.AddAsync(site, "DC-RMD005", TimeSpan.FromHours(-1));
        var scheduler = site.Get<ReminderScheduler>();

        await scheduler.QueueDueRemindersAsync(CancellationToken.None);
        var again = await scheduler.QueueDueRemindersAsync(CancellationToken.None);

        Assert.Equal(0, again);
        var reminder = Assert.Single(await site.OutboxAsync(), m => m.Kind == EmailKinds.Reminder);
        Assert.Equal(soon, reminder.AppointmentId);
        Assert.Equal("patient-DC-RMD001@example.com", reminder.ToAddress);
        var reference = await site.WithDbAsync(db => db.Appointments.Where(a => a.Id == soon).Select(a => a.Reference).SingleAsync());
        Assert.Contains(reference, reminder.Subject, StringComparison.Ordinal);
        Assert.Contains($"/booking/{reference}?token=", reminder.TextBody, StringComparison.Ordinal);
        var queuedAt = await site.WithDbAsync(db => db.Appointments.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.ReminderQueuedUtc));
        Assert.Equal(ClinicAppFactory.DefaultNow.UtcDateTime, queuedAt[soon]);
        Assert.Null(queuedAt[later]);
        Assert.Null(queuedAt[cancelled]);
        Assert.Null(queuedAt[noEmail]);
        Assert.Null(queuedAt[past]);
    }

    [Fact]
    public async Task LaterAppointmentGetsItsReminderOnceItEntersTheLeadTime()
    {
        await using var site = EmailAppFactory.WithPickupDirectory();
        var later = await TestAppointments.AddAsync(site, "DC-RMD011", TimeSpan.FromHours(30));
        var scheduler = site.Get<ReminderScheduler>();

        Assert.Equal(0, await scheduler.QueueDueRemindersAsync(CancellationToken.None));
        site.Clock.Advance(TimeSpan.FromHours(7));
        Assert.Equal(1, await scheduler.QueueDueRemindersAsync(CancellationToken.None));
        Assert.Equal(0, await scheduler.QueueDueRemindersAsync(CancellationToken.None));

        Assert.Equal(later, Assert.Single(await site.OutboxAsync()).AppointmentId);
    }

    [Fact]
    public async Task SchedulersRacingOnOneDatabaseQueueEachReminderOnce()
    {
        await using var site = EmailAppFactory.WithPickupDirectory();
        for (var i = 1; i <= 5; i++)
        {
            await TestAppointments.AddAsync(site, $"DC-RMD02{i}", TimeSpan.FromHours(10 + i));
        }

        // Four schedulers, as if four instances of the site woke at the same moment.
        var schedulers = Enumerable.Range(0, 4).Select(_ => ActivatorUtilities.CreateInstance<ReminderScheduler>(site.Services)).ToList();
        var queued = await Task.WhenAll(schedulers.Select(s => s.QueueDueRemindersAsync(CancellationToken.None)));

        var reminders = (await site.OutboxAsync()).Where(m => m.Kind == EmailKinds.Reminder).ToList();
        Assert.Equal(5, reminders.Count);
        Assert.Equal(5, reminders.Select(m => m.AppointmentId).Distinct().Count());
        Assert.Equal(5, queued.Sum());
    }
}
