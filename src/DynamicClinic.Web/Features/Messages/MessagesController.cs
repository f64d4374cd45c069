using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Messages;

public sealed class AnswerForm
{
    public string Text { get; set; } = "";
}

/// <summary>Reception's inbox at /staff/messages.</summary>
[Authorize(Policy = Policies.FrontDesk)]
public sealed class MessagesController(ReceptionInbox inbox) : Controller
{
    [HttpGet("/staff/messages")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View("Index", await inbox.ListAsync(TempData["Flash"] as string, cancellationToken));

    [HttpPost("/staff/messages/{id:long}/read")]
    public async Task<IActionResult> Read(long id, CancellationToken cancellationToken)
    {
        await inbox.MarkReadAsync(id, cancellationToken);
        return Redirect("/staff/messages");
    }

    [HttpPost("/staff/messages/{id:long}/answer")]
    public async Task<IActionResult> Answer(long id, AnswerForm form, CancellationToken cancellationToken)
    {
        var text = form.Text?.Trim() ?? "";
        if (text.Length == 0 || text.Length > ReceptionInbox.AnswerMaxLength || !Domain.Text.TextRules.IsPlain(text, multiLine: true))
        {
            ModelState.AddModelError($"Text-{id}", $"Write an answer of up to {ReceptionInbox.AnswerMaxLength} characters, in plain text.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Index", await inbox.ListAsync(null, cancellationToken));
        }

        TempData["Flash"] = await inbox.AnswerAsync(id, text, cancellationToken);
        return Redirect("/staff/messages");
    }
}
