using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Features.Booking;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Time;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Patients;

/// <summary>Which record a field's value is taken from when two are merged.</summary>
public static class MergeSide
{
    /// <summary>The record that stays (the one at <c>/staff/patients/{id}/merge</c>).</summary>
    public const string Kept = "kept";

    /// <summary>The duplicate that is merged away.</summary>
    public const string Other = "other";

    public static bool IsKnown(string? side) => side is Kept or Other;
}

/// <summary>The merge form: the duplicate, the versions both records were shown at, and which value to keep per field.</summary>
public sealed class PatientMergeForm
{
    public int Other { get; set; }

    public Guid KeptVersion { get; set; }

    public Guid OtherVersion { get; set; }

    public string NameFrom { get; set; } = MergeSide.Kept;

    public string PhoneFrom { get; set; } = MergeSide.Kept;

    public string EmailFrom { get; set; } = MergeSide.Kept;
}

public sealed class PatientMergeFormValidator : AbstractValidator<PatientMergeForm>
{
    public PatientMergeFormValidator()
    {
        RuleFor(f => f.Other).GreaterThan(0).WithMessage("Choose the duplicate record to merge.");
        RuleFor(f => f.NameFrom).Must(MergeSide.IsKnown).WithMessage("Choose which name to keep.");
        RuleFor(f => f.PhoneFrom).Must(MergeSide.IsKnown).WithMessage("Choose which mobile number to keep.");
        RuleFor(f => f.EmailFrom).Must(MergeSide.IsKnown).WithMessage("Choose which email address to keep.");
        RuleFor(f => f.KeptVersion).NotEmpty().WithMessage("This form is missing the records' versions. Open the merge again.");
        RuleFor(f => f.OtherVersion).NotEmpty().WithMessage("This form is missing the records' versions. Open the merge again.");
    }
}

/// <summary>One side of a merge as shown before it is made.</summary>
public sealed record PatientMergeCandidate(
    PatientContact Contact, Guid Version, int? MergedInto, int AppointmentCount, int UpcomingCount, bool Anonymised = false);

/// <summary>
/// Merges a duplicate patient into the record that stays: every appointment of the duplicate moves across, the
/// chosen name, number and email are kept, and the duplicate stays as an empty record pointing at the kept one
/// (so audit entries naming it still lead somewhere). One transaction, both records' versions checked, and an
/// audit entry on each patient with the state before and after.
/// </summary>
public sealed class PatientMerger(ClinicDbContext db, AuditTrail audit, ClinicClock clock, ILogger<PatientMerger> logger)
{
    /// <summary>Audit states are capped in size; a patient with more appointments than this has the rest counted, not listed.</summary>
    public const int ReferencesListedInAudit = 100;

    private const string ChangedMessage =
        "One of these records was changed by someone else since you opened this page, so nothing was merged. Check both again below.";

    public async Task<IReadOnlyDictionary<int, PatientMergeCandidate>> CandidatesAsync(int keptId, int otherId, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var rows = await db.Patients.AsNoTracking()
            .Where(p => p.Id == keptId || p.Id == otherId)
            .Select(p => new
            {
                Patient = p,
                Appointments = db.Appointments.Count(a => a.PatientId == p.Id),
                Upcoming = db.Appointments.Count(a => a.PatientId == p.Id && a.StartUtc >= now),
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(
            r => r.Patient.Id,
            r => new PatientMergeCandidate(
                ContactOf(r.Patient), r.Patient.Version, r.Patient.MergedIntoPatientId, r.Appointments, r.Upcoming, r.Patient.AnonymisedUtc is not null));
    }

    /// <summary>Why these two records cannot be merged, or null when they can.</summary>
    public static string? Refusal(
        int keptId, int otherId, int? keptMergedInto, int? otherMergedInto, bool keptAnonymised = false, bool otherAnonymised = false)
    {
        if (keptId == otherId)
        {
            return "A record can't be merged into itself. Choose the other, duplicate record.";
        }

        // An anonymised record's appointments belong to nobody on purpose: joining them to a named record, either way
        // round, would undo what the patient asked for.
        if (keptAnonymised || otherAnonymised)
        {
            var anonymised = keptAnonymised ? keptId : otherId;
            return $"Record {anonymised} was anonymised at the patient's request, so it can't be merged with another record.";
        }

        if (keptMergedInto is { } k)
        {
            return $"Record {keptId} was already merged into record {k}. Merge into record {k} instead.";
        }

        return otherMergedInto is { } o
            ? $"Record {otherId} was already merged into record {o}, so there is nothing left to merge."
            : null;
    }

    public async Task<Outcome> MergeAsync(int keptId, PatientMergeForm form, CancellationToken cancellationToken)
    {
        if (keptId == form.Other)
        {
            return new Outcome.Refused(Refusal(keptId, form.Other, null, null)!);
        }

        // SQL Server retries transient failures, which means the whole transaction runs inside the strategy.
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var outcome = await MergeInTransactionAsync(keptId, form, ct);
                if (outcome is Outcome.Done)
                {
                    await transaction.CommitAsync(ct);
                }

                return outcome;
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            logger.LogInformation("Merge of patient {DuplicateId} into {PatientId} refused: a record changed meanwhile", form.Other, keptId);
            return new Outcome.Changed(ChangedMessage);
        }
    }

    private async Task<Outcome> MergeInTransactionAsync(int keptId, PatientMergeForm form, CancellationToken cancellationToken)
    {
        var patients = await db.Patients.Where(p => p.Id == keptId || p.Id == form.Other).ToListAsync(cancellationToken);
        var kept = patients.FirstOrDefault(p => p.Id == keptId);
        var duplicate = patients.FirstOrDefault(p => p.Id == form.Other);
        if (kept is null || duplicate is null)
        {
            return new Outcome.NotFound();
        }

        if (Refusal(kept.Id, duplicate.Id, kept.MergedIntoPatientId, duplicate.MergedIntoPatientId,
                kept.AnonymisedUtc is not null, duplicate.AnonymisedUtc is not null) is { } refusal)
        {
            return new Outcome.Refused(refusal);
        }

        if (kept.Version != form.KeptVersion || duplicate.Version != form.OtherVersion)
        {
            return new Outcome.Changed(ChangedMessage);
        }

        var now = clock.UtcNow;
        var appointments = await db.Appointments.Where(a => a.PatientId == duplicate.Id).OrderBy(a => a.StartUtc).ToListAsync(cancellationToken);
        // Records merged into the duplicate earlier now point straight at the kept one (no chains to follow).
        var earlierTombstones = await db.Patients.Where(p => p.MergedIntoPatientId == duplicate.Id).ToListAsync(cancellationToken);
        // Other records flagged as possible duplicates of the merged-away one are now possible duplicates of the kept one.
        var flaggedAgainstDuplicate = await db.Patients
            .Where(p => p.PossibleDuplicateOfPatientId == duplicate.Id && p.Id != kept.Id)
            .ToListAsync(cancellationToken);

        var keptBefore = Contact(kept);
        var flagsBefore = new { Kept = kept.PossibleDuplicateOfPatientId, Duplicate = duplicate.PossibleDuplicateOfPatientId };
        var duplicateBefore = Contact(duplicate);

        foreach (var appointment in appointments)
        {
            appointment.PatientId = kept.Id;
            appointment.UpdatedUtc = now;
            appointment.Version = Guid.NewGuid();
        }

        // Progress photos follow their appointments to the kept record.
        var photos = await db.ProgressPhotos.Where(p => p.PatientId == duplicate.Id).ToListAsync(cancellationToken);
        foreach (var photo in photos)
        {
            photo.PatientId = kept.Id;
        }

        foreach (var tombstone in earlierTombstones)
        {
            tombstone.MergedIntoPatientId = kept.Id;
            tombstone.UpdatedUtc = now;
            tombstone.Version = Guid.NewGuid();
        }

        foreach (var flagged in flaggedAgainstDuplicate)
        {
            flagged.PossibleDuplicateOfPatientId = kept.Id;
            flagged.UpdatedUtc = now;
            flagged.Version = Guid.NewGuid();
        }

        // The question "are these the same person?" is answered by the merge, whichever way round the flag pointed.
        kept.PossibleDuplicateOfPatientId = null;
        duplicate.PossibleDuplicateOfPatientId = null;
        kept.FullName = form.NameFrom == MergeSide.Other ? duplicate.FullName : kept.FullName;
        kept.PhoneE164 = form.PhoneFrom == MergeSide.Other ? duplicate.PhoneE164 : kept.PhoneE164;
        kept.Email = form.EmailFrom == MergeSide.Other ? duplicate.Email : kept.Email;
        PatientClinicalRules.MergeInto(kept, duplicate);
        kept.UpdatedUtc = now;
        kept.Version = Guid.NewGuid();
        duplicate.MergedIntoPatientId = kept.Id;
        duplicate.UpdatedUtc = now;
        duplicate.Version = Guid.NewGuid();

        var references = appointments.Select(a => a.Reference).ToList();
        var before = new
        {
            Kept = keptBefore,
            Duplicate = duplicateBefore,
            PossibleDuplicateOf = flagsBefore,
        };
        var after = new
        {
            Kept = Contact(kept),
            FieldsFrom = new
            {
                Name = form.NameFrom,
                Phone = form.PhoneFrom,
                Email = form.EmailFrom,
            },
            Duplicate = new { duplicate.Id, duplicate.MergedIntoPatientId },
            AppointmentsMoved = references.Count,
            PhotosMoved = photos.Count,
            References = references.Take(ReferencesListedInAudit).ToList(),
            RecordsRedirected = earlierTombstones.Select(t => t.Id).ToList(),
            DuplicateFlagsRedirected = flaggedAgainstDuplicate.Select(f => f.Id).ToList(),
        };
        var moved = references.Count == 1 ? "1 appointment" : $"{references.Count} appointments";
        audit.Record(AuditActions.PatientMerged, AuditEntityTypes.Patient, kept.Id, kept.Id, $"Merged record {duplicate.Id} into this one ({moved} moved)", before, after);
        audit.Record(AuditActions.PatientMerged, AuditEntityTypes.Patient, duplicate.Id, duplicate.Id, $"Merged into record {kept.Id} ({moved} moved)", before, after);

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Patient {DuplicateId} merged into {PatientId}: {AppointmentCount} appointments moved", duplicate.Id, kept.Id, references.Count);
        return new Outcome.Done($"Record {duplicate.Id} was merged into this one: {moved} moved.");
    }

    /// <summary>
    /// A record as the audit entry names it: by id only. Contact details stay out of the audit trail, which outlives
    /// an erasure or anonymisation (docs/security.md); which record each field was taken from is in the entry.
    /// </summary>
    private static object Contact(Patient p) => new { p.Id };

    private PatientContact ContactOf(Patient p) =>
        new(p.Id, p.FullName, p.PhoneE164, PatientPhone.Display(p.PhoneE164), p.Email, clock.ToClinicTime(p.CreatedUtc), clock.ToClinicTime(p.UpdatedUtc));
}
