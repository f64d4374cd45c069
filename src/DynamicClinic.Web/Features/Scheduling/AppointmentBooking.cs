using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Domain.SessionPlans;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Scheduling;

/// <summary>Who an appointment is for.</summary>
public abstract record BookingPatient
{
    /// <summary>A record reception or a clinician chose.</summary>
    public sealed record Existing(int PatientId) : BookingPatient;

    /// <summary>
    /// Details typed into a form. <paramref name="JoinSamePerson"/>: join the record of the same person by
    /// <see cref="PatientIdentity"/> (online); otherwise always a new record (reception was asked and said so).
    /// </summary>
    /// <param name="PreferredChannel">How a new record's patient wants messages ("How should we reach you?"); a joined record keeps its own.</param>
    /// <param name="DateOfBirth">Given (optionally) on the online form: saved on a new record; a joined record keeps its own.</param>
    public sealed record Details(string FullName, string PhoneE164, string? Email, bool JoinSamePerson, Domain.Messaging.ContactChannel? PreferredChannel = null, DateOnly? DateOfBirth = null) : BookingPatient;
}

/// <summary>A booking of one appointment, or of a course of sessions at once.</summary>
/// <param name="Starts">One start for one appointment; several for a course, in session order.</param>
/// <param name="OfferNearestWith">Whose free times to offer when a time is taken; the booked clinician when empty.</param>
/// <param name="Plan">A new session plan the sessions belong to: saved with them, or not at all.</param>
/// <param name="Language">The language the booking was made in (online: the page's; reception: as asked). It becomes the
/// patient's preferred language too; when null the appointment takes the patient's preferred language.</param>
public sealed record BookingRequest(
    BookingPatient Patient,
    int ClinicianId,
    int TreatmentId,
    IReadOnlyList<DateTime> Starts,
    TimeSpan Length,
    AppointmentSource Source,
    BookingRules Rules,
    string? MainConcern = null,
    string? Message = null,
    string? AttemptSecret = null,
    IReadOnlyList<int>? OfferNearestWith = null,
    SessionPlan? Plan = null,
    int FirstSessionNumber = 1,
    string? AuditNote = null,
    PatientLanguage? Language = null);

/// <summary>
/// The one place appointments are booked, moved, cancelled and change status, for every path: online, phone and
/// walk-in, session plans, the patient's manage link, the demo seeder and the tests' builders. Each change is one
/// unit of work holding the appointment, its time blocks, the audit entries and the patient's messages; the rules
/// are checked against fresh data, and the time-block key has the last word (docs/decisions/0003-double-booking.md):
/// a lost race saves nothing and offers the nearest free times.
/// </summary>
public sealed class AppointmentBooking(
    ClinicDbContext db,
    SlotRules slots,
    AppointmentNotifications notifications,
    AuditTrail audit,
    IEnumerable<ICompletedAppointmentHandler> completionHandlers,
    IFreedTimeListener freedTime,
    ILogger<AppointmentBooking> logger)
{
    public const string ChangedMessage = "Someone else changed this appointment a moment ago, so your change was not saved. Here it is as it stands now.";

    public SlotRules Slots => slots;

    public async Task<Outcome> BookAsync(BookingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Starts.Count == 0 || request.Length <= TimeSpan.Zero)
        {
            return new Outcome.Refused("Choose a time.");
        }

        var idempotencyHash = request.AttemptSecret is { } secret ? ManageToken.IdempotencyHashFor(secret) : null;
        if (idempotencyHash is not null && await FindRepeatAsync(idempotencyHash, request.AttemptSecret!, cancellationToken) is { } repeat)
        {
            // A repeated confirmation (double click, refresh, back and resubmit) finds the first one's appointment.
            return repeat;
        }

        var offered = await db.Clinicians.AsNoTracking()
            .AnyAsync(c => c.Id == request.ClinicianId && c.IsActive && c.Treatments.Any(t => t.Id == request.TreatmentId && t.IsActive), cancellationToken);
        if (!offered)
        {
            return new Outcome.Refused(request.Rules == BookingRules.Online
                ? "That clinician does not offer this treatment online. Please choose a time again."
                : "That clinician does not offer this treatment.");
        }

        // A treatment that needs a room books the room's time with the clinician's, in the same save.
        var roomId = await slots.RoomOfTreatmentAsync(request.TreatmentId, cancellationToken);
        var wanted = request.Starts.Select(s => new Slot(request.ClinicianId, s, s + request.Length)).ToList();
        if (await RefuseAsync(wanted, request, null, roomId, cancellationToken) is { } refused)
        {
            return refused;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(
            (request, wanted, idempotencyHash, roomId),
            async (_, state, ct) =>
            {
                db.ChangeTracker.Clear();
                return await SaveBookingAsync(state.request, state.wanted, state.idempotencyHash, state.roomId, ct);
            },
            verifySucceeded: null,
            cancellationToken);
    }

    /// <summary>Moves an appointment to another time and/or clinician; <paramref name="version"/> as the form showed it.</summary>
    public async Task<Outcome> MoveAsync(Appointment appointment, Slot wanted, BookingRules rules, bool notifyPatient, CancellationToken cancellationToken)
    {
        var (refused, check) = await MoveRefusalAsync(appointment, wanted, rules, cancellationToken);
        if (refused is not null)
        {
            return check is { } result && result != SlotCheckResult.Ok
                ? await TakenOrRefusedAsync(result, wanted, [wanted.ClinicianId], rules, appointment.Id, appointment.RoomId, cancellationToken)
                : new Outcome.Refused(refused);
        }

        var previous = (appointment.ClinicianId, appointment.StartUtc, Length: appointment.EndUtc - appointment.StartUtc);
        await StageCheckedMoveAsync(appointment, wanted, rules, notifyPatient, cancellationToken);
        var outcome = await SaveChangeAsync(appointment, "Moved.", wanted, rules, cancellationToken);
        if (outcome is Outcome.Done)
        {
            await freedTime.FreedAsync(new FreedTime(previous.ClinicianId, previous.StartUtc, previous.StartUtc + previous.Length, appointment.TreatmentId), cancellationToken);
        }

        return outcome;
    }

    /// <summary>
    /// Moves without saving, for a caller whose one save holds more (blocking time that has appointments inside moves
    /// them and adds the time off together). Returns the refusal, or null when staged. The caller's save meets the
    /// time-block key like any other: a time taken meanwhile fails the whole save.
    /// </summary>
    public async Task<string?> StageMoveAsync(Appointment appointment, Slot wanted, BookingRules rules, bool notifyPatient, CancellationToken cancellationToken)
    {
        var (refused, _) = await MoveRefusalAsync(appointment, wanted, rules, cancellationToken);
        if (refused is null)
        {
            await StageCheckedMoveAsync(appointment, wanted, rules, notifyPatient, cancellationToken);
        }

        return refused;
    }

    private async Task<(string? Refusal, SlotCheckResult? Check)> MoveRefusalAsync(Appointment appointment, Slot wanted, BookingRules rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        if (!appointment.HoldsTime || AppointmentStatusRules.IsFinal(appointment.Status))
        {
            return ($"The appointment is {AppointmentStatusRules.Describe(appointment.Status)}, so it cannot be moved. Book a new appointment instead.", null);
        }

        if (wanted.ClinicianId == appointment.ClinicianId && wanted.StartUtc == appointment.StartUtc)
        {
            return ("That is the time the appointment already has.", null);
        }

        if (wanted.ClinicianId != appointment.ClinicianId
            && !await db.Clinicians.AsNoTracking().AnyAsync(c => c.Id == wanted.ClinicianId && c.IsActive && c.Treatments.Any(t => t.Id == appointment.TreatmentId), cancellationToken))
        {
            return ("That clinician does not offer this treatment.", null);
        }

        var check = (await slots.CheckAsync([wanted], rules, appointment.Id, appointment.RoomId, cancellationToken))[0];
        return check == SlotCheckResult.Ok ? (null, check) : (SlotRules.Explain(check, rules), check);
    }

    /// <summary>
    /// The appointment's blocks, loaded so a move, cancellation or no-show can give them back in the same save; room
    /// blocks only when it holds a room (most appointments hold none, and that is a query saved on every change).
    /// </summary>
    private async Task LoadBlocksAsync(Appointment appointment, CancellationToken cancellationToken)
    {
        await db.Entry(appointment).Collection(a => a.TimeBlocks).LoadAsync(cancellationToken);
        if (appointment.RoomId is not null)
        {
            await db.Entry(appointment).Collection(a => a.RoomBlocks).LoadAsync(cancellationToken);
        }
    }

    private async Task StageCheckedMoveAsync(Appointment appointment, Slot wanted, BookingRules rules, bool notifyPatient, CancellationToken cancellationToken)
    {
        await LoadBlocksAsync(appointment, cancellationToken);
        var previous = new { appointment.ClinicianId, appointment.StartUtc };
        // Take the new time and give up the old one in one save: a failure leaves the appointment as it was.
        appointment.MoveTo(wanted.ClinicianId, wanted.StartUtc, wanted.EndUtc, slots.Buffer, slots.UtcNow);
        audit.Record(AuditActions.AppointmentMoved, AuditEntityTypes.Appointment, appointment.Reference, appointment.PatientId,
            $"{appointment.Reference} moved {(rules == BookingRules.Online ? "by the patient online" : "by staff")}",
            previous, new { appointment.ClinicianId, appointment.StartUtc });
        if (notifyPatient)
        {
            await notifications.QueueMovedAsync(appointment, previous.StartUtc, cancellationToken);
        }
    }

    public async Task<Outcome> CancelAsync(Appointment appointment, string reason, bool byPatient, bool notifyPatient, CancellationToken cancellationToken)
    {
        if (await StageCancellationAsync(appointment, reason, byPatient ? "by the patient online" : "by staff", notifyPatient, cancellationToken) is { } refusal)
        {
            return new Outcome.Refused(refusal);
        }

        var outcome = await SaveChangeAsync(appointment, "Cancelled. The time is free again.", null, BookingRules.Desk, cancellationToken);
        if (outcome is Outcome.Done)
        {
            await freedTime.FreedAsync(new FreedTime(appointment.ClinicianId, appointment.StartUtc, appointment.EndUtc, appointment.TreatmentId), cancellationToken);
        }

        return outcome;
    }

    /// <summary>
    /// Cancels without saving, for a caller whose one save holds more (ending a plan cancels its upcoming sessions;
    /// anonymising a patient cancels theirs). Returns the refusal, or null when staged.
    /// </summary>
    public async Task<string?> StageCancellationAsync(Appointment appointment, string reason, string by, bool notifyPatient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        // A cancelled appointment gives its time back in the same save: its blocks must be loaded to be removed.
        await LoadBlocksAsync(appointment, cancellationToken);
        var before = appointment.Status;
        if (appointment.ChangeStatus(AppointmentStatus.Cancelled, slots.UtcNow, reason) is { } refusal)
        {
            return refusal;
        }

        audit.Record(AuditActions.AppointmentCancelled, AuditEntityTypes.Appointment, appointment.Reference, appointment.PatientId,
            $"{appointment.Reference} cancelled {by}",
            new { Status = before.ToString() }, new { Status = appointment.Status.ToString(), Reason = reason });
        if (notifyPatient)
        {
            await notifications.QueueCancelledAsync(appointment, cancellationToken);
        }

        return null;
    }

    /// <summary>Arrived, completed, no-show and back: the status rules and their timing.</summary>
    public async Task<Outcome> ChangeStatusAsync(Appointment appointment, AppointmentStatus to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        if (to == AppointmentStatus.Cancelled)
        {
            return new Outcome.Refused("Cancel with a reason, using the cancel form.");
        }

        if (to == AppointmentStatus.NoShow)
        {
            // A no-show gives its time back like a cancellation: its blocks must be loaded to be removed.
            await LoadBlocksAsync(appointment, cancellationToken);
        }

        var before = appointment.Status;
        var day = slots.ClinicDate(appointment.StartUtc);
        var refusal = AppointmentStatusRules.Refusal(before, to)
            ?? AppointmentStatusRules.TimingRefusal(to, day, slots.Today, appointment.StartUtc <= slots.UtcNow)
            ?? appointment.ChangeStatus(to, slots.UtcNow);
        if (refusal is not null)
        {
            return new Outcome.Refused(refusal);
        }

        audit.Record(AuditActions.AppointmentStatusChanged, AuditEntityTypes.Appointment, appointment.Reference, appointment.PatientId,
            $"{appointment.Reference} marked {AppointmentStatusRules.Describe(to)}",
            new { Status = before.ToString() }, new { Status = to.ToString() });
        if (to == AppointmentStatus.Completed)
        {
            foreach (var handler in completionHandlers)
            {
                await handler.OnCompletedAsync(appointment, cancellationToken);
            }
        }

        var outcome = await SaveChangeAsync(appointment, $"Marked {AppointmentStatusRules.Describe(to)}.", null, BookingRules.Desk, cancellationToken);
        if (outcome is Outcome.Done && to == AppointmentStatus.NoShow && await NoShowRemainderAsync(appointment, cancellationToken) is { } remainder)
        {
            await freedTime.FreedAsync(remainder, cancellationToken);
        }

        return outcome;
    }

    /// <summary>
    /// The part of a no-show's time still to come, from the next five-minute block on, when it is at least as long
    /// as the treatment's own length (what the waitlist books for it); otherwise null, as nothing could use it.
    /// Freed without a treatment, like removed time off: every entry the remainder suits may be offered a time in it.
    /// </summary>
    private async Task<FreedTime?> NoShowRemainderAsync(Appointment appointment, CancellationToken cancellationToken)
    {
        var step = TimeSpan.FromMinutes(ClinicianTimeBlock.Minutes).Ticks;
        var now = slots.UtcNow;
        var from = new DateTime((now.Ticks + step - 1) / step * step, DateTimeKind.Utc);
        if (from < appointment.StartUtc)
        {
            from = appointment.StartUtc;
        }

        var minutes = await db.Treatments.AsNoTracking().Where(t => t.Id == appointment.TreatmentId)
            .Select(t => t.ConsultationMinutes).FirstOrDefaultAsync(cancellationToken);
        return appointment.EndUtc - from >= TimeSpan.FromMinutes(Math.Max(minutes, ClinicianTimeBlock.Minutes))
            ? new FreedTime(appointment.ClinicianId, from, appointment.EndUtc, null)
            : null;
    }

    /// <summary>
    /// The live records that are the same person as these details by <see cref="PatientIdentity"/>, following
    /// merges (a record merged away leads to the one it was merged into).
    /// </summary>
    public async Task<IReadOnlyList<Patient>> SamePersonAsync(string fullName, string phoneE164, string? email, CancellationToken cancellationToken)
    {
        var candidates = await CandidatesAsync(phoneE164, email, cancellationToken);
        var ids = candidates.Where(p => PatientIdentity.IsSamePerson(p, fullName, phoneE164, email))
            .Select(p => p.MergedIntoPatientId ?? p.Id)
            .Distinct()
            .ToList();
        return candidates.Where(p => ids.Contains(p.Id) && p.MergedIntoPatientId is null && p.AnonymisedUtc is null).DistinctBy(p => p.Id).OrderBy(p => p.Id).ToList();
    }

    private async Task<List<Patient>> CandidatesAsync(string phoneE164, string? email, CancellationToken cancellationToken)
    {
        var normalisedEmail = PatientIdentity.NormaliseEmail(email);
        var candidates = await db.Patients.AsNoTracking()
            .Where(p => p.PhoneE164 == phoneE164 || (normalisedEmail != null && p.Email == normalisedEmail))
            .ToListAsync(cancellationToken);
        // The records merged into are candidates too, whatever their details now.
        var mergedInto = candidates.Where(p => p.MergedIntoPatientId is { } id && candidates.All(c => c.Id != id)).Select(p => p.MergedIntoPatientId!.Value).ToList();
        if (mergedInto.Count > 0)
        {
            candidates.AddRange(await db.Patients.AsNoTracking().Where(p => mergedInto.Contains(p.Id)).ToListAsync(cancellationToken));
        }

        return candidates;
    }

    private async Task<Outcome> SaveBookingAsync(BookingRequest request, List<Slot> wanted, string? idempotencyHash, int? roomId, CancellationToken cancellationToken)
    {
        var now = slots.UtcNow;
        var patient = await ResolvePatientAsync(request.Patient, request.Language, now, cancellationToken);
        if (patient is null)
        {
            return new Outcome.Refused("That patient record can no longer be booked (merged or anonymised). Search for the patient again.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (request.Plan is { Id: 0 } newPlan)
            {
                // A new plan first, for its id; a taken time below rolls it back with everything else.
                db.SessionPlans.Add(newPlan);
                await db.SaveChangesAsync(cancellationToken);
            }

            if (patient.Id > 0)
            {
                await UpdateJoinedPatientAsync(patient, request, cancellationToken);
            }

            var booked = new List<Appointment>();
            for (var i = 0; i < wanted.Count; i++)
            {
                var details = new AppointmentDetails(
                    request.ClinicianId, request.TreatmentId, wanted[i].StartUtc, wanted[i].EndUtc, request.Source,
                    request.MainConcern, request.Message, i == 0 ? idempotencyHash : null,
                    request.Plan, request.Plan is null ? null : request.FirstSessionNumber + i, roomId, request.Language);
                var appointment = Appointment.Book(patient, details, slots.Buffer, now);
                booked.Add(appointment);
                db.Appointments.Add(appointment);
                audit.Record(AuditActions.AppointmentBooked, AuditEntityTypes.Appointment, appointment.Reference, patient,
                    request.AuditNote is { } note ? $"{appointment.Reference} {note}" : $"{appointment.Reference} booked ({Describe(request.Source)})",
                    after: new
                    {
                        appointment.Reference,
                        appointment.ClinicianId,
                        appointment.TreatmentId,
                        appointment.StartUtc,
                        Source = appointment.Source.ToString(),
                        appointment.SessionNumber,
                        NewPatient = patient.Id == 0,
                    });
            }

            // The confirmation page's link comes from the attempt's secret, so a repeated submit shows the same one.
            string? pageToken = null;
            if (request.AttemptSecret is { } secret)
            {
                pageToken = ManageToken.TokenFor(secret);
                booked[0].ManageTokens.Add(new AppointmentManageToken { TokenHash = AppointmentManageToken.Hash(pageToken), CreatedUtc = now });
            }

            if (booked.Count == 1)
            {
                await notifications.QueueConfirmedAsync(booked[0], cancellationToken);
            }
            else
            {
                await notifications.QueueCourseAsync(booked, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            notifications.WakeSender();
            logger.LogInformation("Booked {Count} appointment(s) from {AppointmentId} for clinician {ClinicianId} ({Source})", booked.Count, booked[0].Id, request.ClinicianId, request.Source);
            return new Outcome.Done(booked.Count == 1 ? "Booked." : $"Booked: {booked.Count} sessions.")
            {
                Reference = booked[0].Reference,
                AppointmentId = booked[0].Id,
                ManageToken = pageToken,
                PlanId = request.Plan?.Id,
            };
        }
        catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception))
        {
            // Nothing was saved. Either this same confirmation won a moment ago, or someone else took a time.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (request.Plan is { } plan && plan.Id > 0 && !await db.SessionPlans.AnyAsync(p => p.Id == plan.Id, cancellationToken))
            {
                // The new plan's row was rolled back with the rest.
                plan.Id = 0;
            }

            if (idempotencyHash is not null && await FindRepeatAsync(idempotencyHash, request.AttemptSecret!, cancellationToken) is { } raced)
            {
                return raced;
            }

            logger.LogInformation("A booking for clinician {ClinicianId} at {StartUtc:o} lost a race for its time; nothing saved", request.ClinicianId, wanted[0].StartUtc);
            if (wanted.Count > 1)
            {
                return new Outcome.Refused("One of the times was taken a moment ago. Nothing was booked; please check the times again.") { Taken = true };
            }

            return new Outcome.Refused(SlotRules.Explain(SlotCheckResult.Taken, request.Rules))
            {
                Taken = true,
                Check = SlotCheckResult.Taken,
                Nearest = await slots.NearestAsync(wanted[0], NearestWith(request), request.Rules, null, roomId, cancellationToken),
            };
        }
    }

    /// <summary>
    /// The latest booking's language wins, and a date of birth given online fills one the record lacks (it never
    /// replaces one). The record was read without tracking, so the change is written directly, inside the booking's
    /// transaction: a booking that fails changes nothing.
    /// </summary>
    private async Task UpdateJoinedPatientAsync(Patient patient, BookingRequest request, CancellationToken cancellationToken)
    {
        var language = request.Language is { } wanted && patient.PreferredLanguage != wanted ? wanted : (PatientLanguage?)null;
        var born = request.Patient is BookingPatient.Details { DateOfBirth: { } given } && patient.DateOfBirth is null ? given : (DateOnly?)null;
        if (language is not null)
        {
            await db.Patients.Where(p => p.Id == patient.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.PreferredLanguage, language), cancellationToken);
        }

        if (born is not null)
        {
            await db.Patients.Where(p => p.Id == patient.Id && p.DateOfBirth == null)
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.DateOfBirth, born), cancellationToken);
        }
    }

    private async Task<Patient?> ResolvePatientAsync(BookingPatient who, PatientLanguage? language, DateTime now, CancellationToken cancellationToken)
    {
        switch (who)
        {
            case BookingPatient.Existing existing:
                return await db.Patients.AsNoTracking()
                    .FirstOrDefaultAsync(p => p.Id == existing.PatientId && p.MergedIntoPatientId == null && p.AnonymisedUtc == null, cancellationToken);
            case BookingPatient.Details details:
                var email = PatientIdentity.NormaliseEmail(details.Email);
                if (details.JoinSamePerson)
                {
                    // Join only the same person; the form never changes the record it joins.
                    if (await SamePersonAsync(details.FullName, details.PhoneE164, email, cancellationToken) is [var same, ..])
                    {
                        return same;
                    }
                }

                var patient = new Patient { FullName = details.FullName, PhoneE164 = details.PhoneE164, Email = email, PreferredChannel = details.PreferredChannel, PreferredLanguage = language, DateOfBirth = details.DateOfBirth, CreatedUtc = now, UpdatedUtc = now };
                if (details.JoinSamePerson)
                {
                    // Shares a phone or email with a record but is not plainly that person: reception decides.
                    var candidates = await CandidatesAsync(details.PhoneE164, email, cancellationToken);
                    patient.PossibleDuplicateOfPatientId = candidates
                        .Where(p => p.MergedIntoPatientId is null && p.AnonymisedUtc is null && PatientIdentity.MightBeSamePerson(p, details.PhoneE164, email))
                        .OrderBy(p => p.Id)
                        .Select(p => (int?)p.Id)
                        .FirstOrDefault();
                }

                db.Patients.Add(patient);
                return patient;
            default:
                throw new ArgumentOutOfRangeException(nameof(who));
        }
    }

    private async Task<Outcome?> RefuseAsync(List<Slot> wanted, BookingRequest request, int? moving, int? roomId, CancellationToken cancellationToken)
    {
        var checks = await slots.CheckAsync(wanted, request.Rules, moving, roomId, cancellationToken);
        var refused = checks.Select((c, i) => (c, i)).Where(x => x.c != SlotCheckResult.Ok).ToList();
        if (refused.Count == 0)
        {
            return null;
        }

        if (wanted.Count > 1)
        {
            var sessions = refused.Select(x => request.FirstSessionNumber + x.i).ToList();
            return new Outcome.Refused(
                $"Session{(sessions.Count == 1 ? "" : "s")} {string.Join(", ", sessions)} cannot have the chosen time{(sessions.Count == 1 ? "" : "s")}. Nothing was booked; choose other times.")
            { Sessions = sessions, Taken = refused.Any(x => x.c is SlotCheckResult.Taken or SlotCheckResult.RoomTaken) };
        }

        return await TakenOrRefusedAsync(checks[0], wanted[0], NearestWith(request), request.Rules, moving, roomId, cancellationToken);
    }

    private async Task<Outcome> TakenOrRefusedAsync(SlotCheckResult check, Slot wanted, IReadOnlyCollection<int> clinicians, BookingRules rules, int? moving, int? roomId, CancellationToken cancellationToken) =>
        check is SlotCheckResult.Taken or SlotCheckResult.RoomTaken
            ? new Outcome.Refused(SlotRules.Explain(check, rules)) { Taken = true, Check = check, Nearest = await slots.NearestAsync(wanted, clinicians, rules, moving, roomId, cancellationToken) }
            : new Outcome.Refused(SlotRules.Explain(check, rules)) { Check = check };

    private static IReadOnlyCollection<int> NearestWith(BookingRequest request) =>
        request.OfferNearestWith is { Count: > 0 } some ? some : [request.ClinicianId];

    private async Task<Outcome> SaveChangeAsync(Appointment appointment, string message, Slot? taking, BookingRules rules, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Outcome.Changed(ChangedMessage);
        }
        catch (DbUpdateException exception) when (taking is { } slot && DbErrors.IsUniqueViolation(exception))
        {
            // Another booking took the time between the check and the save: nothing of this change was saved.
            db.ChangeTracker.Clear();
            logger.LogInformation("Moving appointment {AppointmentId} lost a race for clinician {ClinicianId} at {StartUtc:o}", appointment.Id, slot.ClinicianId, slot.StartUtc);
            return new Outcome.Refused(SlotRules.Explain(SlotCheckResult.Taken, rules))
            {
                Taken = true,
                Check = SlotCheckResult.Taken,
                Nearest = await slots.NearestAsync(slot, [slot.ClinicianId], rules, appointment.Id, appointment.RoomId, cancellationToken),
            };
        }

        notifications.WakeSender();
        logger.LogInformation("Appointment {AppointmentId} changed: {Change}", appointment.Id, message);
        return new Outcome.Done(message) { Reference = appointment.Reference, AppointmentId = appointment.Id };
    }

    private async Task<Outcome.Done?> FindRepeatAsync(string idempotencyHash, string attemptSecret, CancellationToken cancellationToken)
    {
        var existing = await db.Appointments.AsNoTracking()
            .Where(a => a.IdempotencyKeyHash == idempotencyHash)
            .Select(a => new { a.Id, a.Reference })
            .FirstOrDefaultAsync(cancellationToken);
        return existing is null
            ? null
            : new Outcome.Done("Booked.") { Reference = existing.Reference, AppointmentId = existing.Id, ManageToken = ManageToken.TokenFor(attemptSecret), WasRepeat = true };
    }

    private static string Describe(AppointmentSource source) => source switch
    {
        AppointmentSource.Online => "online",
        AppointmentSource.Phone => "by reception (phone)",
        AppointmentSource.WalkIn => "by reception (walk-in)",
        AppointmentSource.SessionPlan => "as a plan session",
        _ => source.ToString(),
    };
}
