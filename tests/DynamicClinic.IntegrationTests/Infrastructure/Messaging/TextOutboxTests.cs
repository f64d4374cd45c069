using System.Net;
using DynamicClinic.Data;
using DynamicClinic.Data.Outbox;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Messaging;
using DynamicClinic.IntegrationTests.Admin;
using DynamicClinic.IntegrationTests.Infrastructure.Email;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Infrastructure.Email;
using DynamicClinic.Web.Infrastructure.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DynamicClinic.IntegrationTests.Infrastructure.Messaging;

/// <summary>Every appointment message by WhatsApp and SMS through the outbox, against the fake providers on loopback.</summary>
public class TextOutboxTests
{
    private const string Mobile = "+923001234567";

    public static TheoryData<ContactChannel, string> EveryKind()
    {
        var data = new TheoryData<ContactChannel, string>();
        foreach (var channel in new[] { ContactChannel.WhatsApp, ContactChannel.Sms })
        {
            foreach (var kind in new[] { EmailKinds.BookingConfirmed, EmailKinds.BookingRescheduled, EmailKinds.BookingCancelled, EmailKinds.Reminder, EmailKinds.CourseBooked })
            {
                data.Add(channel, kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryKind))]
    public async Task EveryNotificationGoesByThePatientsChannelNamingNothingClinical(ContactChannel channel, string kind)
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake);
        var appointment = await site.AddAppointmentAsync(Mobile, email: "someone@example.com", preferred: channel);

        await QueueAsync(site, appointment.Id, kind);
        var rows = await Eventually.WaitForAsync(site.OutboxAsync, r => r.Count == 1 && r[0].SentUtc is not null, "the text to be sent");

        Assert.Empty(fake.Problems);
        var sent = Assert.Single(fake.Messages);
        var row = rows[0];
        Assert.Equal(channel, row.Channel);
        Assert.Equal(sent.Id, row.ProviderMessageId);
        Assert.Equal(DeliveryStates.Sent, row.DeliveryState);
        Assert.Equal(Mobile, sent.To);
        if (channel == ContactChannel.WhatsApp)
        {
            Assert.Equal("WhatsApp", sent.Provider);
            Assert.Equal("en", sent.Language);
            Assert.Contains(appointment.Reference, sent.Parameters);
            Assert.Equal("Dynamic Clinic", sent.Parameters[0]);
            Assert.DoesNotContain("Consultation", sent.Parameters);
            Assert.Equal(kind == EmailKinds.Reminder
                ? [$"CONFIRM|{appointment.Reference}", $"CANCEL|{appointment.Reference}", $"CALL_ME|{appointment.Reference}"]
                : [], sent.ButtonPayloads);
        }
        else
        {
            Assert.Equal("Twilio", sent.Provider);
            Assert.Contains(appointment.Reference, sent.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Consultation", sent.Text, StringComparison.Ordinal);
            Assert.Equal(kind == EmailKinds.Reminder, sent.Text!.Contains("Reply 1 to confirm", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task TheAdminsSettingNamesTheTreatmentFromTheNextMessage()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake);
        await site.SeedDemoDataAsync();
        var before = await site.AddAppointmentAsync(Mobile);
        // The demo data has appointments of its own (and their emails): only this test's two appointments count here.
        List<int> ours = [before.Id];
        Task<List<OutboxMessage>> TextsAsync() => site.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.AppointmentId != null && ours.Contains(m.AppointmentId.Value)).OrderBy(m => m.Id).ToListAsync());
        await QueueAsync(site, before.Id, EmailKinds.BookingConfirmed);
        await Eventually.WaitForAsync(TextsAsync, r => r.Count == 1 && r[0].SentUtc is not null, "the first text to be sent");

        using var admin = await site.SignedInClientAsync(DemoDataSeeder.AdminEmail);
        var preview = WebUtility.HtmlDecode(await admin.GetStringAsync("/staff/admin/messages"));
        Assert.Contains("The treatment's name is left out", preview, StringComparison.Ordinal);
        using var saved = await admin.SaveSettingsAsync(f => f["MessagesNameTreatment"] = "true");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("The treatment's name is included", WebUtility.HtmlDecode(await admin.GetStringAsync("/staff/admin/messages")), StringComparison.Ordinal);

        var after = await site.AddAppointmentAsync(Mobile, fromNow: TimeSpan.FromDays(3));
        ours.Add(after.Id);
        await QueueAsync(site, after.Id, EmailKinds.BookingConfirmed);
        await Eventually.WaitForAsync(TextsAsync, r => r.Count == 2 && r.All(m => m.SentUtc is not null), "the second text to be sent");

        Assert.Empty(fake.Problems);
        var sent = fake.Messages.Where(m => m.Parameters.Contains(before.Reference) || m.Parameters.Contains(after.Reference)).ToList();
        Assert.Equal(["appointment_confirmed", "appointment_confirmed_treatment"], sent.Select(m => m.Template));
        Assert.DoesNotContain("Consultation", sent[0].Parameters);
        Assert.Equal("Consultation", sent[1].Parameters[^1]);
        var audit = await site.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.ClinicSettingsChanged).SingleAsync());
        Assert.Contains("\"MessagesNameTreatment\":false", audit.Before, StringComparison.Ordinal);
        Assert.Contains("\"MessagesNameTreatment\":true", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigurationGivesOnlyTheSettingsFirstValue()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake, settings: ("Messaging:IncludeTreatmentName", "true"));
        var appointment = await site.AddAppointmentAsync(Mobile);

        await QueueAsync(site, appointment.Id, EmailKinds.BookingConfirmed);
        await Eventually.WaitForAsync(site.OutboxAsync, r => r.Count == 1 && r[0].SentUtc is not null, "the text to be sent");

        var sent = Assert.Single(fake.Messages);
        Assert.Empty(fake.Problems);
        Assert.Equal("appointment_confirmed_treatment", sent.Template);
        Assert.Equal("Consultation", sent.Parameters[^1]);
        Assert.True(await site.WithDbAsync(db => db.ClinicSettings.Select(s => s.MessagesNameTreatment).SingleAsync()));
    }

    [Fact]
    public async Task NotAWhatsAppUserFallsBackToSmsThenEmailOnceEach()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        fake.Always[Mobile.TrimStart('+')] = FakeProviders.Failure.NotWhatsAppUser;
        await using var site = new MessagingAppFactory(fake);
        var appointment = await site.AddAppointmentAsync(Mobile, email: "fallback@example.com");

        await QueueAsync(site, appointment.Id, EmailKinds.BookingConfirmed);
        var rows = await Eventually.WaitForAsync(site.OutboxAsync, r => r.Count == 3 && r[2].SentUtc is not null, "WhatsApp, SMS, then email");
        site.Get<OutboxSignal>().Notify();
        await Task.Delay(300);

        Assert.Equal([ContactChannel.WhatsApp, ContactChannel.Sms, ContactChannel.Email], rows.Select(r => r.Channel));
        Assert.All(rows.Take(2), r => Assert.Equal((DeliveryStates.Failed, 1), (r.DeliveryState, r.Attempts)));
        Assert.Equal(rows[0].Id, rows[1].FallbackOfMessageId);
        Assert.Equal(rows[1].Id, rows[2].FallbackOfMessageId);
        Assert.Equal("fallback@example.com", rows[2].ToAddress);
        Assert.Contains(appointment.Reference, rows[2].TextBody, StringComparison.Ordinal);
        Assert.Equal(3, (await site.OutboxAsync()).Count);
        Assert.Equal(2, fake.FailuresPlayed);
        Assert.Empty(fake.Messages);
        Assert.Single(Directory.GetFiles(Path.Combine(Path.GetDirectoryName(site.DatabasePath)!, "mail"), "*.eml"));
    }

    [Theory]
    [InlineData(FakeProviders.Failure.TooManyRequests, 120)]
    [InlineData(FakeProviders.Failure.ServerError, 30)]
    [InlineData(FakeProviders.Failure.Timeout, 30)]
    public async Task PassingFailuresAreRetriedAfterTheirWaitAndSentOnce(FakeProviders.Failure failure, int waitSeconds)
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        fake.Fail(Mobile, failure);
        (string, string)[] settings = failure == FakeProviders.Failure.Timeout ? [("Messaging:TimeoutSeconds", "1")] : [];
        await using var site = new MessagingAppFactory(fake, settings: settings);
        var appointment = await site.AddAppointmentAsync(Mobile);

        await QueueAsync(site, appointment.Id, EmailKinds.BookingConfirmed);
        var failed = (await Eventually.WaitForAsync(site.OutboxAsync, r => r.Count == 1 && r[0].Attempts == 1, "the first attempt")).Single();
        Assert.Null(failed.SentUtc);
        Assert.Null(failed.FailedUtc);
        Assert.Equal(ClinicAppFactory.DefaultNow.UtcDateTime.AddSeconds(waitSeconds), failed.NextAttemptUtc);

        site.Clock.Advance(TimeSpan.FromSeconds(waitSeconds - 1));
        site.Get<OutboxSignal>().Notify();
        await Task.Delay(300);
        Assert.Empty(fake.Messages);

        site.Clock.Advance(TimeSpan.FromSeconds(2));
        site.Get<OutboxSignal>().Notify();
        var sent = (await Eventually.WaitForAsync(site.OutboxAsync, r => r[0].SentUtc is not null, "the retry")).Single();
        Assert.Equal(2, sent.Attempts);
        Assert.Single(fake.Messages);
        Assert.Empty(fake.Problems);
        Assert.DoesNotContain("923001234567", failed.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APatientWithNoEmailAndTextsOffIsNotRemindedAndReceptionCanTell()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake, whatsApp: false, sms: false);
        var appointment = await site.AddAppointmentAsync(Mobile, email: null);

        await QueueAsync(site, appointment.Id, EmailKinds.BookingConfirmed);

        Assert.Empty(await site.OutboxAsync());
        var patient = await site.PatientAsync(appointment.PatientId);
        Assert.Empty(ContactChannels.Chain(patient, site.Get<TextSenders>().Enabled));
    }

    [Fact]
    public async Task TwoInstancesSendingAThousandNextDayRemindersSendEachOnce()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var first = new MessagingAppFactory(fake);
        _ = first.Services;
        await using var second = new MessagingAppFactory(fake, sharedDatabasePath: first.DatabasePath);
        _ = second.Services;

        await first.WithDbAsync(async db =>
        {
            var template = await first.AddAppointmentAsync(Mobile);
            var patient = await db.Patients.SingleAsync(p => p.Id == template.PatientId);
            var now = ClinicAppFactory.DefaultNow.UtcDateTime;
            for (var i = 1; i < 1000; i++)
            {
                var phone = "+92300" + (1000000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var other = new Domain.Patients.Patient { FullName = $"Patient {i}", PhoneE164 = phone, CreatedUtc = now };
                db.Appointments.Add(TestSupport.RecordedAppointments.Recorded(other, template.ClinicianId, template.TreatmentId, now.AddHours(20).AddMinutes(5 * (i % 40)), TimeSpan.FromMinutes(30), bookedUtc: now.AddDays(-7)));
            }

            return await db.SaveChangesAsync();
        });

        // Both instances' reminder passes race, and both senders work the outbox at once.
        var a = first.Get<ReminderScheduler>();
        var b = second.Get<ReminderScheduler>();
        while (true)
        {
            var queued = await Task.WhenAll(a.QueueDueRemindersAsync(CancellationToken.None), b.QueueDueRemindersAsync(CancellationToken.None));
            if (queued.Sum() == 0)
            {
                break;
            }
        }

        first.Get<OutboxSignal>().Notify();
        second.Get<OutboxSignal>().Notify();
        await Eventually.WaitForAsync(first.OutboxAsync, r => r.Count == 1000 && r.All(m => m.SentUtc is not null), "1,000 reminders to be sent");
        await Task.Delay(500);

        Assert.Empty(fake.Problems);
        Assert.Equal(1000, fake.Messages.Count);
        Assert.Equal(1000, fake.Messages.Select(m => m.To).Distinct().Count());
        Assert.All(await first.OutboxAsync(), m => Assert.Equal(1, m.Attempts));
    }

    internal static async Task QueueAsync(MessagingAppFactory site, int appointmentId, string kind)
    {
        await site.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<ClinicDbContext>();
            var notifications = services.GetRequiredService<AppointmentNotifications>();
            var appointment = await db.Appointments.Include(a => a.Patient).SingleAsync(a => a.Id == appointmentId);
            switch (kind)
            {
                case EmailKinds.BookingConfirmed: await notifications.QueueConfirmedAsync(appointment, default); break;
                case EmailKinds.BookingRescheduled: await notifications.QueueMovedAsync(appointment, appointment.StartUtc.AddDays(-1), default); break;
                case EmailKinds.BookingCancelled: await notifications.QueueCancelledAsync(appointment, default); break;
                case EmailKinds.Reminder: await notifications.QueueReminderAsync(appointment, default); break;
                default: await notifications.QueueCourseAsync([appointment], default); break;
            }

            await db.SaveChangesAsync();
        });
    }
}
