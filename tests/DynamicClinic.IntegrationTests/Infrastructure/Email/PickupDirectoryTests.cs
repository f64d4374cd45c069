using MimeKit;

namespace DynamicClinic.IntegrationTests.Infrastructure.Email;

public class PickupDirectoryTests
{
    [Fact]
    public async Task WithoutAnSmtpHostEachMessageIsWrittenAsOneEmlFile()
    {
        await using var site = EmailAppFactory.WithPickupDirectory();

        await site.EnqueueAsync(OutboxSenderTests.Confirmation(site, 1), OutboxSenderTests.Confirmation(site, 2));
        await Eventually.WaitForAsync(site.OutboxAsync, rows => rows.All(r => r.SentUtc is not null), "both to be written");

        var files = Directory.GetFiles(site.PickupDirectory).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, files.Length);
        Assert.All(files, file => Assert.Matches(@"^\d{8}T\d{9}Z-[0-9a-f]{32}\.eml$", Path.GetFileName(file)));
        var messages = await Task.WhenAll(files.Select(f => MimeMessage.LoadAsync(f)));
        Assert.Equal(["patient1@example.com", "patient2@example.com"], messages.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.All(messages, m => Assert.Single(m.Attachments));
    }
}
