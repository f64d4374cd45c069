using DynamicClinic.Domain.Settings;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Security;
using DynamicClinic.Web.Infrastructure.Settings;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Admin;

public sealed record ClinicSettingsViewModel(ClinicSettingsForm Form, string? Problem, DateTime? UpdatedUtc, string? UpdatedLabel);

/// <summary>
/// The clinic's settings for admins: booking rules, reminder lead time, contact details shown on the site, and whether
/// staff must use two-factor sign-in. A save takes effect from the next request on every instance (the row is read per
/// request); the public pages this instance has cached are evicted at once. Two admins editing at once: the second save
/// is refused (409) with the first one's values, so nobody overwrites a change they did not see. The save is in <see cref="ClinicSettingsEditor"/>.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class SettingsController(ClinicSettingsService settings, ClinicSettingsEditor editor, ClinicClock clock) : StaffControllerBase
{
    public const string Path = "/staff/admin/settings";

    [HttpGet(Path)]
    public async Task<IActionResult> Edit(CancellationToken cancellationToken)
    {
        var current = await settings.GetAsync(cancellationToken);
        return View("Settings", Model(ClinicSettingsForm.From(current), null, current));
    }

    [HttpPost(Path)]
    public async Task<IActionResult> Edit(ClinicSettingsForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var current = await settings.GetAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Settings", Model(form, null, current));
        }

        var (outcome, stored, problems) = await editor.SaveAsync(form, cancellationToken);
        switch (outcome)
        {
            case Outcome.Done done:
                TempData["Flash"] = done.Message;
                return Redirect(Path);
            case Outcome.Changed changed:
                Response.StatusCode = StatusCodes.Status409Conflict;
                // The admin's input is dropped on purpose: the form shows what is stored now, with its version.
                ModelState.Clear();
                return View("Settings", Model(ClinicSettingsForm.From(stored!), changed.Message, stored!));
            default:
                foreach (var problem in problems)
                {
                    ModelState.AddModelError(problem.Field, problem.Message);
                }

                Response.StatusCode = StatusCodes.Status400BadRequest;
                return View("Settings", Model(form, null, current));
        }
    }

    private ClinicSettingsViewModel Model(ClinicSettingsForm form, string? problem, ClinicSettings stored) =>
        new(form, problem, stored.UpdatedUtc, stored.UpdatedUtc is { } at ? clock.ToClinicTime(at).ToString("d MMM yyyy 'at' HH:mm", System.Globalization.CultureInfo.InvariantCulture) : null);
}
