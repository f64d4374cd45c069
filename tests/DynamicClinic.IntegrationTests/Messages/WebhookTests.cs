using System.Net;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Messaging;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.IntegrationTests.Infrastructure.Email;
using DynamicClinic.IntegrationTests.Infrastructure.Messaging;
using DynamicClinic.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Messages;

/// <summary>The WhatsApp and Twilio webhooks: signatures, replays, delivery states, and what patients' replies do.</summary>
public class WebhookTests
{
    private const string Mobile = "+923001234567";

    [Fact]
    public async Task VerificationEchoesTheChallengeOnlyForTheRightToken()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake);
        using var client = site.CreateClient();

        var ok = await client.GetAsync($"/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={MessagingAppFactory.VerifyToken}&hub.challenge=1158201444");
        var wrong = await client.GetAsync("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
    }

    [Fact]
    public async Task DeliveryStatesOnlyMoveForwardAndABadSignatureChangesNothing()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake);
        var appointment = await site.AddAppointmentAsync(Mobile);
        await TextOutboxTests.QueueAsync(site, appointment.Id, EmailKinds.BookingConfirmed);
        var id = (await Eventually.WaitForAsync(site.OutboxAsync, r => r.Count == 1 && r[0].ProviderMessageId is not null, "the send")).Single().ProviderMessageId!;

        Assert.Equal(HttpStatusCode.Unauthorized, (await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppStatus(id, "read"), signature: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppStatus(id, "read"), signature: "sha256=" + new string('0', 64))).StatusCode);
        Assert.Equal(DeliveryStates.Sent, (await site.OutboxAsync()).Single().DeliveryState);

        Assert.Equal(HttpStatusCode.OK, (await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppStatus(id, "read"))).StatusCode);
        // Meta reorders and repeats: a late "delivered" and a replayed "read" change nothing.
        Assert.Equal(HttpStatusCode.OK, (await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppStatus(id, "delivered"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppStatus(id, "read"))).StatusCode);

        Assert.Equal(DeliveryStates.Read, (await site.OutboxAsync()).Single().DeliveryState);
    }

    [Fact]
    public async Task MalformedOversizedAndUnsignedBodiesAreRefused()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake);

        Assert.Equal(HttpStatusCode.BadRequest, (await site.PostWhatsAppAsync("{\"entry\": [ oops")).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await site.PostWhatsAppAsync("{\"pad\":\"" + new string('x', 70 * 1024) + "\"}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await site.PostTwilioAsync("/webhooks/twilio/inbound",
            new() { ["MessageSid"] = "SM1", ["From"] = Mobile, ["Body"] = "STOP" }, sign: false)).StatusCode);
        Assert.Empty(await site.InboundAsync());
    }

    [Fact]
    public async Task TheWebhooksAreRateLimitedAndARefusedEventChangesNothing()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake, settings: ("Messaging:WebhookRequestsPerMinute", "3"));
        var appointment = await site.AddAppointmentAsync(Mobile);

        // Unsigned requests count against the limit too: a flood of forgeries cannot keep the limiter busy for free.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppText($"wamid.flood{i}", Mobile, "hi"), signature: null)).StatusCode);
        }

        var confirm = MessagingAppFactory.WhatsAppButton("wamid.limited", Mobile, $"CONFIRM|{appointment.Reference}");
        using var limited = await site.PostWhatsAppAsync(confirm);
        using var twilio = await site.PostTwilioAsync("/webhooks/twilio/inbound", new() { ["MessageSid"] = "SMlimited", ["From"] = Mobile, ["Body"] = "STOP" });

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, twilio.StatusCode);
        Assert.Empty(await site.InboundAsync());
        Assert.Null((await site.AppointmentAsync(appointment.Id)).PatientConfirmedUtc);
    }

    [Fact]
    public async Task ConfirmButtonConfirmsOnceEvenWhenTheWebhookIsReplayed()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake);
        var appointment = await site.AddAppointmentAsync(Mobile);

        var body = MessagingAppFactory.WhatsAppButton("wamid.in1", Mobile, $"CONFIRM|{appointment.Reference}");
        Assert.Equal(HttpStatusCode.OK, (await site.PostWhatsAppAsync(body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.PostWhatsAppAsync(body)).StatusCode);

        Assert.Equal(ClinicAppFactory.DefaultNow.UtcDateTime, (await site.AppointmentAsync(appointment.Id)).PatientConfirmedUtc);
        var inbound = Assert.Single(await site.InboundAsync());
        Assert.Equal(PatientReplyKind.Confirm, inbound.Kind);
        Assert.NotNull(inbound.ReadUtc);
        var answer = Assert.Single(await site.OutboxAsync());
        Assert.Contains("is confirmed", answer.TextBody, StringComparison.Ordinal);
        Assert.Single(await site.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.ReplyConfirmed).ToListAsync()));
    }

    [Fact]
    public async Task CancelReplyCancelsBeforeTheCutoffAndAsksToCallAfterIt()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake);
        var early = await site.AddAppointmentAsync(Mobile, fromNow: TimeSpan.FromDays(3));
        var late = await site.AddAppointmentAsync("+923009876543", fromNow: TimeSpan.FromHours(2));

        await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppButton("wamid.c1", Mobile, $"CANCEL|{early.Reference}"));
        await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppButton("wamid.c2", "+923009876543", $"CANCEL|{late.Reference}"));

        Assert.Equal(AppointmentStatus.Cancelled, (await site.AppointmentAsync(early.Id)).Status);
        Assert.Equal(AppointmentStatus.Booked, (await site.AppointmentAsync(late.Id)).Status);
        var inbound = await site.InboundAsync();
        Assert.NotNull(inbound[0].ReadUtc);
        Assert.Null(inbound[1].ReadUtc); // reception sees the request
        Assert.Contains("call", inbound[1].Outcome, StringComparison.OrdinalIgnoreCase);
        var outbox = await site.OutboxAsync();
        Assert.Contains(outbox, m => m.Kind == EmailKinds.BookingCancelled && m.AppointmentId == early.Id);
        Assert.Contains(outbox, m => m.AppointmentId == late.Id && m.TextBody.Contains("Please call us", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SmsOneConfirmsAndThreeAsksForACallForTheOnlyRemindedAppointment()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake);
        var appointment = await site.AddAppointmentAsync(Mobile, preferred: ContactChannel.Sms);
        await site.Get<ReminderScheduler>().QueueDueRemindersAsync(CancellationToken.None);

        var one = await site.PostTwilioAsync("/webhooks/twilio/inbound", new() { ["MessageSid"] = "SMin1", ["From"] = Mobile, ["Body"] = " 1 " });
        var three = await site.PostTwilioAsync("/webhooks/twilio/inbound", new() { ["MessageSid"] = "SMin2", ["From"] = Mobile, ["Body"] = "3" });

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(HttpStatusCode.OK, three.StatusCode);
        Assert.NotNull((await site.AppointmentAsync(appointment.Id)).PatientConfirmedUtc);
        var inbound = await site.InboundAsync();
        Assert.Equal([PatientReplyKind.Confirm, PatientReplyKind.CallMe], inbound.Select(m => m.Kind));
        Assert.Null(inbound[1].ReadUtc);
        Assert.Equal("Asked to be called", inbound[1].Outcome);
    }

    [Fact]
    public async Task AFamilyNumberWithTwoAppointmentsTomorrowIsAskedWhichOne()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake);
        var mother = await site.AddAppointmentAsync(Mobile, name: "Mother", fromNow: TimeSpan.FromHours(20));
        var son = await site.AddAppointmentAsync(Mobile, name: "Son", fromNow: TimeSpan.FromHours(21));
        await site.Get<ReminderScheduler>().QueueDueRemindersAsync(CancellationToken.None);
        var before = (await site.OutboxAsync()).Count;

        await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppText("wamid.f1", Mobile, "1"));

        Assert.Null((await site.AppointmentAsync(mother.Id)).PatientConfirmedUtc);
        Assert.Null((await site.AppointmentAsync(son.Id)).PatientConfirmedUtc);
        var question = (await site.OutboxAsync()).Skip(before).Single();
        Assert.Contains(mother.Reference, question.TextBody, StringComparison.Ordinal);
        Assert.Contains(son.Reference, question.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Mother", question.TextBody, StringComparison.Ordinal);

        await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppText("wamid.f2", Mobile, $"1 {son.Reference}"));
        Assert.NotNull((await site.AppointmentAsync(son.Id)).PatientConfirmedUtc);
        Assert.Null((await site.AppointmentAsync(mother.Id)).PatientConfirmedUtc);
    }

    [Fact]
    public async Task StopSwitchesTextsOffAtOnceAndStartSwitchesThemOn()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake);
        var appointment = await site.AddAppointmentAsync(Mobile, email: "stop@example.com");

        await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppText("wamid.s1", Mobile, "STOP"));
        Assert.Equal(ClinicAppFactory.DefaultNow.UtcDateTime, (await site.PatientAsync(appointment.PatientId)).TextOptOutUtc);
        await TextOutboxTests.QueueAsync(site, appointment.Id, EmailKinds.Reminder);
        Assert.Equal(ContactChannel.Email, (await site.OutboxAsync()).Last().Channel);

        await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppText("wamid.s2", Mobile, "start"));
        Assert.Null((await site.PatientAsync(appointment.PatientId)).TextOptOutUtc);
        await TextOutboxTests.QueueAsync(site, appointment.Id, EmailKinds.Reminder);
        Assert.Equal(ContactChannel.WhatsApp, (await site.OutboxAsync()).Last().Channel);
        Assert.Equal(2, await site.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.MessagesStopped || a.Action == AuditActions.MessagesStarted)));
    }

    [Fact]
    public async Task AnUnknownNumberIsKeptForReceptionAndNeverAnswered()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake);
        await site.AddAppointmentAsync(Mobile);

        await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppText("wamid.u1", "+923331112222", "1"));

        var inbound = Assert.Single(await site.InboundAsync());
        Assert.Null(inbound.ReadUtc);
        Assert.Empty(await site.OutboxAsync());
    }
}
