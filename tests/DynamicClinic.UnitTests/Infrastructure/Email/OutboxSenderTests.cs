using DynamicClinic.Web.Infrastructure.Email;
using DynamicClinic.Web.Infrastructure.Messaging;
using MailKit.Net.Smtp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace DynamicClinic.UnitTests.Infrastructure.Email;

/// <summary>The sender's pure parts; claiming and sending against a database are in the integration tests.</summary>
public class OutboxSenderTests
{
    private static readonly TextSenders Texts = new([], Options.Create(new MessagingOptions()));

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(7, 1920)]
    [InlineData(8, 3600)]
    [InlineData(40, 3600)]
    public void RetryDelayDoublesUpToTheCap(int attempts, int expectedSeconds)
    {
        var sender = new OutboxSender(
            Mock.Of<IServiceScopeFactory>(),
            Mock.Of<IEmailTransport>(),
            Texts,
            new MessageFallback(Texts),
            new OutboxSignal(),
            new FakeTimeProvider(),
            Options.Create(new EmailOptions { FromAddress = "a@example.com", FromName = "A" }),
            NullLogger<OutboxSender>.Instance);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), sender.RetryDelay(attempts));
    }

    [Fact]
    public void LastErrorNeverQuotesAnAddress()
    {
        var refused = new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable,
            "5.1.1 <ayesha@example.com>: Recipient address rejected");
        var other = new InvalidOperationException("Could not deliver to ayesha@example.com today");

        var smtpError = OutboxSender.DescribeError(refused);
        var otherError = OutboxSender.DescribeError(other);

        Assert.Equal("SmtpCommandException: RecipientNotAccepted, SMTP 550", smtpError);
        Assert.Equal("InvalidOperationException: Could not deliver to [address] today", otherError);
    }

    [Fact]
    public void InstancesHaveDistinctIdsThatFitTheColumn()
    {
        var options = Options.Create(new EmailOptions { FromAddress = "a@example.com", FromName = "A" });
        OutboxSender Create() => new(Mock.Of<IServiceScopeFactory>(), Mock.Of<IEmailTransport>(), Texts, new MessageFallback(Texts), new OutboxSignal(),
            TimeProvider.System, options, NullLogger<OutboxSender>.Instance);

        var first = Create().InstanceId;
        var second = Create().InstanceId;

        Assert.NotEqual(first, second);
        Assert.True(first.Length <= 100);
    }
}
