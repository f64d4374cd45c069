using DynamicClinic.Domain.Messaging;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Infrastructure.Messaging;

/// <summary>The sender for each text channel that is on, and the set of channels messages may go by.</summary>
public sealed class TextSenders
{
    private readonly Dictionary<ContactChannel, ITextSender> _senders;

    public TextSenders(IEnumerable<ITextSender> senders, IOptions<MessagingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _senders = senders.ToDictionary(s => s.Channel);
        Enabled = options.Value.EnabledChannels();
    }

    public IReadOnlySet<ContactChannel> Enabled { get; }

    public ITextSender For(ContactChannel channel) =>
        _senders.TryGetValue(channel, out var sender) ? sender : throw new TextSendException($"{channel} is not switched on", permanent: true);
}
