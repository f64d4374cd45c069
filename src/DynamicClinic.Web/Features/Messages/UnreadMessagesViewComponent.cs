using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Messages;

/// <summary>The staff header's "Messages" link with the number of unread patient messages.</summary>
public sealed class UnreadMessagesViewComponent(ReceptionInbox inbox) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var unread = await inbox.UnreadCountAsync(HttpContext.RequestAborted);
        var label = unread == 0 ? "Messages" : $"Messages ({unread} unread)";
        return new Microsoft.AspNetCore.Mvc.ViewComponents.HtmlContentViewComponentResult(
            new Microsoft.AspNetCore.Html.HtmlString($"<a href=\"/staff/messages\">{System.Net.WebUtility.HtmlEncode(label)}</a>"));
    }
}
