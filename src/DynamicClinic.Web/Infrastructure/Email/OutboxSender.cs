using System.Text.RegularExpressions;
using DynamicClinic.Data;
using DynamicClinic.Data.Outbox;
using DynamicClinic.Domain.Messaging;
using DynamicClinic.Web.Infrastructure.Messaging;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DynamicClinic.Web.Infrastructure.Email;

/// <summary>
/// Sends due outbox messages in the background, every <see cref="EmailOptions.PollInterval"/> or as soon as
/// <see cref="OutboxSignal"/> is notified. Safe with several instances of the site on one database: each message is
/// claimed with one conditional UPDATE and only the instance whose UPDATE changed the row sends it. Delivery is
/// at least once: an instance that dies after the SMTP server accepted a message but before marking it sent leaves it
/// to be sent again when its claim runs out (with the same Message-Id).
/// </summary>
/// <remarks>
/// "Due", "claimed until" and retry times come from the injected <see cref="TimeProvider"/>, so tests move time on
/// by hand; the wait between passes is on the real clock (see <see cref="WakeSignal.WaitAsync"/>), so a frozen test
/// clock never stops the loop. Logs carry message ids and kinds only: never an address, a name or a body.
/// </remarks>
public sealed partial class OutboxSender(
    IServiceScopeFactory scopeFactory,
    IEmailTransport transport,
    TextSenders texts,
    MessageFallback fallback,
    OutboxSignal signal,
    TimeProvider timeProvider,
    IOptions<EmailOptions> options,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private const int LastErrorMaxLength = 500;

    private readonly EmailOptions _options = options.Value;
    private readonly MailboxAddress _from = new(options.Value.FromName, options.Value.FromAddress);

    /// <summary>Written into <see cref="OutboxMessage.ClaimedBy"/>; unique per sender, even for two sites in one process.</summary>
    public string InstanceId { get; } = $"{Truncate(Environment.MachineName, 40)}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A full batch suggests more are waiting: carry on without waiting.
                int tried;
                do
                {
                    tried = await SendDueAsync(stoppingToken);
                }
                while (tried >= _options.BatchSize);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database was unreachable or similar; try again at the next poll. Database errors name no patient.
                logger.LogError(ex, "Outbox pass failed");
            }

            try
            {
                await signal.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: claims and sends up to <see cref="EmailOptions.BatchSize"/> due messages. Returns how many it tried.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();

        var now = UtcNow();
        var candidates = await Due(db.OutboxMessages, now)
            .OrderBy(m => m.NextAttemptUtc)
            .ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(_options.BatchSize)
            .ToListAsync(cancellationToken);

        var tried = 0;
        foreach (var id in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await TryClaimAsync(db, id, cancellationToken))
            {
                tried++;
                await SendClaimedAsync(db, id, cancellationToken);
            }
        }

        return tried;
    }

    private static IQueryable<OutboxMessage> Due(IQueryable<OutboxMessage> messages, DateTime now) =>
        messages.Where(m => m.SentUtc == null && m.FailedUtc == null && m.NextAttemptUtc <= now
            && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now));

    // The claim is one atomic UPDATE ... WHERE still unclaimed: of two instances racing for a row, the database lets
    // exactly one UPDATE change it, and only that instance sends.
    private async Task<bool> TryClaimAsync(ClinicDbContext db, long id, CancellationToken cancellationToken)
    {
        var now = UtcNow();
        DateTime? until = now + _options.ClaimLease;
        var claimed = await Due(db.OutboxMessages.Where(m => m.Id == id), now)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, InstanceId).SetProperty(m => m.ClaimedUntilUtc, until), cancellationToken);
        return claimed == 1;
    }

    private async Task SendClaimedAsync(ClinicDbContext db, long id, CancellationToken cancellationToken)
    {
        var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
        string? providerId = null;
        try
        {
            if (message.Channel == ContactChannel.Email)
            {
                await transport.SendAsync(OutboxMessageMapper.ToMimeMessage(message, _from), cancellationToken);
            }
            else
            {
                providerId = await texts.For(message.Channel).SendAsync(ToText(message), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down mid-send: hand the message back without counting a try.
            await ReleaseAsync(db, id);
            throw;
        }
        catch (Exception ex)
        {
            await RecordFailureAsync(db, message, ex);
            return;
        }

        // Once the server has it, record it even if the site is stopping, or it would be sent again.
        var sentUtc = UtcNow();
        await Mine(db, id).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.SentUtc, sentUtc)
                .SetProperty(m => m.ProviderMessageId, providerId)
                .SetProperty(m => m.DeliveryState, DeliveryStates.Sent)
                .SetProperty(m => m.DeliveryUpdatedUtc, sentUtc)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null),
            CancellationToken.None);
        logger.LogInformation("Message {OutboxMessageId} ({Kind}, {Channel}) sent for appointment {AppointmentId}", message.Id, message.Kind, message.Channel, message.AppointmentId);
    }

    private async Task RecordFailureAsync(ClinicDbContext db, OutboxMessage message, Exception ex)
    {
        var now = UtcNow();
        var attempts = message.Attempts + 1;
        var error = DescribeError(ex);
        var giveUp = attempts >= _options.MaxAttempts || IsPermanent(ex);
        DateTime? failedUtc = giveUp ? now : null;
        var delay = RetryDelay(attempts);
        if (ex is TextSendException { RetryAfter: { } asked } && asked > delay)
        {
            // The provider said how long to wait (429 Retry-After): never sooner than that.
            delay = asked;
        }

        var nextAttemptUtc = giveUp ? message.NextAttemptUtc : now + delay;
        string? deliveryState = giveUp ? DeliveryStates.Failed : message.DeliveryState;

        // Giving up on a text queues the next channel in the same transaction: exactly one fallback per failure.
        await using var transaction = giveUp && message.Channel != ContactChannel.Email
            ? await db.Database.BeginTransactionAsync(CancellationToken.None)
            : null;
        var updated = await Mine(db, message.Id).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.NextAttemptUtc, nextAttemptUtc)
                .SetProperty(m => m.FailedUtc, failedUtc)
                .SetProperty(m => m.DeliveryState, deliveryState)
                .SetProperty(m => m.DeliveryUpdatedUtc, giveUp ? now : message.DeliveryUpdatedUtc)
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null),
            CancellationToken.None);
        if (transaction is not null)
        {
            if (updated == 1 && await fallback.QueueAsync(db, message, now) is { } next)
            {
                logger.LogWarning("Message {OutboxMessageId} ({Kind}) failed for good on {Channel}; trying {FallbackChannel}", message.Id, message.Kind, message.Channel, next);
            }

            await transaction.CommitAsync(CancellationToken.None);
            signal.Notify();
        }

        // The exception itself is not logged: an SMTP server's reply can quote the recipient's address.
        if (giveUp)
        {
            logger.LogError("Message {OutboxMessageId} ({Kind}) given up after {Attempts} attempts: {Error}", message.Id, message.Kind, attempts, error);
        }
        else
        {
            logger.LogWarning("Message {OutboxMessageId} ({Kind}) failed (attempt {Attempts}), next try at {NextAttemptUtc:o}: {Error}",
                message.Id, message.Kind, attempts, nextAttemptUtc, error);
        }
    }

    /// <summary>The text as its sender takes it: the template, its parameters, and the words for this channel.</summary>
    private static TextMessage ToText(OutboxMessage message) =>
        new(message.Id, message.Channel, message.ToAddress, message.Template ?? TextTemplates.FreeText, message.Language ?? TextTemplates.English,
            TextTemplates.ReadParameters(message.TemplateParameters), message.TextBody);

    private async Task ReleaseAsync(ClinicDbContext db, long id)
    {
        try
        {
            await Mine(db, id).ExecuteUpdateAsync(
                s => s.SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null),
                CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // The claim runs out by itself.
        }
    }

    private IQueryable<OutboxMessage> Mine(ClinicDbContext db, long id) =>
        db.OutboxMessages.Where(m => m.Id == id && m.ClaimedBy == InstanceId);

    /// <summary>Doubles from <see cref="EmailOptions.RetryDelay"/> after each failure, up to <see cref="EmailOptions.MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.RetryDelay.Ticks * factor, _options.MaxRetryDelay.Ticks));
        return delay;
    }

    // Failures that no retry can fix: an address that does not parse, or a recipient the server refuses for good.
    private static bool IsPermanent(Exception ex) => ex switch
    {
        TextSendException text => text.Permanent,
        ParseException => true,
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } smtp => (int)smtp.StatusCode >= 500,
        _ => false,
    };

    /// <summary>Type and a short message for <see cref="OutboxMessage.LastError"/>, with anything like an address removed.</summary>
    internal static string DescribeError(Exception ex)
    {
        var detail = ex switch
        {
            // Server replies may quote the address; the code says enough.
            SmtpCommandException smtp => $"{smtp.ErrorCode}, SMTP {(int)smtp.StatusCode}",
            ParseException => "the recipient address is not valid",
            // Composed by the senders from status and error codes only.
            TextSendException textFailure => textFailure.Message,
            _ => AddressLike().Replace(ex.Message, "[address]"),
        };
        var text = $"{ex.GetType().Name}: {detail}";
        return Truncate(text, LastErrorMaxLength);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    private DateTime UtcNow() => timeProvider.GetUtcNow().UtcDateTime;

    [GeneratedRegex(@"\S+@\S+")]
    private static partial Regex AddressLike();
}
