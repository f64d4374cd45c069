using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Admin;

public sealed record TreatmentRow(int Id, string Name, string Slug, bool IsActive, int ConsultationMinutes, int SessionMinutes, int SortOrder, int Clinicians, int Phases);

public sealed record TreatmentViewModel(int? Id, string? OriginalSlug, int Appointments, TreatmentForm Form, IReadOnlyList<ClinicianChoice> Clinicians)
{
    public IReadOnlyList<RoomChoice> Rooms { get; init; } = [];
}

public sealed record RoomChoice(int Id, string Name);

/// <summary>
/// Treatments for admins: booking details, who offers them, and the plan template. Inactive treatments are hidden from
/// online and reception booking; their appointments and plans stay. Editing a template changes only plans created
/// afterwards: existing plans keep the phases they were agreed with. A slug may be changed (old links then stop
/// working, which the edit page warns about when the treatment already has appointments). Queries and saves are in
/// <see cref="TreatmentAdmin"/>.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class TreatmentsAdminController(TreatmentAdmin treatments) : StaffControllerBase
{
    [HttpGet("/staff/admin/treatments")]
    public async Task<IActionResult> Treatments(CancellationToken cancellationToken) =>
        View("Treatments", await treatments.RowsAsync(cancellationToken));

    [HttpGet("/staff/admin/treatments/new")]
    public async Task<IActionResult> New(CancellationToken cancellationToken)
    {
        var form = new TreatmentForm { IsActive = true, Phases = [new PhaseRow()] };
        return View("Treatment", await treatments.PageAsync(null, form, cancellationToken));
    }

    [HttpPost("/staff/admin/treatments/new")]
    public async Task<IActionResult> New(TreatmentForm form, CancellationToken cancellationToken)
    {
        await CheckAsync(form, null, cancellationToken);
        if (!ModelState.IsValid)
        {
            return await RefusedAsync(null, form, cancellationToken);
        }

        var id = await treatments.CreateAsync(form, cancellationToken);
        TempData["Flash"] = "Treatment created.";
        return Redirect($"/staff/admin/treatments/{id}");
    }

    [HttpGet("/staff/admin/treatments/{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var form = await treatments.FormForAsync(id, cancellationToken);
        return form is null ? NotFound() : View("Treatment", await treatments.PageAsync(id, form, cancellationToken));
    }

    [HttpPost("/staff/admin/treatments/{id:int}")]
    public async Task<IActionResult> Edit(int id, TreatmentForm form, CancellationToken cancellationToken)
    {
        await CheckAsync(form, id, cancellationToken);
        if (!ModelState.IsValid)
        {
            return await RefusedAsync(id, form, cancellationToken);
        }

        if (await treatments.UpdateAsync(id, form, cancellationToken) is not Outcome.Done done)
        {
            return NotFound();
        }

        TempData["Flash"] = done.Message;
        return Redirect($"/staff/admin/treatments/{id}");
    }

    // The checks that need the database, after the validator's: one message per field, the validator's first.
    private async Task CheckAsync(TreatmentForm form, int? id, CancellationToken cancellationToken)
    {
        foreach (var problem in await treatments.ProblemsAsync(form, id, cancellationToken))
        {
            if (ModelState[problem.Field!] is not { Errors.Count: > 0 })
            {
                ModelState.AddModelError(problem.Field!, problem.Message);
            }
        }
    }

    private async Task<IActionResult> RefusedAsync(int? id, TreatmentForm form, CancellationToken cancellationToken)
    {
        if (form.Phases.Count == 0 || !form.Phases[^1].IsBlank)
        {
            form.Phases.Add(new PhaseRow());
        }

        // Edit of a treatment that is not there: 404, whatever the form says.
        var model = await treatments.PageAsync(id, form, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Treatment", model);
    }
}
