using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.SessionPlans;
using DynamicClinic.Domain.Treatments;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Admin;

/// <summary>
/// Treatments and their plan templates for admins: the pages' queries, the checks that need the database, and each
/// save audited in one unit of work.
/// </summary>
public sealed class TreatmentAdmin(ClinicDbContext db, AuditTrail audit, ILogger<TreatmentAdmin> logger)
{
    public async Task<IReadOnlyList<TreatmentRow>> RowsAsync(CancellationToken cancellationToken) =>
        await db.Treatments.AsNoTracking()
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Name)
            .Select(t => new TreatmentRow(
                t.Id,
                t.Name,
                t.Slug,
                t.IsActive,
                t.ConsultationMinutes,
                t.SessionMinutes,
                t.SortOrder,
                t.Clinicians.Count,
                db.TreatmentPlanPhases.Count(p => p.TreatmentId == t.Id)))
            .ToListAsync(cancellationToken);

    /// <summary>The edit form filled from what is stored, with one blank phase row to add a phase; null when there is no such treatment.</summary>
    public async Task<TreatmentForm?> FormForAsync(int id, CancellationToken cancellationToken)
    {
        var treatment = await db.Treatments.AsNoTracking().Include(t => t.Clinicians).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (treatment is null)
        {
            return null;
        }

        var phases = await db.TreatmentPlanPhases.AsNoTracking().Where(p => p.TreatmentId == id).OrderBy(p => p.Order).ToListAsync(cancellationToken);
        return new TreatmentForm
        {
            Name = treatment.Name,
            Slug = treatment.Slug,
            Summary = treatment.Summary,
            IsActive = treatment.IsActive,
            ConsultationMinutes = treatment.ConsultationMinutes,
            SessionMinutes = treatment.SessionMinutes,
            SortOrder = treatment.SortOrder,
            RoomId = treatment.RoomId,
            ClinicianIds = treatment.Clinicians.Select(c => c.Id).ToList(),
            Phases = [.. phases.Select(PhaseRow.From), new PhaseRow()],
        };
    }

    /// <summary>The new (id null) or edit page; null when there is no treatment with that id.</summary>
    public async Task<TreatmentViewModel?> PageAsync(int? id, TreatmentForm form, CancellationToken cancellationToken)
    {
        string? slug = null;
        var appointments = 0;
        if (id is not null)
        {
            slug = await db.Treatments.Where(t => t.Id == id).Select(t => t.Slug).FirstOrDefaultAsync(cancellationToken);
            if (slug is null)
            {
                return null;
            }

            appointments = await db.Appointments.CountAsync(a => a.TreatmentId == id, cancellationToken);
        }

        var clinicians = await db.Clinicians.AsNoTracking().OrderBy(c => c.DisplayName)
            .Select(c => new ClinicianChoice(c.Id, c.DisplayName, c.Title)).ToListAsync(cancellationToken);
        var rooms = await db.Rooms.AsNoTracking().Where(r => r.IsActive || r.Id == form.RoomId).OrderBy(r => r.Name)
            .Select(r => new RoomChoice(r.Id, r.Name)).ToListAsync(cancellationToken);
        return new TreatmentViewModel(id, slug, appointments, form, clinicians) { Rooms = rooms };
    }

    /// <summary>
    /// What the validator cannot know, each a refusal of one field: a web address name another treatment
    /// (not <paramref name="id"/>) uses, clinicians that do not exist.
    /// </summary>
    public async Task<IReadOnlyList<Outcome.Refused>> ProblemsAsync(TreatmentForm form, int? id, CancellationToken cancellationToken)
    {
        var problems = new List<Outcome.Refused>();
        var slug = form.Slug?.Trim() ?? "";
        if (await db.Treatments.AnyAsync(t => t.Slug == slug && t.Id != id, cancellationToken))
        {
            problems.Add(new Outcome.Refused("Another treatment already uses this web address name.") { Field = nameof(form.Slug) });
        }

        var known = await db.Clinicians.Select(c => c.Id).ToListAsync(cancellationToken);
        if (form.ClinicianIds.Any(c => !known.Contains(c)))
        {
            problems.Add(new Outcome.Refused("Choose clinicians from the list.") { Field = nameof(form.ClinicianIds) });
        }

        if (form.RoomId is { } roomId && !await db.Rooms.AnyAsync(r => r.Id == roomId && r.IsActive, cancellationToken))
        {
            problems.Add(new Outcome.Refused("Choose a room from the list.") { Field = nameof(form.RoomId) });
        }

        return problems;
    }

    /// <summary>Creates a treatment from a form that passed the validator and <see cref="ProblemsAsync"/>; returns its id.</summary>
    public async Task<int> CreateAsync(TreatmentForm form, CancellationToken cancellationToken)
    {
        // The phases need the treatment's id: one transaction keeps the treatment, its phases and the audit entry together.
        // Inside the execution strategy, so SQL Server's retry on transient faults (which refuses a bare user transaction)
        // replays the whole unit from a clean change tracker.
        var strategy = db.Database.CreateExecutionStrategy();
        var treatment = await strategy.ExecuteAsync(
            form,
            async (_, state, ct) =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var created = new Treatment { Name = "", Slug = "" };
                await ApplyAsync(created, state, ct);
                db.Treatments.Add(created);
                await db.SaveChangesAsync(ct);
                ReplacePhases(created.Id, [], state.KeptPhases());
                audit.Record(
                    AuditActions.TreatmentCreated,
                    AuditEntityTypes.Treatment,
                    created.Id,
                    patientId: null,
                    $"Treatment {created.Name} created",
                    after: Snapshot(created, state.KeptPhases()));
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return created;
            },
            verifySucceeded: null,
            cancellationToken);
        logger.LogInformation("Treatment {TreatmentId} created", treatment.Id);
        return treatment.Id;
    }

    /// <summary>Saves a form that passed the validator and <see cref="ProblemsAsync"/>.</summary>
    public async Task<Outcome> UpdateAsync(int id, TreatmentForm form, CancellationToken cancellationToken)
    {
        var treatment = await db.Treatments.Include(t => t.Clinicians).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (treatment is null)
        {
            return new Outcome.NotFound();
        }

        var phases = await db.TreatmentPlanPhases.Where(p => p.TreatmentId == id).OrderBy(p => p.Order).ToListAsync(cancellationToken);
        var before = Snapshot(treatment, phases.Select(p => p.ToTemplate()).ToList());
        await ApplyAsync(treatment, form, cancellationToken);
        ReplacePhases(id, phases, form.KeptPhases());
        audit.Record(
            AuditActions.TreatmentUpdated,
            AuditEntityTypes.Treatment,
            id,
            patientId: null,
            $"Treatment {treatment.Name} updated",
            before,
            Snapshot(treatment, form.KeptPhases()));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Treatment {TreatmentId} updated", id);
        return new Outcome.Done(treatment.IsActive ? "Treatment saved." : "Treatment saved. It is inactive: hidden from online and reception booking.");
    }

    private static object Snapshot(Treatment t, IReadOnlyList<PhaseTemplate> phases) => new
    {
        t.Name,
        t.Slug,
        t.Summary,
        t.IsActive,
        t.ConsultationMinutes,
        t.SessionMinutes,
        t.SortOrder,
        t.RoomId,
        Clinicians = t.Clinicians.Select(c => c.Id).Order().ToList(),
        Phases = phases.Select(p => $"{p.Name}: {p.MinSessions}-{p.MaxSessions} (usually {p.DefaultSessions}), {p.Interval}").ToList(),
    };

    private async Task ApplyAsync(Treatment treatment, TreatmentForm form, CancellationToken cancellationToken)
    {
        treatment.Name = form.Name.Trim();
        treatment.Slug = form.Slug.Trim();
        treatment.Summary = form.Summary?.Trim() ?? "";
        treatment.IsActive = form.IsActive;
        treatment.ConsultationMinutes = form.ConsultationMinutes;
        treatment.SessionMinutes = form.SessionMinutes;
        treatment.SortOrder = form.SortOrder;
        // Appointments booked from now on hold the room; those already booked keep what they hold.
        treatment.RoomId = form.RoomId;
        var chosen = form.ClinicianIds.Distinct().ToList();
        treatment.Clinicians.RemoveAll(c => !chosen.Contains(c.Id));
        var missing = chosen.Where(c => treatment.Clinicians.All(x => x.Id != c)).ToList();
        treatment.Clinicians.AddRange(await db.Clinicians.Where(c => missing.Contains(c.Id)).ToListAsync(cancellationToken));
    }

    // Session plans copy their phases when created (PhasesSummary), so replacing the template rows leaves them as they are.
    private void ReplacePhases(int treatmentId, List<TreatmentPlanPhase> existing, IReadOnlyList<PhaseTemplate> phases)
    {
        db.TreatmentPlanPhases.RemoveRange(existing);
        for (var order = 0; order < phases.Count; order++)
        {
            var phase = TreatmentPlanPhase.From(order, phases[order]);
            phase.TreatmentId = treatmentId;
            db.TreatmentPlanPhases.Add(phase);
        }
    }
}
