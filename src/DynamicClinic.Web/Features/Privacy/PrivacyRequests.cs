using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Features.Booking;
using DynamicClinic.Web.Features.Patients;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Privacy;

public sealed record PrivacyHistoryRow(DateTime OccurredLocal, string ActorName, string Summary);

/// <summary>The privacy page: who the patient is, what clinical record the clinic holds, what may be done, and what was done before.</summary>
public sealed record PrivacyPageModel(
    int PatientId,
    string FullName,
    int? MergedInto,
    DateTime? AnonymisedLocal,
    ClinicalRecordFacts Facts,
    int Appointments,
    int UpcomingAppointments,
    IReadOnlyList<PrivacyDecision> Allowed,
    IReadOnlyList<PrivacyHistoryRow> History,
    PrivacyDecisionForm Form)
{
    public string? Problem { get; init; }
}

/// <summary>
/// Carries out staff's decision on a request to be forgotten (<see cref="PatientPrivacyRules"/>): erase a patient
/// with no clinical record and everything that holds their contact details, anonymise one with a clinical record, or
/// keep the record and record why. Each runs in one transaction with its audit entry. Logs ids only.
/// </summary>
public sealed class PrivacyRequests(ClinicDbContext db, AuditTrail audit, AuditRedaction redaction, AppointmentBooking booking, ClinicClock clock, ILogger<PrivacyRequests> logger)
{
    private static readonly string[] PrivacyActions =
        [AuditActions.PatientExported, AuditActions.PatientErased, AuditActions.PatientAnonymised, AuditActions.PatientRetained];

    public async Task<PrivacyPageModel?> PageAsync(int patientId, PrivacyDecisionForm? form, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.AsNoTracking()
            .Where(p => p.Id == patientId)
            .Select(p => new { p.Id, p.FullName, p.MergedIntoPatientId, p.AnonymisedUtc })
            .FirstOrDefaultAsync(cancellationToken);
        if (patient is null)
        {
            return null;
        }

        var ids = await RecordIdsAsync(patientId, cancellationToken);
        var facts = await FactsAsync(ids, cancellationToken);
        var now = clock.UtcNow;
        var appointments = await db.Appointments.AsNoTracking().Where(a => ids.Contains(a.PatientId)).CountAsync(cancellationToken);
        var upcoming = await db.Appointments.AsNoTracking()
            .Where(a => ids.Contains(a.PatientId) && a.StartUtc >= now && a.Status == AppointmentStatus.Booked)
            .CountAsync(cancellationToken);
        var history = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == AuditEntityTypes.Patient && e.EntityId == patientId.ToString(CultureInfo.InvariantCulture) && PrivacyActions.Contains(e.Action))
            .OrderByDescending(e => e.Id)
            .Take(50)
            .Select(e => new { e.OccurredUtc, e.ActorName, e.Summary })
            .ToListAsync(cancellationToken);

        return new PrivacyPageModel(
            patient.Id,
            patient.FullName,
            patient.MergedIntoPatientId,
            patient.AnonymisedUtc is { } anonymised ? clock.ToClinicTime(anonymised) : null,
            facts,
            appointments,
            upcoming,
            PatientPrivacyRules.Allowed(facts, patient.MergedIntoPatientId is not null, patient.AnonymisedUtc is not null),
            history.Select(h => new PrivacyHistoryRow(clock.ToClinicTime(h.OccurredUtc), h.ActorName, h.Summary)).ToList(),
            form ?? new PrivacyDecisionForm());
    }

    /// <summary>
    /// Carries out a form that passed <see cref="PrivacyDecisionFormValidator"/> and whose confirmation names this record.
    /// Done carries the message for staff: what was erased, anonymised (and how many appointments cancelled) or kept.
    /// </summary>
    public async Task<Outcome> DecideAsync(int patientId, PrivacyDecision decision, string reason, CancellationToken cancellationToken)
    {
        reason = reason.Trim();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var outcome = await DecideInTransactionAsync(patientId, decision, reason, cancellationToken);
            if (outcome is Outcome.Done)
            {
                await transaction.CommitAsync(cancellationToken);
            }
            else
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }

            return outcome;
        });
    }

    private async Task<Outcome> DecideInTransactionAsync(int patientId, PrivacyDecision decision, string reason, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (patient is null)
        {
            return new Outcome.NotFound();
        }

        var ids = await RecordIdsAsync(patientId, cancellationToken);
        var facts = await FactsAsync(ids, cancellationToken);
        if (PatientPrivacyRules.Refusal(decision, facts, patient.MergedIntoPatientId is not null, patient.AnonymisedUtc is not null) is { } refusal)
        {
            logger.LogInformation("Privacy decision {Decision} for patient {PatientId} refused by the rules", decision, patientId);
            return new Outcome.Refused(refusal);
        }

        switch (decision)
        {
            case PrivacyDecision.Erase:
                await EraseAsync(patient, ids, reason, cancellationToken);
                logger.LogInformation("Patient {PatientId} erased on request", patientId);
                return new Outcome.Done($"Patient record {patientId.ToString(CultureInfo.InvariantCulture)} was erased, with their appointments and emails. The audit log records the erasure.");

            case PrivacyDecision.Anonymise:
                var cancelled = await AnonymiseAsync(patient, ids, facts, reason, cancellationToken);
                logger.LogInformation("Patient {PatientId} anonymised on request; {AppointmentCount} future appointments cancelled", patientId, cancelled);
                return new Outcome.Done(cancelled == 0
                    ? "The record was anonymised. Its clinical records are kept."
                    : $"The record was anonymised and {cancelled.ToString(CultureInfo.InvariantCulture)} future appointment(s) cancelled. Its clinical records are kept.");

            default:
                audit.Record(
                    AuditActions.PatientRetained,
                    AuditEntityTypes.Patient,
                    patientId,
                    patientId,
                    "Request to be forgotten answered: record kept",
                    after: new { Decision = decision.ToString(), Reason = reason, ClinicalRecord = facts.Describe() });
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Patient {PatientId} kept on request (retention)", patientId);
                return new Outcome.Done("Recorded: the record is kept, with your reason.");
        }
    }

    private async Task EraseAsync(Patient patient, IReadOnlyList<int> ids, string reason, CancellationToken cancellationToken)
    {
        var contacts = await ContactValuesAsync(ids, cancellationToken);
        var appointments = await db.Appointments.AsNoTracking().Where(a => ids.Contains(a.PatientId)).Select(a => new { a.Id, a.Reference }).ToListAsync(cancellationToken);
        var appointmentIds = appointments.Select(a => a.Id).ToList();

        var messages = await OutboxMessagesTo(appointmentIds, contacts.Emails).ExecuteDeleteAsync(cancellationToken);
        var redacted = await redaction.RedactAsync(ids, contacts.Values, cancellationToken);
        await db.ClinicianTimeBlocks.Where(b => appointmentIds.Contains(b.AppointmentId)).ExecuteDeleteAsync(cancellationToken);
        await db.Appointments.Where(a => appointmentIds.Contains(a.Id)).ExecuteDeleteAsync(cancellationToken);

        // Other records flagged as possible duplicates of these lose the flag: there is nothing left to compare
        // them with, and the foreign key would refuse the delete.
        var unflagged = await ClearDuplicateFlagsPointingAtAsync(ids, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        // Duplicates merged into this record first (they point at it), then the record. The database unlinks the
        // patients' audit entries (PatientId set null); the entries stay, redacted above.
        db.ChangeTracker.Clear();
        await db.Patients.Where(p => ids.Contains(p.Id) && p.Id != patient.Id).ExecuteDeleteAsync(cancellationToken);
        await db.Patients.Where(p => p.Id == patient.Id).ExecuteDeleteAsync(cancellationToken);

        audit.Record(
            AuditActions.PatientErased,
            AuditEntityTypes.Patient,
            patient.Id,
            patientId: null,
            $"Patient record {patient.Id.ToString(CultureInfo.InvariantCulture)} erased on the patient's request (no clinical record)",
            after: new
            {
                Reason = ContactRedaction.Text(reason, contacts.Values),
                AppointmentsRemoved = appointments.Count,
                References = appointments.Select(a => a.Reference).Take(50).ToList(),
                MergedRecordsRemoved = ids.Where(id => id != patient.Id).ToList(),
                DuplicateFlagsCleared = unflagged,
                EmailsRemoved = messages,
                AuditEntriesRedacted = redacted,
            });
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<int> AnonymiseAsync(Patient patient, IReadOnlyList<int> ids, ClinicalRecordFacts facts, string reason, CancellationToken cancellationToken)
    {
        var contacts = await ContactValuesAsync(ids, cancellationToken);
        var now = clock.UtcNow;
        var appointments = await db.Appointments.Include(a => a.TimeBlocks).Where(a => ids.Contains(a.PatientId)).ToListAsync(cancellationToken);
        var appointmentIds = appointments.Select(a => a.Id).ToList();

        // Nothing reaches the patient any more: no manage link, no email waiting or kept, no future visit to remind of.
        var messages = await OutboxMessagesTo(appointmentIds, contacts.Emails).ExecuteDeleteAsync(cancellationToken);
        await db.AppointmentManageTokens.Where(t => appointmentIds.Contains(t.AppointmentId)).ExecuteDeleteAsync(cancellationToken);
        var redacted = await redaction.RedactAsync(ids, contacts.Values, cancellationToken);

        var cancelled = new List<string>();
        foreach (var appointment in appointments)
        {
            appointment.PatientMessage = null;
            if (appointment.CancellationReason is { } cancellationReason)
            {
                appointment.CancellationReason = ContactRedaction.Text(cancellationReason, contacts.Values);
            }

            // Cancelled through the booking core, without a message: the patient is not to be contacted any more.
            if (appointment.Status == AppointmentStatus.Booked && appointment.StartUtc >= now
                && await booking.StageCancellationAsync(appointment, PatientPrivacyRules.AnonymisedCancellationReason, "because the patient's record was anonymised", notifyPatient: false, cancellationToken) is null)
            {
                cancelled.Add(appointment.Reference);
            }
            else
            {
                appointment.UpdatedUtc = now;
                appointment.Version = Guid.NewGuid();
            }
        }

        var plans = await db.SessionPlans.Where(p => ids.Contains(p.PatientId) && p.EndReason != null).ToListAsync(cancellationToken);
        foreach (var plan in plans)
        {
            plan.EndReason = ContactRedaction.Text(plan.EndReason!, contacts.Values);
        }

        // An anonymised record is compared with nobody: its own flags go, and so do other records' flags pointing at it.
        var unflagged = await ClearDuplicateFlagsPointingAtAsync(ids, cancellationToken);
        var records = await db.Patients.Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
        foreach (var record in records)
        {
            record.PossibleDuplicateOfPatientId = null;
            record.FullName = PatientPrivacyRules.AnonymisedName(record.Id);
            record.PhoneE164 = PatientPrivacyRules.AnonymisedPhone;
            record.Email = null;
            PatientClinicalRules.Anonymise(record);
            record.Allergies = record.Allergies is null ? null : ContactRedaction.Text(record.Allergies, contacts.Values);
            record.Alerts = record.Alerts is null ? null : ContactRedaction.Text(record.Alerts, contacts.Values);
            record.AnonymisedUtc = now;
            record.UpdatedUtc = now;
            record.Version = Guid.NewGuid();
        }

        audit.Record(
            AuditActions.PatientAnonymised,
            AuditEntityTypes.Patient,
            patient.Id,
            patient.Id,
            "Anonymised on the patient's request; clinical records kept",
            after: new
            {
                Reason = ContactRedaction.Text(reason, contacts.Values),
                ClinicalRecord = facts.Describe(),
                FutureAppointmentsCancelled = cancelled,
                MergedRecordsAnonymised = ids.Where(id => id != patient.Id).ToList(),
                DuplicateFlagsCleared = unflagged,
                EmailsRemoved = messages,
                AuditEntriesRedacted = redacted,
            });
        await db.SaveChangesAsync(cancellationToken);
        return cancelled.Count;
    }

    /// <summary>Clears (unsaved) every possible-duplicate flag pointing at <paramref name="ids"/>; returns the ids of the records that held one.</summary>
    private async Task<List<int>> ClearDuplicateFlagsPointingAtAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        var flagged = await db.Patients
            .Where(p => p.PossibleDuplicateOfPatientId != null && ids.Contains(p.PossibleDuplicateOfPatientId.Value))
            .ToListAsync(cancellationToken);
        var now = clock.UtcNow;
        foreach (var record in flagged)
        {
            record.PossibleDuplicateOfPatientId = null;
            record.UpdatedUtc = now;
            record.Version = Guid.NewGuid();
        }

        return flagged.Select(f => f.Id).OrderBy(id => id).ToList();
    }

    /// <summary>The record and the duplicates merged into it (the same person).</summary>
    private async Task<List<int>> RecordIdsAsync(int patientId, CancellationToken cancellationToken) =>
        [patientId, .. await db.Patients.AsNoTracking().Where(p => p.MergedIntoPatientId == patientId).Select(p => p.Id).ToListAsync(cancellationToken)];

    private async Task<ClinicalRecordFacts> FactsAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        var notes = await db.SessionNotes.AsNoTracking().CountAsync(n => ids.Contains(n.Appointment!.PatientId), cancellationToken);
        var plans = await db.SessionPlans.AsNoTracking().CountAsync(p => ids.Contains(p.PatientId), cancellationToken);
        var attended = await db.Appointments.AsNoTracking()
            .CountAsync(a => ids.Contains(a.PatientId) && (a.Status == AppointmentStatus.Arrived || a.Status == AppointmentStatus.Completed), cancellationToken);
        var photos = await db.ProgressPhotos.AsNoTracking().CountAsync(p => ids.Contains(p.PatientId), cancellationToken);
        return new ClinicalRecordFacts(notes, plans, attended, photos);
    }

    private sealed record ContactValues(IReadOnlyList<string> Values, IReadOnlyList<string> Emails);

    /// <summary>Every spelling of the patients' names, numbers and emails: as stored now, and as earlier audit entries and emails hold them.</summary>
    private async Task<ContactValues> ContactValuesAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        var records = await db.Patients.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.FullName, p.PhoneE164, p.Email }).ToListAsync(cancellationToken);
        var earlier = await redaction.EarlierContactValuesAsync(ids, cancellationToken);
        var emails = records.Select(r => r.Email)
            .Concat(earlier.Where(v => v.Contains('@', StringComparison.Ordinal)))
            .Where(e => !string.IsNullOrWhiteSpace(e))
            .Select(e => e!.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var values = records.SelectMany(r => new[] { r.FullName, r.Email }.Concat(PhoneSpellings(r.PhoneE164)))
            .Concat(earlier.SelectMany(v => v.StartsWith('+') ? PhoneSpellings(v) : [v]));
        return new ContactValues(ContactRedaction.Values(values), emails);
    }

    /// <summary>+923001234567, 923001234567, 03001234567 and +92 300 1234567.</summary>
    private static IEnumerable<string> PhoneSpellings(string e164)
    {
        if (string.IsNullOrEmpty(e164))
        {
            yield break;
        }

        yield return e164;
        yield return e164.TrimStart('+');
        yield return PatientPhone.Display(e164);
        if (e164.StartsWith("+92", StringComparison.Ordinal))
        {
            yield return "0" + e164[3..];
        }
    }

#pragma warning disable CA1304, CA1311, CA1862 // ToLower here becomes SQL LOWER(): case-insensitive whatever the column's collation
    private IQueryable<Data.Outbox.OutboxMessage> OutboxMessagesTo(List<int> appointmentIds, IReadOnlyList<string> emails)
    {
        var lowered = emails.Select(e => e.ToLowerInvariant()).ToList();
        return db.OutboxMessages.Where(m => (m.AppointmentId != null && appointmentIds.Contains(m.AppointmentId.Value)) || lowered.Contains(m.ToAddress.ToLower()));
    }
#pragma warning restore CA1304, CA1311, CA1862
}
