using System.Globalization;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DynamicClinic.Web.Infrastructure.Email;

/// <summary>
/// Writes each message as <c>&lt;utc-timestamp&gt;-&lt;guid&gt;.eml</c> into a folder: for development (open the files in
/// a mail client) and for mail servers that collect a pickup folder. Files are written under a temporary name and
/// renamed, so a collector never reads half a message.
/// </summary>
public sealed class PickupDirectoryEmailTransport(IOptions<EmailOptions> options, IHostEnvironment environment, TimeProvider timeProvider)
    : IEmailTransport
{
    public string Folder { get; } = Path.GetFullPath(
        Path.Combine(environment.ContentRootPath, options.Value.PickupDirectory is { Length: > 0 } folder ? folder : EmailOptions.DefaultPickupDirectory));

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var stamp = timeProvider.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        var name = $"{stamp}-{Guid.NewGuid():N}";
        var temporary = Path.Combine(Folder, name + ".tmp");
        await message.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, Path.Combine(Folder, name + ".eml"));
    }
}
