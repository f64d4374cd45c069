using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Domain.Waitlist;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Features.TimeOff;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Features.Waitlist;

/// <summary>Reception's side of the waitlist: add and remove entries, list the offers to call, take or decline them.</summary>
public sealed class WaitlistDesk(
    ClinicDbContext db,
    AppointmentBooking booking,
    AuditTrail audit,
    ClinicClock clock,
    IOptions<WaitlistOptions> options)
{
    public const string JustTakenMessage = "Just taken: someone else took that time a moment ago. The patient stays on the waitlist.";

    private static readonly string[] DayNames = CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedDayNames;

    public async Task<WaitlistPageViewModel> PageAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var since = now.AddDays(-1);
        var offers = await db.WaitlistOffers.AsNoTracking()
            .Where(o => o.Status == WaitlistOfferStatus.Open || o.UpdatedUtc >= since)
            .OrderBy(o => o.StartUtc).ThenBy(o => o.ClinicianId).ThenBy(o => o.Rank)
            .Select(o => new
            {
                o.Id,
                o.Rank,
                o.StartUtc,
                o.ExpiresUtc,
                o.Status,
                o.Entry!.Patient!.FullName,
                o.Entry.Patient.PhoneE164,
                Treatment = o.Entry.Treatment!.Name,
                Clinician = db.Clinicians.Where(c => c.Id == o.ClinicianId).Select(c => c.DisplayName).First(),
            })
            .Take(200)
            .ToListAsync(cancellationToken);
        var clinicianNames = await db.Clinicians.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.DisplayName, cancellationToken);
        var waiting = await db.WaitlistEntries.AsNoTracking()
            .Where(e => e.Status == WaitlistStatus.Waiting)
            .OrderBy(e => e.CreatedUtc).ThenBy(e => e.Id)
            .Select(e => new { Entry = e, e.Patient!.FullName, e.Patient.PhoneE164, Treatment = e.Treatment!.Name })
            .Take(500)
            .ToListAsync(cancellationToken);
        return new WaitlistPageViewModel(
            offers.Select(o =>
            {
                var open = o.Status == WaitlistOfferStatus.Open && now < o.ExpiresUtc;
                var status = o.Status == WaitlistOfferStatus.Open && !open ? WaitlistOfferStatus.Expired : o.Status;
                return new OfferLine(o.Id, o.Rank, o.FullName, o.PhoneE164, o.Treatment, o.Clinician, When(o.StartUtc), Time(o.ExpiresUtc), status, open);
            }).ToList(),
            waiting.Select(w => new WaitlistLine(
                w.Entry.Id, w.Entry.PatientId, w.FullName, w.PhoneE164, w.Treatment,
                w.Entry.Clinicians() is { Count: > 0 } ids ? string.Join(", ", ids.Select(id => clinicianNames.GetValueOrDefault(id, "?"))) : "Any clinician",
                string.Join(" ", Enum.GetValues<DayOfWeek>().Where(w.Entry.WantsDay).Select(d => DayNames[(int)d])),
                $"{w.Entry.EarliestTime:HH\\:mm}–{w.Entry.LatestTime:HH\\:mm}",
                w.Entry.UntilDate.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
                clock.ToClinicTime(w.Entry.CreatedUtc).ToString("d MMM", CultureInfo.InvariantCulture))).ToList(),
            Describe(options.Value.OfferValidFor));
    }

    public async Task<WaitlistNewViewModel> NewPageAsync(WaitlistForm form, string? problem, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.AsNoTracking()
            .Where(p => p.Id == form.PatientId && p.MergedIntoPatientId == null && p.AnonymisedUtc == null)
            .Select(p => p.FullName).FirstOrDefaultAsync(cancellationToken);
        var treatments = await db.Treatments.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.SortOrder).ThenBy(t => t.Name)
            .Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        var clinicians = await db.Clinicians.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.DisplayName)
            .Select(c => new { c.Id, c.DisplayName }).ToListAsync(cancellationToken);
        return new WaitlistNewViewModel(form, patient,
            treatments.Select(t => (t.Id, t.Name)).ToList(), clinicians.Select(c => (c.Id, c.DisplayName)).ToList(), problem);
    }

    public WaitlistForm NewForm(int? patientId) => new()
    {
        PatientId = patientId ?? 0,
        Days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday],
        UntilDate = clock.Today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>Adds an entry (the form is valid by its validator); refusals name the field.</summary>
    public async Task<Outcome> AddAsync(WaitlistForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!BlockTimeForm.TryTime(form.EarliestTime, out var earliest) || !BlockTimeForm.TryTime(form.LatestTime, out var latest)
            || !ClinicDates.TryParse(form.UntilDate, out var until))
        {
            return new Outcome.Refused("Enter the times like 09:00 and the date as shown.") { Field = nameof(form.UntilDate) };
        }

        var days = WaitlistEntry.DaysFrom(form.Days);
        if (WaitlistEntry.Problems(days, earliest, latest, until, clock.Today) is { Count: > 0 } problems)
        {
            var (field, message) = problems.First();
            return new Outcome.Refused(message) { Field = field };
        }

        if (!await db.Patients.AnyAsync(p => p.Id == form.PatientId && p.MergedIntoPatientId == null && p.AnonymisedUtc == null, cancellationToken))
        {
            return new Outcome.Refused("That patient record can no longer be used. Open the patient's record again.") { Field = nameof(form.PatientId) };
        }

        var offeredBy = await db.Clinicians.AsNoTracking()
            .Where(c => c.IsActive && c.Treatments.Any(t => t.Id == form.TreatmentId && t.IsActive))
            .Select(c => c.Id).ToListAsync(cancellationToken);
        if (offeredBy.Count == 0)
        {
            return new Outcome.Refused("Choose a treatment from the list.") { Field = nameof(form.TreatmentId) };
        }

        if (form.ClinicianIds.Any(id => !offeredBy.Contains(id)))
        {
            return new Outcome.Refused("Choose only clinicians who offer this treatment.") { Field = nameof(form.ClinicianIds) };
        }

        var now = clock.UtcNow;
        // The audit entry names the entry's id: one transaction keeps the two saves together, inside the execution
        // strategy (SQL Server's retry refuses a bare user transaction).
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(
            form,
            async (_, state, ct) =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var entry = new WaitlistEntry
                {
                    PatientId = state.PatientId,
                    TreatmentId = state.TreatmentId,
                    ClinicianIds = WaitlistEntry.JoinClinicians(state.ClinicianIds),
                    Days = days,
                    EarliestTime = earliest,
                    LatestTime = latest,
                    UntilDate = until,
                    CreatedUtc = now,
                    UpdatedUtc = now,
                };
                db.WaitlistEntries.Add(entry);
                await db.SaveChangesAsync(ct);
                audit.Record(AuditActions.WaitlistAdded, AuditEntityTypes.WaitlistEntry, entry.Id, entry.PatientId, "Added to the waitlist",
                    after: new { entry.TreatmentId, entry.ClinicianIds, entry.Days, entry.EarliestTime, entry.LatestTime, entry.UntilDate });
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return entry.Id;
            },
            verifySucceeded: null,
            cancellationToken);
        return new Outcome.Done("Added to the waitlist. Freed times that suit will be offered here.");
    }

    public async Task<Outcome> RemoveAsync(int entryId, CancellationToken cancellationToken)
    {
        var entry = await db.WaitlistEntries.FirstOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is null || entry.Status != WaitlistStatus.Waiting)
        {
            return new Outcome.NotFound();
        }

        var now = clock.UtcNow;
        entry.Status = WaitlistStatus.Removed;
        entry.UpdatedUtc = now;
        entry.Version = Guid.NewGuid();
        foreach (var offer in await db.WaitlistOffers.Where(o => o.EntryId == entryId && o.Status == WaitlistOfferStatus.Open).ToListAsync(cancellationToken))
        {
            offer.Close(WaitlistOfferStatus.Withdrawn, now);
        }

        audit.Record(AuditActions.WaitlistRemoved, AuditEntityTypes.WaitlistEntry, entry.Id, entry.PatientId, "Removed from the waitlist");
        return await SaveAsync("Removed from the waitlist.", cancellationToken);
    }

    /// <summary>The patient said no: the offer is withdrawn, the entry keeps waiting.</summary>
    public async Task<Outcome> DeclineAsync(int offerId, CancellationToken cancellationToken)
    {
        var offer = await db.WaitlistOffers.Include(o => o.Entry).FirstOrDefaultAsync(o => o.Id == offerId, cancellationToken);
        if (offer is null)
        {
            return new Outcome.NotFound();
        }

        if (!offer.IsOpenAt(clock.UtcNow))
        {
            return new Outcome.Refused("That offer is no longer open.");
        }

        offer.Close(WaitlistOfferStatus.Withdrawn, clock.UtcNow);
        audit.Record(AuditActions.WaitlistOfferDeclined, AuditEntityTypes.WaitlistEntry, offer.EntryId, offer.Entry!.PatientId, "Declined a waitlist offer",
            after: new { offer.ClinicianId, offer.StartUtc });
        return await SaveAsync("Declined. The patient stays on the waitlist.", cancellationToken);
    }

    /// <summary>
    /// The patient takes the offered time: it is booked through the booking core, so the time-block keys decide a race
    /// between two acceptances. The winner is booked; the other offer is marked "just taken" and its patient keeps waiting.
    /// </summary>
    public async Task<Outcome> AcceptAsync(int offerId, CancellationToken cancellationToken)
    {
        var offer = await db.WaitlistOffers.AsNoTracking().Include(o => o.Entry).FirstOrDefaultAsync(o => o.Id == offerId, cancellationToken);
        if (offer?.Entry is not { } entry)
        {
            return new Outcome.NotFound();
        }

        var now = clock.UtcNow;
        if (offer.Status == WaitlistOfferStatus.JustTaken)
        {
            return new Outcome.Refused(JustTakenMessage) { Taken = true };
        }

        if (!offer.IsOpenAt(now))
        {
            return new Outcome.Refused(offer.Status == WaitlistOfferStatus.Open || offer.Status == WaitlistOfferStatus.Expired
                ? "That offer has expired. The patient stays on the waitlist for the next freed time."
                : "That offer is no longer open.");
        }

        if (entry.Status != WaitlistStatus.Waiting)
        {
            return new Outcome.Refused("The patient is no longer waiting: they were booked from another offer or removed.");
        }

        var outcome = await booking.BookAsync(new BookingRequest(
            new BookingPatient.Existing(entry.PatientId), offer.ClinicianId, entry.TreatmentId, [offer.StartUtc], offer.EndUtc - offer.StartUtc,
            AppointmentSource.Phone, BookingRules.Desk, AuditNote: "booked from the waitlist"), cancellationToken);

        // The booking core clears what it tracked; the offer is read afresh and closed in a save of its own.
        db.ChangeTracker.Clear();
        var stored = await db.WaitlistOffers.Include(o => o.Entry).FirstAsync(o => o.Id == offerId, cancellationToken);
        switch (outcome)
        {
            case Outcome.Done done:
                stored.Close(WaitlistOfferStatus.Accepted, now, done.AppointmentId);
                stored.Entry!.Status = WaitlistStatus.Booked;
                stored.Entry.AppointmentId = done.AppointmentId;
                stored.Entry.UpdatedUtc = now;
                stored.Entry.Version = Guid.NewGuid();
                foreach (var other in await db.WaitlistOffers.Where(o => o.EntryId == entry.Id && o.Id != offerId && o.Status == WaitlistOfferStatus.Open).ToListAsync(cancellationToken))
                {
                    other.Close(WaitlistOfferStatus.Withdrawn, now);
                }

                audit.Record(AuditActions.WaitlistOfferAccepted, AuditEntityTypes.WaitlistEntry, entry.Id, entry.PatientId,
                    $"Waitlist offer taken: {done.Reference}", after: new { offer.ClinicianId, offer.StartUtc, done.Reference });
                await db.SaveChangesAsync(cancellationToken);
                return done with { Message = $"Booked from the waitlist: {done.Reference}." };
            case Outcome.Refused { Taken: true }:
                if (stored.Status == WaitlistOfferStatus.Open)
                {
                    stored.Close(WaitlistOfferStatus.JustTaken, now);
                    await db.SaveChangesAsync(cancellationToken);
                }

                return new Outcome.Refused(JustTakenMessage) { Taken = true };
            default:
                return outcome;
        }
    }

    private async Task<Outcome> SaveAsync(string message, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new Outcome.Done(message);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Outcome.Changed("Someone else changed this a moment ago. Here is the list as it stands now.");
        }
    }

    private string When(DateTime utc) => clock.ToClinicTime(utc).ToString("ddd d MMM, HH:mm", CultureInfo.InvariantCulture);

    private string Time(DateTime utc) => clock.ToClinicTime(utc).ToString("d MMM HH:mm", CultureInfo.InvariantCulture);

    private static string Describe(TimeSpan span) => span.TotalHours >= 1 && span.Minutes == 0
        ? $"{span.TotalHours:0} hour{(span.TotalHours == 1 ? "" : "s")}"
        : $"{span.TotalMinutes:0} minutes";
}
