using System.Globalization;
using System.Security.Claims;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Domain.SessionPlans;
using DynamicClinic.Web.Features.Scheduling;
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

/// <summary>
/// Creates and runs session plans. Proposals come from the domain's <see cref="SessionPlanner"/> with the desk's
/// availability (no minimum notice, a year ahead); confirmation books every session through the one booking core,
/// <see cref="AppointmentBooking"/>, in one unit of work with the plan: all sessions or none.
/// </summary>
public sealed class SessionPlanService(
    ClinicDbContext db,
    AvailabilityQuery availability,
    ReceptionScheduling scheduling,
    AppointmentBooking booking,
    AuditTrail audit)
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
        var room = await availability.RoomOfTreatmentAsync(setup.TreatmentId, cancellationToken);
        var data = await availability.LoadAsync([setup.ClinicianId], from, to, null, room, cancellationToken);
        return Planner.Propose(setup.Phases, request, data, scheduling.UtcNow);
    }

    /// <summary>Books the whole plan with the chosen times, or nothing; the patient gets one email with every date.</summary>
    public async Task<Outcome> ConfirmAsync(PlanSetup setup, PlanRequest request, IReadOnlyList<Slot> chosen, CancellationToken cancellationToken)
    {
        var dates = SessionPlanner.Dates(setup.Phases, request);
        if (chosen.Count != dates.Count || chosen.Any(s => s.ClinicianId != setup.ClinicianId || s.EndUtc - s.StartUtc != setup.SessionLength))
        {
            return new Outcome.Refused("Choose a time for every session.");
        }

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
        var outcome = await booking.BookAsync(
            new BookingRequest(
                new BookingPatient.Existing(setup.PatientId), setup.ClinicianId, setup.TreatmentId, chosen.Select(s => s.StartUtc).ToList(),
                setup.SessionLength, AppointmentSource.SessionPlan, BookingRules.Desk, Plan: plan,
                AuditNote: $"booked as a session of a {setup.TreatmentName} plan of {chosen.Count}"),
            cancellationToken);
        if (outcome is not Outcome.Done done)
        {
            return outcome;
        }

        // The plan's own entry, once it has an id (the sessions' entries were saved with them).
        audit.Record(AuditActions.PlanCreated, AuditEntityTypes.SessionPlan, done.PlanId!.Value, setup.PatientId,
            $"{setup.TreatmentName} plan of {chosen.Count} sessions with {setup.ClinicianName}",
            after: new { setup.TreatmentId, setup.ClinicianId, plan.PhasesSummary, FirstSession = done.Reference });
        await db.SaveChangesAsync(cancellationToken);
        return done with { Message = $"Plan booked: {chosen.Count} sessions." };
    }

    /// <summary>Books a session again (after a no-show or cancellation) without touching the rest of the plan.</summary>
    public async Task<Outcome> RebookAsync(int planId, int sessionNumber, SlotValue wanted, CancellationToken cancellationToken)
    {
        var plan = await db.SessionPlans.AsNoTracking().Include(p => p.Treatment).FirstOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return new Outcome.NotFound();
        }

        if (plan.Status != SessionPlanStatus.Active)
        {
            return new Outcome.Refused("The plan has ended, so its sessions cannot be booked again.");
        }

        var sessions = await db.Appointments.AsNoTracking()
            .Where(a => a.SessionPlanId == planId && a.SessionNumber == sessionNumber)
            .Select(a => a.Status)
            .ToListAsync(cancellationToken);
        if (sessions.Count == 0 || sessions.Any(s => s is AppointmentStatus.Booked or AppointmentStatus.Arrived or AppointmentStatus.Completed))
        {
            return new Outcome.Refused($"Session {sessionNumber} is not missed or cancelled, so there is nothing to book again.");
        }

        if (wanted.ClinicianId != plan.ClinicianId)
        {
            return new Outcome.Refused("Choose one of the plan clinician's free times.");
        }

        var outcome = await booking.BookAsync(
            new BookingRequest(
                new BookingPatient.Existing(plan.PatientId), plan.ClinicianId, plan.TreatmentId, [wanted.StartUtc],
                TimeSpan.FromMinutes(plan.Treatment!.SessionMinutes), AppointmentSource.SessionPlan, BookingRules.Desk,
                Plan: plan, FirstSessionNumber: sessionNumber, AuditNote: $"booked again as session {sessionNumber} of plan {plan.Id}"),
            cancellationToken);
        return outcome is Outcome.Done done ? done with { Message = $"Session {sessionNumber} booked again.", PlanId = plan.Id } : outcome;
    }

    /// <summary>Completes or discontinues a plan; its upcoming sessions are cancelled and their time given back.</summary>
    public async Task<Outcome> EndAsync(int planId, SessionPlanStatus outcome, string? reason, Guid version, CancellationToken cancellationToken)
    {
        var plan = await db.SessionPlans.FirstOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return new Outcome.NotFound();
        }

        if (plan.Version != version)
        {
            return new Outcome.Changed("Someone else changed this plan a moment ago, so your change was not saved. Here it is as it stands now.");
        }

        if (plan.Status != SessionPlanStatus.Active)
        {
            return new Outcome.Refused("The plan has already ended.");
        }

        var now = scheduling.UtcNow;
        var upcoming = await db.Appointments
            .Where(a => a.SessionPlanId == planId && a.Status == AppointmentStatus.Booked && a.StartUtc > now)
            .ToListAsync(cancellationToken);
        var label = outcome == SessionPlanStatus.Completed ? "completed" : "discontinued";
        foreach (var appointment in upcoming)
        {
            await booking.StageCancellationAsync(appointment, $"Plan {label}", $"because the plan was {label}", notifyPatient: true, cancellationToken);
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
            return new Outcome.Changed("Someone else changed this plan or one of its sessions a moment ago. Nothing was saved.");
        }

        return new Outcome.Done($"Plan {label}. {upcoming.Count} upcoming session{(upcoming.Count == 1 ? " was" : "s were")} cancelled.") { PlanId = plan.Id };
    }

    /// <summary>The room the plan's treatment needs, if any.</summary>
    public async Task<int?> RoomAsync(int planId, CancellationToken cancellationToken) =>
        await db.SessionPlans.Where(p => p.Id == planId).Select(p => p.Treatment!.RoomId).FirstOrDefaultAsync(cancellationToken);

    public async Task<TimeSpan> SessionLengthAsync(int planId, CancellationToken cancellationToken) =>
        TimeSpan.FromMinutes(await db.SessionPlans.Where(p => p.Id == planId).Select(p => p.Treatment!.SessionMinutes).FirstAsync(cancellationToken));

    public static string Summary(IReadOnlyList<PhaseTemplate> phases, IReadOnlyList<int> counts) =>
        string.Join("; ", phases.Select((p, i) => $"{p.Name}: {counts[i].ToString(CultureInfo.InvariantCulture)} {p.Interval}"));
}
