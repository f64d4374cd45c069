using DynamicClinic.Domain.Waitlist;

namespace DynamicClinic.Web.Features.Waitlist;

/// <summary>
/// How new offers reach patients beyond reception's list at <c>/staff/waitlist</c>: <see cref="TextWaitlistOfferSender"/>
/// texts "reply 1 to take it", and a reply calls <see cref="WaitlistDesk.AcceptAsync"/>, the same acceptance reception uses.
/// </summary>
public interface IWaitlistOfferSender
{
    Task SendAsync(IReadOnlyList<WaitlistOffer> offers, CancellationToken cancellationToken);
}
