using System.Text;
using DynamicClinic.Data.Outbox;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Email;
using Ical.Net;
using MimeKit;

namespace DynamicClinic.IntegrationTests.Infrastructure.Email;

/// <summary>The outbox sender against a real SQLite database and a real SMTP server on loopback.</summary>
public class OutboxSenderTests
{
    [Fact]
    public async Task SavedConfirmationIsDeliveredOnceWithAValidCalendarInvite()
    {
        await using var smtp = new SmtpTestServer();
        await smtp.StartAsync();
        await using var site = EmailAppFactory.WithSmtp(smtp.Port);

        var id = (await site.EnqueueAsync(Confirmation(site, 1))).Single();
        var sent = await Eventually.WaitForAsync(site.OutboxAsync, rows => rows.Single().SentUtc is not null, "the message to be marked sent");
        // Wake the sender again and give it a few polls: nothing is sent twice.
        site.Get<OutboxSignal>().Notify();
        await Task.Delay(400);

        var received = Assert.Single(smtp.Messages);
        Assert.Equal($"outbox-{id}.20261127050000@dynamicclinic.example", received.MessageId);
        Assert.Equal("patient1@example.com", Assert.Single(received.To.Mailboxes).Address);
        Assert.Equal("appointments@dynamicclinic.example", Assert.Single(received.From.Mailboxes).Address);
        Assert.Contains("DC-TEST01", received.Subject, StringComparison.Ordinal);
        Assert.Contains("Dear Patient 1,", received.TextBody, StringComparison.Ordinal);
        Assert.Contains("Dear Patient 1,", received.HtmlBody, StringComparison.Ordinal);

        var invite = Assert.IsType<TextPart>(Assert.Single(received.Attachments));
        Assert.Equal("appointment.ics", invite.FileName);
        Assert.Equal("REQUEST", invite.ContentType.Parameters["method"]);
        var calendar = Ical.Net.Calendar.Load(invite.Text)!;
        var appointment = Assert.Single(calendar.Events);
        Assert.Equal("REQUEST", calendar.Method);
        Assert.Equal("DC-TEST01@dynamicclinic.example", appointment.Uid);
        Assert.Equal(Start(1), appointment.DtStart!.AsUtc);
        Assert.Equal(Start(1).AddMinutes(30), appointment.DtEnd!.AsUtc);

        var row = Assert.Single(sent);
        Assert.Equal(ClinicAppFactory.DefaultNow.UtcDateTime, row.SentUtc);
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.ClaimedBy);
        Assert.Null(row.FailedUtc);
    }

    [Fact]
    public async Task MessagesWaitOutAnSmtpOutageAndAreThenEachDeliveredOnce()
    {
        await using var smtp = new SmtpTestServer(); // not started yet: the server is down
        await using var site = EmailAppFactory.WithSmtp(smtp.Port);

        await site.EnqueueAsync(Confirmation(site, 1), Confirmation(site, 2), Confirmation(site, 3));
        var failed = await Eventually.WaitForAsync(site.OutboxAsync,
            rows => rows.All(r => r.Attempts == 1 && r.ClaimedBy is null), "the first attempts to fail");

        var now = ClinicAppFactory.DefaultNow.UtcDateTime;
        Assert.All(failed, row =>
        {
            Assert.Null(row.SentUtc);
            Assert.Null(row.FailedUtc);
            Assert.Equal(now.AddSeconds(30), row.NextAttemptUtc);
            Assert.StartsWith("SocketException", row.LastError, StringComparison.Ordinal);
            Assert.DoesNotContain("@", row.LastError, StringComparison.Ordinal);
        });

        // Not due yet: nothing more happens while the clock stands still, however often the sender looks.
        site.Get<OutboxSignal>().Notify();
        await Task.Delay(300);
        Assert.All(await site.OutboxAsync(), row => Assert.Equal(1, row.Attempts));

        await smtp.StartAsync();
        site.Clock.Advance(TimeSpan.FromSeconds(31));
        site.Get<OutboxSignal>().Notify();

        var sent = await Eventually.WaitForAsync(site.OutboxAsync, rows => rows.All(r => r.SentUtc is not null), "the retries to be sent");
        await Task.Delay(300);

        Assert.All(sent, row => Assert.Equal(2, row.Attempts));
        Assert.Equal(3, smtp.Messages.Count);
        Assert.Equal(3, smtp.Messages.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(
            ["patient1@example.com", "patient2@example.com", "patient3@example.com"],
            smtp.Messages.Select(m => m.To.Mailboxes.Single().Address).Order());
        var logs = site.ReadLogs();
        Assert.Contains("SocketException", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.com", logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Patient 1", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoSitesOnOneDatabaseSendEachMessageOnce()
    {
        await using var smtp = new SmtpTestServer { SaveDelay = TimeSpan.FromMilliseconds(10) };
        await smtp.StartAsync();
        await using var first = EmailAppFactory.WithSmtp(smtp.Port);
        _ = first.Services;
        await using var second = EmailAppFactory.WithSmtp(smtp.Port, sharedDatabasePath: first.DatabasePath);
        _ = second.Services;

        var messages = Enumerable.Range(1, 20).Select(n => Confirmation(first, n)).ToArray();
        await first.EnqueueAsync(messages);
        // Both sites' background loops wake, and two more passes run head to head on top of them.
        first.Get<OutboxSignal>().Notify();
        second.Get<OutboxSignal>().Notify();
        var passes = await Task.WhenAll(
            first.Get<OutboxSender>().SendDueAsync(CancellationToken.None),
            second.Get<OutboxSender>().SendDueAsync(CancellationToken.None));

        await Eventually.WaitForAsync(first.OutboxAsync, rows => rows.Count == 20 && rows.All(r => r.SentUtc is not null), "all 20 to be sent");
        await Task.Delay(300);

        Assert.Equal(20, smtp.Messages.Count);
        Assert.Equal(20, smtp.Messages.Select(m => m.MessageId).Distinct().Count());
        Assert.All(await first.OutboxAsync(), row => Assert.Equal(1, row.Attempts));
        Assert.True(passes.Sum() <= 20);
    }

    [Fact]
    public async Task MessageIsGivenUpAfterMaxAttempts()
    {
        await using var smtp = new SmtpTestServer(); // never started
        await using var site = EmailAppFactory.WithSmtp(smtp.Port, settings: ("Email:MaxAttempts", "2"));

        await site.EnqueueAsync(Confirmation(site, 1));
        await Eventually.WaitForAsync(site.OutboxAsync, rows => rows.Single().Attempts == 1, "the first attempt");
        site.Clock.Advance(TimeSpan.FromSeconds(31));
        site.Get<OutboxSignal>().Notify();
        var row = (await Eventually.WaitForAsync(site.OutboxAsync, rows => rows.Single().FailedUtc is not null, "the message to be given up")).Single();

        site.Clock.Advance(TimeSpan.FromHours(2));
        site.Get<OutboxSignal>().Notify();
        await Task.Delay(300);

        Assert.Equal(2, row.Attempts);
        Assert.Equal(ClinicAppFactory.DefaultNow.UtcDateTime.AddSeconds(31), row.FailedUtc);
        Assert.Null(row.SentUtc);
        Assert.Equal(2, (await site.OutboxAsync()).Single().Attempts);
    }

    [Fact]
    public async Task RecipientRefusedByTheServerIsGivenUpAtOnce()
    {
        await using var smtp = new SmtpTestServer();
        await smtp.StartAsync();
        await using var site = EmailAppFactory.WithSmtp(smtp.Port);
        var refused = Confirmation(site, 1);
        refused.ToAddress = "someone@" + SmtpTestServer.RefusedDomain;

        await site.EnqueueAsync(refused, Confirmation(site, 2));
        var rows = await Eventually.WaitForAsync(site.OutboxAsync,
            r => r[0].FailedUtc is not null && r[1].SentUtc is not null, "one refused and one sent");

        Assert.Equal(1, rows[0].Attempts);
        Assert.Equal("SmtpCommandException: RecipientNotAccepted, SMTP 550", rows[0].LastError);
        Assert.Equal("patient2@example.com", Assert.Single(smtp.Messages).To.Mailboxes.Single().Address);
        var logs = site.ReadLogs();
        Assert.Contains("given up", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(SmtpTestServer.RefusedDomain, logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@example.com", logs, StringComparison.OrdinalIgnoreCase);
    }

    private static DateTime Start(int n) => new DateTime(2026, 12, 1, 5, 0, 0, DateTimeKind.Utc).AddHours(n);

    internal static OutboxMessage Confirmation(EmailAppFactory site, int n)
    {
        var model = new BookingEmailModel(
            AppointmentId: 0,
            Reference: $"DC-TEST{n:00}",
            PatientName: $"Patient {n}",
            PatientEmail: $"patient{n}@example.com",
            TreatmentName: "PRP therapy",
            ClinicianName: "Dr Test",
            StartUtc: Start(n),
            EndUtc: Start(n).AddMinutes(30),
            Clinic: site.Get<ClinicContact>(),
            ManageUrl: $"https://localhost/manage/DC-TEST{n:00}?token=secret");
        return site.Get<BookingEmails>().BookingConfirmed(model);
    }
}
