namespace DynamicClinic.Domain.Waitlist;

public enum WaitlistOfferStatus
{
    /// <summary>Offered and not answered yet.</summary>
    Open = 0,

    /// <summary>Taken: the appointment is booked.</summary>
    Accepted = 1,

    /// <summary>The patient said yes, but someone else took the time first.</summary>
    JustTaken = 2,

    /// <summary>Not answered in time.</summary>
    Expired = 3,

    /// <summary>The patient said no, or the time went to someone else before they answered.</summary>
    Withdrawn = 4,
}

/// <summary>
/// A freed time offered to one waitlist entry. One freed time is offered to every suitable entry at once, in the
/// order they joined the list (<see cref="Rank"/>); whoever accepts first gets it through the booking core, the
/// rest hear it was just taken. An offer is good until <see cref="ExpiresUtc"/>.
/// </summary>
public class WaitlistOffer
{
    public int Id { get; set; }

    public int EntryId { get; set; }

    public WaitlistEntry? Entry { get; set; }

    public int ClinicianId { get; set; }

    public DateTime StartUtc { get; set; }

    public DateTime EndUtc { get; set; }

    /// <summary>1 for the entry that joined the list first among those offered this time, and so on.</summary>
    public int Rank { get; set; }

    public DateTime OfferedUtc { get; set; }

    public DateTime ExpiresUtc { get; set; }

    public WaitlistOfferStatus Status { get; set; } = WaitlistOfferStatus.Open;

    public int? AppointmentId { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>Open and not past its expiry (an open offer past it is expired, whether or not it was marked yet).</summary>
    public bool IsOpenAt(DateTime nowUtc) => Status == WaitlistOfferStatus.Open && nowUtc < ExpiresUtc;

    public void Close(WaitlistOfferStatus status, DateTime nowUtc, int? appointmentId = null)
    {
        Status = status;
        AppointmentId = appointmentId;
        UpdatedUtc = nowUtc;
        Version = Guid.NewGuid();
    }
}
