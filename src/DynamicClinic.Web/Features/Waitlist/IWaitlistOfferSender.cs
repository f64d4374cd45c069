using DynamicClinic.Domain.Waitlist;

namespace DynamicClinic.Web.Features.Waitlist;

/// <summary>
/// How new offers reach patients. Today they are listed at <c>/staff/waitlist</c> for reception to call; once the
/// WhatsApp/SMS channels land, an implementation sends "reply 1 to take it" and a reply calls
/// <see cref="WaitlistDesk.AcceptAsync"/>, the same acceptance reception uses.
/// </summary>
public interface IWaitlistOfferSender
{
    Task SendAsync(IReadOnlyList<WaitlistOffer> offers, CancellationToken cancellationToken);
}

/// <summary>The reception list: a saved offer is already on it, so there is nothing more to send.</summary>
public sealed class ReceptionListOfferSender : IWaitlistOfferSender
{
    public Task SendAsync(IReadOnlyList<WaitlistOffer> offers, CancellationToken cancellationToken) => Task.CompletedTask;
}
