using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Features.Patients;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Notes;

/// <summary>
/// The clinical note of one appointment. Admins and clinicians who may see the patient's chart read (every read
/// audited; PatientChartAccess); only the appointment's own clinician writes, signs and amends. Reception is refused every route. The URL carries the booking
/// reference only, never anything clinical.
/// </summary>
[Authorize(Policy = Policies.ClinicalRecords)]
public sealed class NotesController(NoteDesk desk, PatientChartAccess access) : StaffControllerBase
{
    public static string LinkFor(string reference) => "/staff/appointments/" + Uri.EscapeDataString(reference) + "/note";

    [HttpGet("/staff/appointments/{reference}/note")]
    public async Task<IActionResult> Note(string reference, CancellationToken cancellationToken)
    {
        // A note is part of the patient's chart: a clinician who does not treat the patient gives a reason first.
        if (await desk.PatientIdAsync(reference, cancellationToken) is { } patientId
            && await access.ForAsync(patientId, User, cancellationToken) == ChartAccess.ReasonNeeded)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return View("~/Features/Patients/ChartReason.cshtml", new ChartReasonViewModel(patientId, await access.NameAsync(patientId, cancellationToken) ?? "", new ChartReasonForm()));
        }

        var model = await desk.PageAsync(reference, User, recordView: true, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("/staff/appointments/{reference}/note")]
    [Authorize(Policy = Policies.Clinical)]
    public async Task<IActionResult> SaveDraft(string reference, NoteForm form, CancellationToken cancellationToken) =>
        await OutcomeAsync(reference, form, "draft", await desk.SaveDraftAsync(reference, User, WithAnswers(form), cancellationToken), cancellationToken);

    /// <summary>
    /// The note page's script saves the draft every so often while the clinician types (antiforgery token included
    /// in the form data). JSON in reply: the draft's new version and the time, or why it was not saved.
    /// </summary>
    [HttpPost("/staff/appointments/{reference}/note/autosave")]
    [Authorize(Policy = Policies.Clinical)]
    public async Task<IActionResult> Autosave(string reference, NoteForm form, CancellationToken cancellationToken)
    {
        switch (await desk.SaveDraftAsync(reference, User, WithAnswers(form), cancellationToken))
        {
            case Outcome.Done:
                return Json(new { version = await desk.VersionAsync(reference, cancellationToken), savedAt = desk.NowLabel() });
            case Outcome.Forbidden:
                return Forbid();
            case Outcome.NotFound:
                return NotFound();
            case Outcome.Changed changed:
                return Conflict(new { message = "This draft was saved from another page meanwhile, so it was not saved here. Reload the page to see it." });
            case Outcome.Refused refused:
                return BadRequest(new
                {
                    message = refused.FieldErrors.Count > 0 ? "Not saved automatically: a field needs correcting. Press Save draft to see which." : refused.Message,
                });
            default:
                return BadRequest();
        }
    }

    [HttpPost("/staff/appointments/{reference}/note/sign")]
    [Authorize(Policy = Policies.Clinical)]
    public async Task<IActionResult> Sign(string reference, NoteForm form, CancellationToken cancellationToken) =>
        await OutcomeAsync(reference, form, "sign", await desk.SignAsync(reference, User, WithAnswers(form), cancellationToken), cancellationToken);

    [HttpPost("/staff/appointments/{reference}/note/amend")]
    [Authorize(Policy = Policies.Clinical)]
    public async Task<IActionResult> Amend(string reference, NoteForm form, CancellationToken cancellationToken) =>
        await OutcomeAsync(reference, form, "amend", await desk.AmendAsync(reference, User, WithAnswers(form), cancellationToken), cancellationToken);

    /// <summary>A structured note's answers come as <c>f.*</c> inputs, read from the form as posted.</summary>
    private NoteForm WithAnswers(NoteForm form)
    {
        form.Structured = NoteForm.StructuredFrom(Request.Form);
        return form;
    }

    private async Task<IActionResult> OutcomeAsync(string reference, NoteForm form, string which, Outcome outcome, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case Outcome.Done done:
                TempData["Flash"] = done.Message;
                return Redirect(LinkFor(reference));
            case Outcome.Forbidden:
                return Forbid();
            case Outcome.NotFound:
                return NotFound();
        }

        // Refused or changed meanwhile: the page again, with what was typed and the messages beside the fields.
        // A sign form without the note's fields: show the stored draft, with the missing fields marked on it.
        var model = which == "sign" && !form.WithFields
            ? await desk.PageAsync(reference, User, recordView: false, cancellationToken)
            : await desk.PageWithFormAsync(reference, User, form, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        string problem;
        if (outcome is Outcome.Refused refused)
        {
            foreach (var error in refused.FieldErrors)
            {
                ModelState.AddModelError(error.Field, error.Message);
            }

            problem = refused.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            problem = ((Outcome.Changed)outcome).Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        return View("Note", model with { Problem = problem, FailedForm = which });
    }
}
