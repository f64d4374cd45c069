using DynamicClinic.IntegrationTests.Infrastructure.Email;
using DynamicClinic.Web.Infrastructure.Email;
using DynamicClinic.Web.Infrastructure.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DynamicClinic.IntegrationTests.Infrastructure.Email;

/// <summary>The reminder scheduler takes its lead time from the clinic's settings, read afresh on each pass.</summary>
public class ReminderLeadTimeTests
{
    [Fact]
    public async Task ALongerLeadTimeInTheSettingsQueuesRemindersEarlierFromTheNextPass()
    {
        await using var site = EmailAppFactory.WithPickupDirectory();
        var inTwoDays = await TestAppointments.AddAsync(site, "DC-LEAD01", TimeSpan.FromHours(48));
        var scheduler = site.Get<ReminderScheduler>();
        await site.WithScopeAsync(services => services.GetRequiredService<ClinicSettingsService>().SeedAsync());

        var withADay = await scheduler.QueueDueRemindersAsync(CancellationToken.None);
        await site.WithDbAsync(db => db.ClinicSettings.ExecuteUpdateAsync(s => s.SetProperty(x => x.ReminderLeadHours, 72)));
        var withThreeDays = await scheduler.QueueDueRemindersAsync(CancellationToken.None);

        Assert.Equal(0, withADay);
        Assert.Equal(1, withThreeDays);
        Assert.Equal(inTwoDays, Assert.Single(await site.OutboxAsync(), m => m.Kind == EmailKinds.Reminder).AppointmentId);
    }
}
