using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.SessionPlans;
using DynamicClinic.Domain.Treatments;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Admin;

public sealed record TreatmentRow(int Id, string Name, string Slug, bool IsActive, int ConsultationMinutes, int SessionMinutes, int SortOrder, int Clinicians, int Phases);

public sealed record TreatmentViewModel(int? Id, string? OriginalSlug, int Appointments, TreatmentForm Form, IReadOnlyList<ClinicianChoice> Clinicians);

/// <summary>
/// Treatments for admins: booking details, who offers them, and the plan template. Inactive treatments are hidden from
/// online and reception booking; their appointments and plans stay. Editing a template changes only plans created
/// afterwards: existing plans keep the phases they were agreed with. A slug may be changed (old links then stop
/// working, which the edit page warns about when the treatment already has appointments).
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class TreatmentsAdminController(ClinicDbContext db, AuditTrail audit, ILogger<TreatmentsAdminController> logger) : StaffControllerBase
{
    [HttpGet("/staff/admin/treatments")]
    public async Task<IActionResult> Treatments(CancellationToken cancellationToken)
    {
        var rows = await db.Treatments.AsNoTracking()
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
        return View("Treatments", rows);
    }

    [HttpGet("/staff/admin/treatments/new")]
    public async Task<IActionResult> New(CancellationToken cancellationToken)
    {
        var form = new TreatmentForm { IsActive = true, Phases = [new PhaseRow()] };
        return View("Treatment", await ModelAsync(null, form, cancellationToken));
    }

    [HttpPost("/staff/admin/treatments/new")]
    public async Task<IActionResult> New(TreatmentForm form, CancellationToken cancellationToken)
    {
        await CheckAsync(form, null, cancellationToken);
        if (!ModelState.IsValid)
        {
            return await RefusedAsync(null, form, cancellationToken);
        }

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
        TempData["Flash"] = "Treatment created.";
        return Redirect($"/staff/admin/treatments/{treatment.Id}");
    }

    [HttpGet("/staff/admin/treatments/{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var treatment = await db.Treatments.AsNoTracking().Include(t => t.Clinicians).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (treatment is null)
        {
            return NotFound();
        }

        var phases = await db.TreatmentPlanPhases.AsNoTracking().Where(p => p.TreatmentId == id).OrderBy(p => p.Order).ToListAsync(cancellationToken);
        var form = new TreatmentForm
        {
            Name = treatment.Name,
            Slug = treatment.Slug,
            Summary = treatment.Summary,
            IsActive = treatment.IsActive,
            ConsultationMinutes = treatment.ConsultationMinutes,
            SessionMinutes = treatment.SessionMinutes,
            SortOrder = treatment.SortOrder,
            ClinicianIds = treatment.Clinicians.Select(c => c.Id).ToList(),
            Phases = [.. phases.Select(PhaseRow.From), new PhaseRow()],
        };
        return View("Treatment", await ModelAsync(id, form, cancellationToken));
    }

    [HttpPost("/staff/admin/treatments/{id:int}")]
    public async Task<IActionResult> Edit(int id, TreatmentForm form, CancellationToken cancellationToken)
    {
        var treatment = await db.Treatments.Include(t => t.Clinicians).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (treatment is null)
        {
            return NotFound();
        }

        await CheckAsync(form, id, cancellationToken);
        if (!ModelState.IsValid)
        {
            return await RefusedAsync(id, form, cancellationToken);
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
        TempData["Flash"] = treatment.IsActive ? "Treatment saved." : "Treatment saved. It is inactive: hidden from online and reception booking.";
        return Redirect($"/staff/admin/treatments/{id}");
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
        Clinicians = t.Clinicians.Select(c => c.Id).Order().ToList(),
        Phases = phases.Select(p => $"{p.Name}: {p.MinSessions}-{p.MaxSessions} (usually {p.DefaultSessions}), {p.Interval}").ToList(),
    };

    private async Task CheckAsync(TreatmentForm form, int? id, CancellationToken cancellationToken)
    {
        var slug = form.Slug?.Trim() ?? "";
        if (!ModelState.ContainsKey(nameof(form.Slug)) || ModelState[nameof(form.Slug)]!.Errors.Count == 0)
        {
            if (await db.Treatments.AnyAsync(t => t.Slug == slug && t.Id != id, cancellationToken))
            {
                ModelState.AddModelError(nameof(form.Slug), "Another treatment already uses this web address name.");
            }
        }

        var known = await db.Clinicians.Select(c => c.Id).ToListAsync(cancellationToken);
        if (form.ClinicianIds.Any(c => !known.Contains(c)))
        {
            ModelState.AddModelError(nameof(form.ClinicianIds), "Choose clinicians from the list.");
        }
    }

    private async Task ApplyAsync(Treatment treatment, TreatmentForm form, CancellationToken cancellationToken)
    {
        treatment.Name = form.Name.Trim();
        treatment.Slug = form.Slug.Trim();
        treatment.Summary = form.Summary?.Trim() ?? "";
        treatment.IsActive = form.IsActive;
        treatment.ConsultationMinutes = form.ConsultationMinutes;
        treatment.SessionMinutes = form.SessionMinutes;
        treatment.SortOrder = form.SortOrder;
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

    private async Task<IActionResult> RefusedAsync(int? id, TreatmentForm form, CancellationToken cancellationToken)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        if (form.Phases.Count == 0 || !form.Phases[^1].IsBlank)
        {
            form.Phases.Add(new PhaseRow());
        }

        return View("Treatment", await ModelAsync(id, form, cancellationToken));
    }

    private async Task<TreatmentViewModel> ModelAsync(int? id, TreatmentForm form, CancellationToken cancellationToken)
    {
        var clinicians = await db.Clinicians.AsNoTracking().OrderBy(c => c.DisplayName)
            .Select(c => new ClinicianChoice(c.Id, c.DisplayName, c.Title)).ToListAsync(cancellationToken);
        string? slug = null;
        var appointments = 0;
        if (id is not null)
        {
            slug = await db.Treatments.Where(t => t.Id == id).Select(t => t.Slug).FirstAsync(cancellationToken);
            appointments = await db.Appointments.CountAsync(a => a.TreatmentId == id, cancellationToken);
        }

        return new TreatmentViewModel(id, slug, appointments, form, clinicians);
    }
}
