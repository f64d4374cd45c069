using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Web.Features.Booking;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Patients;

public sealed record PatientContact(int Id, string FullName, string PhoneE164, string Phone, string? Email, DateTime CreatedLocal, DateTime UpdatedLocal)
{
    /// <summary>"WhatsApp", "SMS, then email"...; empty when no channel reaches the patient ("no reminders").</summary>
    public IReadOnlyList<Domain.Messaging.ContactChannel> MessagesBy { get; init; } = [];

    public DateTime? TextsStoppedLocal { get; init; }
}

public sealed record PatientAppointmentRow(
    string Reference, DateTime StartLocal, DateTime EndLocal, string ClinicianName, string TreatmentName, AppointmentStatus Status);

public sealed record PatientHistoryRow(DateTime OccurredLocal, string ActorName, string Summary, int? PatientId);

public sealed record PatientLink(int Id, string FullName);

public sealed record PatientRecordViewModel(
    PatientContact Patient,
    PatientLink? MergedInto,
    IReadOnlyList<PatientLink> MergedFrom,
    IReadOnlyList<PatientLink> SamePhone,
    IReadOnlyList<PatientAppointmentRow> Upcoming,
    IReadOnlyList<PatientAppointmentRow> Past,
    IReadOnlyList<PatientHistoryRow> History,
    bool HistoryTruncated,
    int ViewCount,
    PatientHistoryRow? PreviousView)
{
    public IReadOnlyList<PatientPlanRow> Plans { get; init; } = [];

    /// <summary>When the record was anonymised at the patient's request (Features/Privacy); it can't be edited, merged or booked.</summary>
    public DateTime? AnonymisedLocal { get; init; }

    /// <summary>The open "possible duplicate of ..." flag a booking set on this record (ADR 0004), for reception to merge or dismiss.</summary>
    public PatientDuplicateFlag? PossibleDuplicateOf { get; init; }

    /// <summary>Records flagged as possible duplicates of this one (open flags only).</summary>
    public IReadOnlyList<PatientLink> PossibleDuplicates { get; init; } = [];

    /// <summary>The clinical part (notes, chart fields, photos): null for whoever may not see it, reception above all.</summary>
    public PatientChart? Chart { get; init; }

    /// <summary>The optional second person to reach, e.g. "Imran Ali, 0300 1234567".</summary>
    public string? SecondContact { get; init; }
}

/// <summary>A session plan as reception follows it: what, with whom, how far along. Never note contents.</summary>
public sealed record PatientPlanRow(int Id, string TreatmentName, string ClinicianName, string Status, int Done, int Total);

/// <summary>
/// A patient's record as reception sees it. Opening it is itself audited (one entry per visit), and the
/// "who changed what" list leaves those view entries out so they don't bury the changes. A fixed number of
/// queries however many appointments or entries the patient has.
/// </summary>
public sealed class PatientRecordQuery(ClinicDbContext db, AuditTrail audit, ClinicClock clock, PatientDuplicates duplicates, Infrastructure.Messaging.TextSenders texts)
{
    public const int HistoryLimit = 100;

    /// <summary>The record, after writing a <see cref="AuditActions.PatientViewed"/> entry; null when there is no such patient.</summary>
    public async Task<PatientRecordViewModel?> ViewAsync(int id, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.AsNoTracking()
            .Where(p => p.Id == id)
            .Select(p => new
            {
                p.Id,
                p.FullName,
                p.PhoneE164,
                p.Email,
                p.CreatedUtc,
                p.UpdatedUtc,
                p.PreferredChannel,
                p.TextOptOutUtc,
                p.MergedIntoPatientId,
                p.AnonymisedUtc,
                p.SecondContactName,
                p.SecondContactPhoneE164,
                MergedIntoName = db.Patients.Where(m => m.Id == p.MergedIntoPatientId).Select(m => m.FullName).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (patient is null)
        {
            return null;
        }

        audit.Record(AuditActions.PatientViewed, AuditEntityTypes.Patient, patient.Id, patient.Id, "Viewed the patient record");
        await db.SaveChangesAsync(cancellationToken);

        var mergedFrom = await db.Patients.AsNoTracking()
            .Where(p => p.MergedIntoPatientId == id)
            .OrderBy(p => p.Id)
            .Select(p => new PatientLink(p.Id, p.FullName))
            .ToListAsync(cancellationToken);
        List<int?> historyIds = [id, .. mergedFrom.Select(m => (int?)m.Id)];

        var (duplicateOf, possibleDuplicates) = await duplicates.ForRecordAsync(id, cancellationToken);
        // Records already named by a duplicate flag are listed there, with its actions, not a second time here.
        var flagged = possibleDuplicates.Select(d => d.Id).ToList();
        if (duplicateOf is not null)
        {
            flagged.Add(duplicateOf.Other.Id);
        }

        var samePhone = patient.MergedIntoPatientId is null
            ? await db.Patients.AsNoTracking()
                .Where(p => p.PhoneE164 == patient.PhoneE164 && p.Id != id && p.MergedIntoPatientId == null && !flagged.Contains(p.Id))
                .OrderBy(p => p.Id)
                .Select(p => new PatientLink(p.Id, p.FullName))
                .ToListAsync(cancellationToken)
            : [];

        var appointments = await db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == id)
            .OrderBy(a => a.StartUtc)
            .Select(a => new
            {
                a.Reference,
                a.StartUtc,
                a.EndUtc,
                ClinicianName = a.Clinician!.DisplayName,
                TreatmentName = a.Treatment!.Name,
                a.Status,
            })
            .ToListAsync(cancellationToken);

        // The changes to this record and to the records merged into it; views are counted, not listed.
        var history = await db.AuditEntries.AsNoTracking()
            .Where(e => historyIds.Contains(e.PatientId) && e.Action != AuditActions.PatientViewed)
            .OrderByDescending(e => e.OccurredUtc)
            .ThenByDescending(e => e.Id)
            .Take(HistoryLimit + 1)
            .Select(e => new { e.OccurredUtc, e.ActorName, e.Summary, e.PatientId })
            .ToListAsync(cancellationToken);

        var views = db.AuditEntries.AsNoTracking().Where(e => e.PatientId == id && e.Action == AuditActions.PatientViewed);
        var viewCount = await views.CountAsync(cancellationToken);
        var previousView = await views
            .OrderByDescending(e => e.Id)
            .Skip(1)
            .Select(e => new { e.OccurredUtc, e.ActorName, e.Summary, e.PatientId })
            .FirstOrDefaultAsync(cancellationToken);

        var plans = await db.SessionPlans.AsNoTracking()
            .Where(p => p.PatientId == id)
            .OrderByDescending(p => p.CreatedUtc)
            .Select(p => new
            {
                p.Id,
                TreatmentName = p.Treatment!.Name,
                ClinicianName = p.Clinician!.DisplayName,
                p.Status,
                p.TotalSessions,
                Done = db.Appointments.Count(a => a.SessionPlanId == p.Id && a.Status == Domain.Appointments.AppointmentStatus.Completed),
            })
            .ToListAsync(cancellationToken);

        var now = clock.UtcNow;
        var rows = appointments.Select(a => new
        {
            a.StartUtc,
            Row = new PatientAppointmentRow(a.Reference, clock.ToClinicTime(a.StartUtc), clock.ToClinicTime(a.EndUtc), a.ClinicianName, a.TreatmentName, a.Status),
        }).ToList();

        return new PatientRecordViewModel(
            new PatientContact(
                patient.Id, patient.FullName, patient.PhoneE164, PatientPhone.Display(patient.PhoneE164), patient.Email,
                clock.ToClinicTime(patient.CreatedUtc), clock.ToClinicTime(patient.UpdatedUtc))
            {
                MessagesBy = Domain.Messaging.ContactChannels.Chain(
                    new Domain.Patients.Patient
                    {
                        FullName = patient.FullName,
                        PhoneE164 = patient.PhoneE164,
                        Email = patient.Email,
                        PreferredChannel = patient.PreferredChannel,
                        TextOptOutUtc = patient.TextOptOutUtc,
                        AnonymisedUtc = patient.AnonymisedUtc,
                    },
                    texts.Enabled),
                TextsStoppedLocal = patient.TextOptOutUtc is { } stopped ? clock.ToClinicTime(stopped) : null,
            },
            patient.MergedIntoPatientId is { } into ? new PatientLink(into, patient.MergedIntoName ?? "") : null,
            mergedFrom,
            samePhone,
            rows.Where(r => r.StartUtc >= now).Select(r => r.Row).ToList(),
            rows.Where(r => r.StartUtc < now).Select(r => r.Row).Reverse().ToList(),
            history.Take(HistoryLimit).Select(e => new PatientHistoryRow(clock.ToClinicTime(e.OccurredUtc), e.ActorName, e.Summary, e.PatientId)).ToList(),
            history.Count > HistoryLimit,
            viewCount,
            previousView is null ? null : new PatientHistoryRow(clock.ToClinicTime(previousView.OccurredUtc), previousView.ActorName, previousView.Summary, previousView.PatientId))
        {
            Plans = plans.Select(p => new PatientPlanRow(p.Id, p.TreatmentName, p.ClinicianName, p.Status.ToString(), p.Done, p.TotalSessions)).ToList(),
            AnonymisedLocal = patient.AnonymisedUtc is { } anonymised ? clock.ToClinicTime(anonymised) : null,
            PossibleDuplicateOf = duplicateOf,
            PossibleDuplicates = possibleDuplicates,
            SecondContact = patient.SecondContactName is null ? null
                : patient.SecondContactName + (patient.SecondContactPhoneE164 is { } second ? ", " + PatientPhone.Display(second) : ""),
        };
    }
}
