using DynamicClinic.Data;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Domain.Waitlist;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Features.Waitlist;

/// <summary>
/// Offers freed time to the waitlist. Every waiting entry the time suits (treatment the clinician offers, a clinician
/// it asked for, its day, window and end date, and a free time by the one availability rules, rooms included) gets
/// an offer, ranked in the order the entries joined the list; the first acceptance books it.
/// </summary>
public sealed class WaitlistOffers(
    ClinicDbContext db,
    AvailabilityQuery availability,
    ReceptionScheduling desk,
    ClinicClock clock,
    IOptions<WaitlistOptions> options,
    IWaitlistOfferSender sender,
    ILogger<WaitlistOffers> logger) : IFreedTimeListener
{
    public async Task FreedAsync(FreedTime time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        try
        {
            await OfferAsync(time, cancellationToken);
        }
        catch (DbUpdateException exception)
        {
            // The change that freed the time is saved already; a missed offer must not turn it into an error page.
            logger.LogWarning(exception, "Offering freed time of clinician {ClinicianId} at {StartUtc:o} to the waitlist failed", time.ClinicianId, time.StartUtc);
        }
    }

    /// <summary>Makes and sends the offers for a freed time; returns them in rank order.</summary>
    public async Task<IReadOnlyList<WaitlistOffer>> OfferAsync(FreedTime time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = clock.UtcNow;
        if (time.EndUtc <= now)
        {
            return [];
        }

        var from = DateOnly.FromDateTime(clock.ToClinicTime(time.StartUtc > now ? time.StartUtc : now));
        var to = DateOnly.FromDateTime(clock.ToClinicTime(time.EndUtc.AddTicks(-1)));
        var treatments = await db.Clinicians.AsNoTracking()
            .Where(c => c.Id == time.ClinicianId && c.IsActive)
            .SelectMany(c => c.Treatments.Where(t => t.IsActive).Select(t => new { t.Id, t.ConsultationMinutes, t.RoomId }))
            .ToListAsync(cancellationToken);
        if (time.TreatmentId is { } only)
        {
            treatments = treatments.Where(t => t.Id == only).ToList();
        }

        var treatmentIds = treatments.Select(t => t.Id).ToList();
        var entries = await db.WaitlistEntries.AsNoTracking()
            .Where(e => e.Status == WaitlistStatus.Waiting && treatmentIds.Contains(e.TreatmentId) && e.UntilDate >= from)
            .OrderBy(e => e.CreatedUtc).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        if (entries.Count == 0)
        {
            return [];
        }

        var alreadyOffered = await db.WaitlistOffers.AsNoTracking()
            .Where(o => o.Status == WaitlistOfferStatus.Open && o.ExpiresUtc > now && o.ClinicianId == time.ClinicianId
                && o.StartUtc < time.EndUtc && o.EndUtc > time.StartUtc)
            .Select(o => o.EntryId)
            .ToListAsync(cancellationToken);

        var free = new Dictionary<(int Treatment, TimeSpan Length), IReadOnlyList<Slot>>();
        var offers = new List<WaitlistOffer>();
        foreach (var entry in entries)
        {
            var clinicians = entry.Clinicians();
            if ((clinicians.Count > 0 && !clinicians.Contains(time.ClinicianId)) || alreadyOffered.Contains(entry.Id))
            {
                continue;
            }

            // The freed appointment's own length for its treatment; a consultation's for any other.
            var treatment = treatments.First(t => t.Id == entry.TreatmentId);
            var length = entry.TreatmentId == time.TreatmentId ? time.EndUtc - time.StartUtc : TimeSpan.FromMinutes(treatment.ConsultationMinutes);
            if (!free.TryGetValue((treatment.Id, length), out var slots))
            {
                var data = await availability.LoadAsync([time.ClinicianId], from, to, null, treatment.RoomId, cancellationToken);
                slots = desk.Calculator.FindSlots(data, from, to, length, now)
                    .Where(s => s.StartUtc >= time.StartUtc && s.EndUtc <= time.EndUtc)
                    .ToList();
                free[(treatment.Id, length)] = slots;
            }

            var slot = slots.Cast<Slot?>().FirstOrDefault(s => entry.Suits(time.ClinicianId, clock.ToClinicTime(s!.Value.StartUtc), clock.ToClinicTime(s.Value.EndUtc)));
            if (slot is { } chosen)
            {
                offers.Add(new WaitlistOffer
                {
                    EntryId = entry.Id,
                    ClinicianId = chosen.ClinicianId,
                    StartUtc = chosen.StartUtc,
                    EndUtc = chosen.EndUtc,
                    Rank = offers.Count + 1,
                    OfferedUtc = now,
                    ExpiresUtc = now + options.Value.OfferValidFor,
                    UpdatedUtc = now,
                });
            }
        }

        if (offers.Count == 0)
        {
            return [];
        }

        db.WaitlistOffers.AddRange(offers);
        await db.SaveChangesAsync(cancellationToken);
        await sender.SendAsync(offers, cancellationToken);
        logger.LogInformation("Freed time of clinician {ClinicianId} at {StartUtc:o} offered to {Count} waitlist entries", time.ClinicianId, time.StartUtc, offers.Count);
        return offers;
    }
}
