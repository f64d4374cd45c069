using System.Globalization;
using System.Security.Claims;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Domain.SessionPlans;
using DynamicClinic.Web.Features.Appointments;
using DynamicClinic.Web.Features.Booking;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.SessionPlans;

/// <summary>Who and what a new plan is for, with the treatment's template as it stands today.</summary>
public sealed record PlanSetup(
    int PatientId,
    string PatientName,
    int TreatmentId,
    string TreatmentName,
    TimeSpan SessionLength,
    IReadOnlyList<PhaseTemplate> Phases,
    int ClinicianId,
    string ClinicianName);

public abstract record PlanOutcome
{
    public sealed record Done(int PlanId, string Message) : PlanOutcome;

    /// <summary>Nothing was booked: these sessions (numbers from 1) cannot have the chosen times.</summary>
    public sealed record Refused(string Message, IReadOnlyList<int> Sessions) : PlanOutcome;

    public sealed record Changed(string Message) : PlanOutcome;

    public sealed record NotFound : PlanOutcome;
}

/// <summary>
/// Creates and runs session plans. Proposals come from the domain's <see cref="SessionPlanner"/> with the desk's
/// availability (no minimum notice, a year ahead); confirmation books every session as an appointment in one
/// save, with the time-block key as the last word: all sessions or none.
/// </summary>
public sealed class SessionPlanService(
    ClinicDbContext db,
    AvailabilityQuery availability,
    ReceptionScheduling scheduling,
    AuditTrail audit,
    ILogger<SessionPlanService> logger)
{
    private SessionPlanner Planner => new(scheduling.Calculator);

    /// <summary>The clinician profile of the signed-in staff member, if they have one.</summary>
    public Task<int?> ClinicianIdAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return db.Clinicians.AsNoTracking().Where(c => c.StaffUserId == userId && c.IsActive).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Treatments this clinician offers that have a plan template.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> PlannableTreatmentsAsync(int clinicianId, CancellationToken cancellationToken)
    {
        var rows = await db.Treatments.AsNoTracking()
            .Where(t => t.IsActive && t.Clinicians.Any(c => c.Id == clinicianId) && db.TreatmentPlanPhases.Any(p => p.TreatmentId == t.Id))
            .OrderBy(t => t.SortOrder)
            .Select(t => new { t.Id, t.Name })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, r.Name)).ToList();
    }

    public async Task<PlanSetup?> SetupAsync(int patientId, int treatmentId, int clinicianId, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == patientId && p.MergedIntoPatientId == null && p.AnonymisedUtc == null).Select(p => new { p.Id, p.FullName }).FirstOrDefaultAsync(cancellationToken);
        var treatment = await db.Treatments.AsNoTracking()
            .Where(t => t.Id == treatmentId && t.IsActive && t.Clinicians.Any(c => c.Id == clinicianId))
            .Select(t => new { t.Id, t.Name, t.SessionMinutes })
            .FirstOrDefaultAsync(cancellationToken);
        if (patient is null || treatment is null)
        {
            return null;
        }

        var phases = await db.TreatmentPlanPhases.AsNoTracking().Where(p => p.TreatmentId == treatmentId).OrderBy(p => p.Order).ToListAsync(cancellationToken);
        if (phases.Count == 0)
        {
            return null;
        }

        var clinician = await db.Clinicians.AsNoTracking().Where(c => c.Id == clinicianId).Select(c => c.DisplayName).FirstAsync(cancellationToken);
        return new PlanSetup(patient.Id, patient.FullName, treatment.Id, treatment.Name, TimeSpan.FromMinutes(treatment.SessionMinutes),
            phases.Select(p => p.ToTemplate()).ToList(), clinicianId, clinician);
    }

    public async Task<IReadOnlyList<ProposedSession>> ProposeAsync(PlanSetup setup, PlanRequest request, CancellationToken cancellationToken)
    {
        var (from, to) = SessionPlanner.Span(SessionPlanner.Dates(setup.Phases, request));
        var data = await availability.LoadAsync([setup.ClinicianId], from, to, null, cancellationToken);
        return Planner.Propose(setup.Phases, request, data, scheduling.UtcNow);
    }

    /// <summary>Books the whole plan with the chosen times, or nothing.</summary>
    public async Task<PlanOutcome> ConfirmAsync(PlanSetup setup, PlanRequest request, IReadOnlyList<Slot> chosen, CancellationToken cancellationToken)
    {
        var dates = SessionPlanner.Dates(setup.Phases, request);
        if (chosen.Count != dates.Count || chosen.Any(s => s.ClinicianId != setup.ClinicianId || s.EndUtc - s.StartUtc != setup.SessionLength))
        {
            return new PlanOutcome.Refused("Choose a time for every session.", []);
        }

        var from = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(chosen.Min(s => s.StartUtc), scheduling.Calculator.ClinicTimeZone));
        var to = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(chosen.Max(s => s.StartUtc), scheduling.Calculator.ClinicTimeZone));
        var data = await availability.LoadAsync([setup.ClinicianId], from, to, null, cancellationToken);
        var refused = Planner.Refusals(chosen, data, scheduling.UtcNow);
        if (refused.Count > 0)
        {
            return new PlanOutcome.Refused(TakenMessage(refused), refused);
        }

        // One transaction: the plan first (for its id), then every session with its time blocks and audit entries;
        // a taken time anywhere rolls the whole plan back. Inside the execution strategy, so SQL Server's retry on
        // transient faults replays the whole unit from a clean change tracker.
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(
            (setup, request, chosen),
            async (_, state, ct) =>
            {
                db.ChangeTracker.Clear();
                return await BookPlanAsync(state.setup, state.request, state.chosen, ct);
            },
            verifySucceeded: null,
            cancellationToken);
    }

    private async Task<PlanOutcome> BookPlanAsync(PlanSetup setup, PlanRequest request, IReadOnlyList<Slot> chosen, CancellationToken cancellationToken)
    {
        var now = scheduling.UtcNow;
        var plan = new SessionPlan
        {
            PatientId = setup.PatientId,
            TreatmentId = setup.TreatmentId,
            ClinicianId = setup.ClinicianId,
            StartDate = request.StartDate,
            PreferredDay = request.PreferredDay,
            PreferredTime = request.PreferredTime,
            PhasesSummary = Summary(setup.Phases, request.SessionsPerPhase),
            TotalSessions = chosen.Count,
            CreatedUtc = now,
            UpdatedUtc = now,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            db.SessionPlans.Add(plan);
            await db.SaveChangesAsync(cancellationToken);

            var references = new List<string>();
            for (var i = 0; i < chosen.Count; i++)
            {
                var appointment = NewSession(plan, setup, chosen[i], i + 1, now);
                references.Add(appointment.Reference);
                db.Appointments.Add(appointment);
                audit.Record(AuditActions.AppointmentBooked, AuditEntityTypes.Appointment, appointment.Reference, setup.PatientId,
                    $"{appointment.Reference} booked as session {i + 1} of {chosen.Count} of a {setup.TreatmentName} plan",
                    after: new { appointment.ClinicianId, appointment.TreatmentId, appointment.StartUtc, Source = appointment.Source.ToString(), appointment.SessionNumber });
            }

            audit.Record(AuditActions.PlanCreated, AuditEntityTypes.SessionPlan, plan.Id, setup.PatientId,
                $"{setup.TreatmentName} plan of {chosen.Count} sessions with {setup.ClinicianName}",
                after: new { setup.TreatmentId, setup.ClinicianId, plan.PhasesSummary, Sessions = references });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception))
        {
            // Someone took one of the times after the check: nothing of the plan is kept.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            logger.LogInformation("A session plan for clinician {ClinicianId} lost a race for a time; nothing booked", setup.ClinicianId);
            return new PlanOutcome.Refused("One of the times was taken a moment ago. Nothing was booked; please check the proposal again.", []);
        }

        logger.LogInformation("Session plan {PlanId} created with {Sessions} sessions", plan.Id, chosen.Count);
        return new PlanOutcome.Done(plan.Id, $"Plan booked: {chosen.Count} sessions.");
    }

    /// <summary>Books a session again (after a no-show or cancellation) without touching the rest of the plan.</summary>
    public async Task<PlanOutcome> RebookAsync(int planId, int sessionNumber, SlotValue wanted, CancellationToken cancellationToken)
    {
        var plan = await db.SessionPlans.Include(p => p.Treatment).FirstOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return new PlanOutcome.NotFound();
        }

        if (plan.Status != SessionPlanStatus.Active)
        {
            return new PlanOutcome.Refused("The plan has ended, so its sessions cannot be booked again.", []);
        }

        var sessions = await db.Appointments.AsNoTracking()
            .Where(a => a.SessionPlanId == planId && a.SessionNumber == sessionNumber)
            .Select(a => a.Status)
            .ToListAsync(cancellationToken);
        if (sessions.Count == 0 || sessions.Any(s => s is AppointmentStatus.Booked or AppointmentStatus.Arrived or AppointmentStatus.Completed))
        {
            return new PlanOutcome.Refused($"Session {sessionNumber} is not missed or cancelled, so there is nothing to book again.", []);
        }

        var slot = new Slot(plan.ClinicianId, wanted.StartUtc, wanted.StartUtc.AddMinutes(plan.Treatment!.SessionMinutes));
        var check = await scheduling.CheckAsync(slot, null, cancellationToken);
        if (wanted.ClinicianId != plan.ClinicianId || check != SlotCheckResult.Ok)
        {
            return new PlanOutcome.Refused(ReceptionScheduling.Explain(check), [sessionNumber]);
        }

        var setup = new PlanSetup(plan.PatientId, "", plan.TreatmentId, plan.Treatment.Name, slot.EndUtc - slot.StartUtc, [], plan.ClinicianId, "");
        var appointment = NewSession(plan, setup, slot, sessionNumber, scheduling.UtcNow);
        db.Appointments.Add(appointment);
        audit.Record(AuditActions.AppointmentBooked, AuditEntityTypes.Appointment, appointment.Reference, plan.PatientId,
            $"{appointment.Reference} booked again as session {sessionNumber} of plan {plan.Id}",
            after: new { appointment.ClinicianId, appointment.StartUtc, appointment.SessionNumber });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception))
        {
            db.ChangeTracker.Clear();
            return new PlanOutcome.Refused(ReceptionScheduling.Explain(SlotCheckResult.Taken), [sessionNumber]);
        }

        return new PlanOutcome.Done(plan.Id, $"Session {sessionNumber} booked again.");
    }

    /// <summary>Completes or discontinues a plan; its upcoming sessions are cancelled and their time given back.</summary>
    public async Task<PlanOutcome> EndAsync(int planId, SessionPlanStatus outcome, string? reason, Guid version, CancellationToken cancellationToken)
    {
        var plan = await db.SessionPlans.FirstOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return new PlanOutcome.NotFound();
        }

        if (plan.Version != version)
        {
            return new PlanOutcome.Changed("Someone else changed this plan a moment ago, so your change was not saved. Here it is as it stands now.");
        }

        if (plan.Status != SessionPlanStatus.Active)
        {
            return new PlanOutcome.Refused("The plan has already ended.", []);
        }

        var now = scheduling.UtcNow;
        var upcoming = await db.Appointments.Include(a => a.TimeBlocks)
            .Where(a => a.SessionPlanId == planId && a.Status == AppointmentStatus.Booked && a.StartUtc > now)
            .ToListAsync(cancellationToken);
        var label = outcome == SessionPlanStatus.Completed ? "completed" : "discontinued";
        foreach (var appointment in upcoming)
        {
            appointment.ChangeStatus(AppointmentStatus.Cancelled, now, $"Plan {label}");
            audit.Record(AuditActions.AppointmentCancelled, AuditEntityTypes.Appointment, appointment.Reference, plan.PatientId,
                $"{appointment.Reference} cancelled: plan {label}", new { Status = nameof(AppointmentStatus.Booked) }, new { Status = nameof(AppointmentStatus.Cancelled) });
        }

        plan.Status = outcome;
        plan.EndReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        plan.EndedUtc = now;
        plan.UpdatedUtc = now;
        plan.Version = Guid.NewGuid();
        audit.Record(outcome == SessionPlanStatus.Completed ? AuditActions.PlanCompleted : AuditActions.PlanDiscontinued,
            AuditEntityTypes.SessionPlan, plan.Id, plan.PatientId, $"Plan {plan.Id} {label}; {upcoming.Count} upcoming sessions cancelled",
            new { Status = nameof(SessionPlanStatus.Active) }, new { Status = outcome.ToString(), plan.EndReason });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new PlanOutcome.Changed("Someone else changed this plan or one of its sessions a moment ago. Nothing was saved.");
        }

        return new PlanOutcome.Done(plan.Id, $"Plan {label}. {upcoming.Count} upcoming session{(upcoming.Count == 1 ? " was" : "s were")} cancelled.");
    }

    public async Task<TimeSpan> SessionLengthAsync(int planId, CancellationToken cancellationToken) =>
        TimeSpan.FromMinutes(await db.SessionPlans.Where(p => p.Id == planId).Select(p => p.Treatment!.SessionMinutes).FirstAsync(cancellationToken));

    public static string Summary(IReadOnlyList<PhaseTemplate> phases, IReadOnlyList<int> counts) =>
        string.Join("; ", phases.Select((p, i) => $"{p.Name}: {counts[i].ToString(CultureInfo.InvariantCulture)} {p.Interval}"));

    private static string TakenMessage(IReadOnlyList<int> sessions) =>
        $"Session{(sessions.Count == 1 ? "" : "s")} {string.Join(", ", sessions)} cannot have the chosen time{(sessions.Count == 1 ? "" : "s")}. Nothing was booked; choose other times.";

    private Appointment NewSession(SessionPlan plan, PlanSetup setup, Slot slot, int number, DateTime now)
    {
        var appointment = new Appointment
        {
            Reference = BookingReference.New(),
            PatientId = setup.PatientId,
            ClinicianId = slot.ClinicianId,
            TreatmentId = setup.TreatmentId,
            StartUtc = slot.StartUtc,
            EndUtc = slot.EndUtc,
            Status = AppointmentStatus.Booked,
            Source = AppointmentSource.SessionPlan,
            SessionPlanId = plan.Id,
            SessionNumber = number,
            CreatedUtc = now,
            UpdatedUtc = now,
        };

        appointment.TimeBlocks.AddRange(ClinicianTimeBlock.For(slot.ClinicianId, 0, slot.StartUtc, slot.EndUtc, scheduling.Buffer));
        return appointment;
    }
}
