using System.Globalization;
using System.Text;
using DynamicClinic.Domain.Messaging;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Infrastructure.Messaging;

/// <summary>
/// Development's stand-in for a provider: writes each WhatsApp or SMS message as a text file into
/// <see cref="MessagingOptions.PickupDirectory"/> (App_Data/messages), as emails go to App_Data/mail, so a newcomer
/// sees exactly what a patient would get. Written under a temporary name and renamed, so nobody reads half a file.
/// </summary>
public sealed class PickupDirectoryTextSender(ContactChannel channel, IOptions<MessagingOptions> options, IHostEnvironment environment, TimeProvider timeProvider)
    : ITextSender
{
    public ContactChannel Channel => channel;

    public string Folder { get; } = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.PickupDirectory ?? MessagingOptions.DefaultPickupDirectory));

    public async Task<string> SendAsync(TextMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(Folder);
        var stamp = timeProvider.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        var id = $"local-{channel.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}";
        var name = $"{stamp}-{channel.ToString().ToLowerInvariant()}-{message.OutboxId}";
        var content = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Channel: {ContactChannels.Label(channel)}")
            .AppendLine(CultureInfo.InvariantCulture, $"To: {message.ToPhoneE164}")
            .AppendLine(CultureInfo.InvariantCulture, $"Template: {message.Template} ({message.Language})")
            .AppendLine(CultureInfo.InvariantCulture, $"Id: {id}")
            .AppendLine()
            .AppendLine(message.Text)
            .ToString();
        var temporary = Path.Combine(Folder, name + ".tmp");
        await File.WriteAllTextAsync(temporary, content, Encoding.UTF8, cancellationToken);
        File.Move(temporary, Path.Combine(Folder, name + ".txt"), overwrite: true);
        return id;
    }
}
