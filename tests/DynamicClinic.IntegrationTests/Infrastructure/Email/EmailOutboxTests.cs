using DynamicClinic.Data;
using DynamicClinic.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DynamicClinic.IntegrationTests.Infrastructure.Email;

/// <summary>How the booking feature uses the outbox: the email is saved with the appointment, in one SaveChanges.</summary>
public class EmailOutboxTests
{
    [Fact]
    public async Task ConfirmationSavedWithANewAppointmentIsLinkedToItAndSent()
    {
        await using var site = EmailAppFactory.WithPickupDirectory();

        int appointmentId;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<ClinicDbContext>();
            var appointment = await TestAppointments.NewAsync(db, "DC-OUTBOX1", TimeSpan.FromDays(3));
            db.Appointments.Add(appointment);
            var model = BookingEmailModel.From(appointment, services.GetRequiredService<ClinicContact>(), "https://localhost/manage/x?token=secret");
            services.GetRequiredService<EmailOutbox>().Add(services.GetRequiredService<BookingEmails>().BookingConfirmed(model), appointment);

            await db.SaveChangesAsync();
            appointmentId = appointment.Id;
        }

        var message = (await Eventually.WaitForAsync(site.OutboxAsync, rows => rows.Single().SentUtc is not null, "the confirmation to be sent")).Single();
        Assert.Equal(appointmentId, message.AppointmentId);
        Assert.Equal(EmailKinds.BookingConfirmed, message.Kind);
    }

    [Fact]
    public async Task NothingIsSavedOrSentWhenTheCallerDoesNotSave()
    {
        await using var site = EmailAppFactory.WithPickupDirectory();

        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
            var appointment = await TestAppointments.NewAsync(db, "DC-OUTBOX2", TimeSpan.FromDays(3));
            var model = BookingEmailModel.From(appointment, scope.ServiceProvider.GetRequiredService<ClinicContact>());
            scope.ServiceProvider.GetRequiredService<EmailOutbox>().Add(scope.ServiceProvider.GetRequiredService<BookingEmails>().BookingConfirmed(model), appointment);
        }

        Assert.Equal(0, await site.WithDbAsync(db => db.OutboxMessages.CountAsync()));
    }
}
