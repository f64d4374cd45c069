using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Messaging;
using DynamicClinic.Web.Infrastructure.Security;
using DynamicClinic.Web.Infrastructure.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Features.Admin;

public sealed record MessageTemplatesViewModel(bool IncludeTreatmentName, IReadOnlyList<TemplatePreviewItem> Templates);

/// <summary>Admins preview every WhatsApp/SMS template in English and Urdu with its SMS length (read only).</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class MessageTemplatesController(ClinicSettingsService settings) : StaffControllerBase
{
    public const string Path = "/staff/admin/messages";

    [HttpGet(Path)]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        await settings.GetAsync(cancellationToken);
        var contact = settings.Contact;
        var includeTreatment = settings.MessagesNameTreatment;
        return View("MessageTemplates", new MessageTemplatesViewModel(includeTreatment, TemplatePreview.Build(contact.Name, contact.TimeZone, includeTreatment)));
    }
}
