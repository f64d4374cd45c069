using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Domain.SessionPlans;
using DynamicClinic.Web.Features.Appointments;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.SessionPlans;

public sealed record NewPlanViewModel(
    PlanForm Form,
    PlanSetup? Setup,
    IReadOnlyList<(int Id, string Name)> Treatments,
    IReadOnlyList<RecentPatient> RecentPatients,
    IReadOnlyList<ProposedSession>? Proposal,
    IReadOnlyList<string> Problems,
    AppointmentPages Times);

public sealed record ChooseTimeViewModel(PlanPageViewModel Plan, string Title, string Action, DateOnly Date, IReadOnlyList<TimeOption> Times, string? Problem);

/// <summary>
/// Session plans: a clinician lays out a course of sessions for a patient and books it in one go; everyone on the
/// staff can follow its progress, reception and the clinician can book a missed session again, and the clinician
/// completes or discontinues it.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class SessionPlansController(
    SessionPlanService plans,
    SessionPlanPages pages,
    AppointmentPages appointmentPages,
    AppointmentDesk desk,
    ReceptionScheduling scheduling) : StaffControllerBase
{
    public static string LinkFor(int id) => "/staff/plans/" + id.ToString(CultureInfo.InvariantCulture);

    [HttpGet("/staff/plans/new")]
    [Authorize(Policy = Policies.Clinical)]
    public async Task<IActionResult> New(PlanForm form, bool propose, CancellationToken cancellationToken)
    {
        var clinicianId = await plans.ClinicianIdAsync(User, cancellationToken);
        if (clinicianId is null)
        {
            return Forbid();
        }

        ModelState.Clear();
        return View(await NewModelAsync(form, clinicianId.Value, propose, [], cancellationToken));
    }

    [HttpPost("/staff/plans/new")]
    [Authorize(Policy = Policies.Clinical)]
    public async Task<IActionResult> Confirm(PlanForm form, CancellationToken cancellationToken)
    {
        var clinicianId = await plans.ClinicianIdAsync(User, cancellationToken);
        if (clinicianId is null)
        {
            return Forbid();
        }

        var setup = ModelState.IsValid ? await plans.SetupAsync(form.PatientId, form.TreatmentId, clinicianId.Value, cancellationToken) : null;
        var request = setup is null ? null : RequestFrom(form, setup);
        // A refused field (a start date in year 1, say) is named in the problems: this form shows them above the plan.
        List<string> fieldProblems = [.. ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct()];
        var problems = setup is null || request is null
            ? fieldProblems.Count > 0 ? fieldProblems : ["Check the plan's details."]
            : SessionPlanner.Problems(setup.Phases, request).ToList();
        var chosen = new List<Slot>();
        foreach (var value in form.Chosen)
        {
            if (SlotValue.TryParse(value, out var slot) && setup is not null)
            {
                chosen.Add(new Slot(slot.ClinicianId, slot.StartUtc, slot.StartUtc + setup.SessionLength));
            }
        }

        if (problems.Count == 0 && chosen.Count != form.Chosen.Count)
        {
            problems.Add("Choose a time for every session.");
        }

        if (problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("New", await NewModelAsync(form, clinicianId.Value, setup is not null, problems, cancellationToken));
        }

        var outcome = await plans.ConfirmAsync(setup!, request!, chosen, cancellationToken);
        if (outcome is Features.Outcome.Done done)
        {
            TempData["Flash"] = done.Message;
            return Redirect(LinkFor(done.PlanId!.Value));
        }

        Response.StatusCode = StatusCodes.Status409Conflict;
        var message = outcome is Features.Outcome.Refused refused ? refused.Message : "The plan could not be booked.";
        return View("New", await NewModelAsync(form, clinicianId.Value, propose: true, [message], cancellationToken));
    }

    [HttpGet("/staff/plans/{id:int}")]
    public async Task<IActionResult> Plan(int id, CancellationToken cancellationToken)
    {
        var model = await PlanModelAsync(id, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("/staff/plans/{id:int}/end")]
    [Authorize(Policy = Policies.Clinical)]
    public async Task<IActionResult> End(int id, EndPlanForm form, CancellationToken cancellationToken)
    {
        var model = await PlanModelAsync(id, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        if (!model.CanEnd)
        {
            return Forbid();
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Plan", model with { End = form });
        }

        var outcome = await plans.EndAsync(id, Enum.Parse<SessionPlanStatus>(form.Outcome), form.Reason, form.Version, cancellationToken);
        return Outcome(id, outcome);
    }

    [HttpGet("/staff/plans/{id:int}/sessions/{number:int}/rebook")]
    public async Task<IActionResult> Rebook(int id, int number, string? date, CancellationToken cancellationToken)
    {
        var model = await PlanModelAsync(id, cancellationToken);
        if (model is null || !model.CanManage)
        {
            return model is null ? NotFound() : Forbid();
        }

        return View("ChooseTime", await ChooseModelAsync(model, $"Book session {number} again", $"/staff/plans/{id}/sessions/{number}/rebook", date, null, null, cancellationToken));
    }

    [HttpPost("/staff/plans/{id:int}/sessions/{number:int}/rebook")]
    public async Task<IActionResult> BookAgain(int id, int number, [FromForm] string? slot, CancellationToken cancellationToken)
    {
        var model = await PlanModelAsync(id, cancellationToken);
        if (model is null || !model.CanManage)
        {
            return model is null ? NotFound() : Forbid();
        }

        if (!SlotValue.TryParse(slot, out var wanted))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("ChooseTime", await ChooseModelAsync(model, $"Book session {number} again", $"/staff/plans/{id}/sessions/{number}/rebook", null, null, "Choose one of the free times.", cancellationToken));
        }

        var outcome = await plans.RebookAsync(id, number, wanted, cancellationToken);
        if (outcome is Features.Outcome.Refused refused)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(wanted.StartUtc, scheduling.Calculator.ClinicTimeZone)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return View("ChooseTime", await ChooseModelAsync(model, $"Book session {number} again", $"/staff/plans/{id}/sessions/{number}/rebook", day, null, refused.Message, cancellationToken));
        }

        return Outcome(id, outcome);
    }

    [HttpGet("/staff/plans/{id:int}/sessions/{reference}/move")]
    public async Task<IActionResult> Move(int id, string reference, string? date, CancellationToken cancellationToken)
    {
        var model = await PlanModelAsync(id, cancellationToken);
        var session = model?.Sessions.FirstOrDefault(s => s.Reference == reference && s.State == SessionState.Upcoming);
        if (model is null || session is null || !model.CanManage)
        {
            return model is null || session is null ? NotFound() : Forbid();
        }

        return View("ChooseTime", await ChooseModelAsync(model, $"Move session {session.Number}", $"/staff/plans/{id}/sessions/{reference}/move", date, reference, null, cancellationToken));
    }

    [HttpPost("/staff/plans/{id:int}/sessions/{reference}/move")]
    public async Task<IActionResult> MoveSession(int id, string reference, [FromForm] string? slot, CancellationToken cancellationToken)
    {
        var model = await PlanModelAsync(id, cancellationToken);
        var session = model?.Sessions.FirstOrDefault(s => s.Reference == reference && s.State == SessionState.Upcoming);
        if (model is null || session is null || !model.CanManage)
        {
            return model is null || session is null ? NotFound() : Forbid();
        }

        var action = $"/staff/plans/{id}/sessions/{reference}/move";
        var appointment = await appointmentPages.DetailsAsync(reference, cancellationToken);
        if (!SlotValue.TryParse(slot, out var wanted) || wanted.ClinicianId != model.ClinicianId || appointment is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("ChooseTime", await ChooseModelAsync(model, $"Move session {session.Number}", action, null, reference, "Choose one of the free times.", cancellationToken));
        }

        var outcome = await desk.MoveAsync(reference, wanted, emailPatient: appointment.PatientEmail is not null, appointment.Version, cancellationToken);
        if (outcome is Features.Outcome.Done)
        {
            TempData["Flash"] = $"Session {session.Number} moved.";
            return Redirect(LinkFor(id));
        }

        Response.StatusCode = StatusCodes.Status409Conflict;
        var message = outcome switch
        {
            Features.Outcome.Refused refused => refused.Message,
            Features.Outcome.Changed changed => changed.Message,
            _ => "The session could not be moved.",
        };
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(wanted.StartUtc, scheduling.Calculator.ClinicTimeZone)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return View("ChooseTime", await ChooseModelAsync(model, $"Move session {session.Number}", action, day, reference, message, cancellationToken));
    }

    private IActionResult Outcome(int id, Features.Outcome outcome)
    {
        switch (outcome)
        {
            case Features.Outcome.Done done:
                TempData["Flash"] = done.Message;
                break;
            case Features.Outcome.Changed changed:
                TempData["Problem"] = changed.Message;
                break;
            case Features.Outcome.Refused refused:
                TempData["Problem"] = refused.Message;
                break;
            default:
                return NotFound();
        }

        return Redirect(LinkFor(id));
    }

    private async Task<PlanPageViewModel?> PlanModelAsync(int id, CancellationToken cancellationToken)
    {
        var model = await pages.PlanAsync(id, cancellationToken);
        if (model is null)
        {
            return null;
        }

        var frontDesk = User.IsInRole(StaffRoles.Reception) || User.IsInRole(StaffRoles.Admin);
        var own = User.IsInRole(StaffRoles.Clinician) && await plans.ClinicianIdAsync(User, cancellationToken) == model.ClinicianId;
        var active = model.Status == SessionPlanStatus.Active;
        return model with
        {
            CanManage = active && (frontDesk || own),
            CanEnd = active && own,
            End = new EndPlanForm { Version = model.Version },
        };
    }

    private async Task<ChooseTimeViewModel> ChooseModelAsync(PlanPageViewModel plan, string title, string action, string? date, string? moving, string? problem, CancellationToken cancellationToken)
    {
        var day = ClinicDates.TryParse(date, out var d) && d >= scheduling.Today ? d : scheduling.Today;
        var length = await plans.SessionLengthAsync(plan.Id, cancellationToken);
        int? movingId = moving is null ? null : (await appointmentPages.DetailsAsync(moving, cancellationToken))?.Id;
        var slots = await scheduling.FreeSlotsAsync([plan.ClinicianId], day, length, movingId, await plans.RoomAsync(plan.Id, cancellationToken), cancellationToken);
        var clinicians = new List<ClinicianOption> { new(plan.ClinicianId, plan.ClinicianName) };
        return new ChooseTimeViewModel(plan, title, action, day, slots.Select(s => appointmentPages.Option(s, clinicians)).ToList(), problem);
    }

    private async Task<NewPlanViewModel> NewModelAsync(PlanForm form, int clinicianId, bool propose, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var treatments = await plans.PlannableTreatmentsAsync(clinicianId, cancellationToken);
        var recent = form.PatientId > 0 ? [] : await pages.RecentPatientsAsync(clinicianId, cancellationToken);
        if (form.TreatmentId == 0 && treatments.Count > 0)
        {
            form.TreatmentId = treatments[0].Id;
        }

        if (string.IsNullOrEmpty(form.StartDate))
        {
            form.StartDate = scheduling.Today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        var setup = form.PatientId > 0 ? await plans.SetupAsync(form.PatientId, form.TreatmentId, clinicianId, cancellationToken) : null;
        if (setup is not null && form.Sessions.Count != setup.Phases.Count)
        {
            form.Sessions = setup.Phases.Select(p => p.DefaultSessions).ToList();
        }

        IReadOnlyList<ProposedSession>? proposal = null;
        var allProblems = problems.ToList();
        if (setup is not null && propose)
        {
            var request = RequestFrom(form, setup);
            var requestProblems = request is null ? ["Enter the date of the first session (between 2000 and 2100) and a time like 10:30."] : SessionPlanner.Problems(setup.Phases, request);
            allProblems.AddRange(requestProblems.Except(allProblems));
            if (requestProblems.Count == 0)
            {
                proposal = await plans.ProposeAsync(setup, request!, cancellationToken);
            }
        }

        return new NewPlanViewModel(form, setup, treatments, recent, proposal, allProblems, appointmentPages);
    }

    private static PlanRequest? RequestFrom(PlanForm form, PlanSetup setup) =>
        form.TryStartDate(out var start) && form.TryPreferredTime(out var time) && Enum.IsDefined(form.PreferredDay)
            ? new PlanRequest(setup.ClinicianId, start, form.PreferredDay, time, setup.SessionLength, form.Sessions)
            : null;
}
