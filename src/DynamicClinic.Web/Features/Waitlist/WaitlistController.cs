using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Waitlist;

/// <summary>Reception's waitlist: the offers to call about, the patients waiting, and adding one.</summary>
[Authorize(Policy = Policies.FrontDesk)]
public sealed class WaitlistController(WaitlistDesk desk) : StaffControllerBase
{
    [HttpGet("/staff/waitlist")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await desk.PageAsync(cancellationToken));

    [HttpGet("/staff/waitlist/new")]
    public async Task<IActionResult> New(int? patient, CancellationToken cancellationToken) =>
        View(await desk.NewPageAsync(desk.NewForm(patient), null, cancellationToken));

    [HttpPost("/staff/waitlist/new")]
    public async Task<IActionResult> New(WaitlistForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            switch (await desk.AddAsync(form, cancellationToken))
            {
                case Outcome.Done done:
                    TempData["Flash"] = done.Message;
                    return Redirect("/staff/waitlist");
                case Outcome.Refused refused:
                    ModelState.AddModelError(refused.Field ?? nameof(WaitlistForm.TreatmentId), refused.Message);
                    break;
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(await desk.NewPageAsync(form, null, cancellationToken));
    }

    [HttpPost("/staff/waitlist/{id:int}/remove")]
    public async Task<IActionResult> Remove(int id, CancellationToken cancellationToken) => Finish(await desk.RemoveAsync(id, cancellationToken));

    [HttpPost("/staff/waitlist/offers/{id:int}/accept")]
    public async Task<IActionResult> Accept(int id, CancellationToken cancellationToken) => Finish(await desk.AcceptAsync(id, cancellationToken));

    [HttpPost("/staff/waitlist/offers/{id:int}/decline")]
    public async Task<IActionResult> Decline(int id, CancellationToken cancellationToken) => Finish(await desk.DeclineAsync(id, cancellationToken));

    // Post/redirect/get: the list again, with what happened at the top.
    private IActionResult Finish(Outcome outcome)
    {
        if (outcome is Outcome.NotFound)
        {
            return NotFound();
        }

        TempData[outcome is Outcome.Done ? "Flash" : "Problem"] = outcome.MessageOr("");
        return Redirect("/staff/waitlist");
    }
}
