using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Settings;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Security;
using DynamicClinic.Web.Infrastructure.Settings;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Admin;

public sealed record ClinicSettingsViewModel(ClinicSettingsForm Form, string? Problem, DateTime? UpdatedUtc, string? UpdatedLabel);

/// <summary>
/// The clinic's settings for admins: booking rules, reminder lead time, contact details shown on the site, and whether
/// staff must use two-factor sign-in. A save takes effect from the next request on every instance (the row is read per
/// request); the public pages this instance has cached are evicted at once. Two admins editing at once: the second save
/// is refused (409) with the first one's values, so nobody overwrites a change they did not see.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class SettingsController(
    ClinicDbContext db,
    ClinicSettingsService settings,
    ClinicClock clock,
    AuditTrail audit,
    IOutputCacheStore outputCache,
    ILogger<SettingsController> logger) : StaffControllerBase
{
    public const string Path = "/staff/admin/settings";

    private const string ConflictMessage =
        "Another admin saved the settings while you were editing them. Nothing was saved: the form now shows the settings as they are; make your change again.";

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

        var row = await db.ClinicSettings.FirstAsync(s => s.Id == ClinicSettings.SingletonId, cancellationToken);
        if (row.Version != form.Version)
        {
            return RefuseStale(row);
        }

        var before = Snapshot(row);
        form.ApplyTo(row);
        // The validator ran the same rules; the entity checks itself again before anything is written.
        var problems = row.Validate();
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                ModelState.AddModelError(problem.Field, problem.Message);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Settings", Model(form, null, current));
        }

        // The database refuses the update if the row changed since the admin loaded the form.
        db.Entry(row).Property(s => s.Version).OriginalValue = form.Version;
        row.Version = Guid.NewGuid();
        row.UpdatedUtc = clock.UtcNow;
        audit.Record(
            AuditActions.ClinicSettingsChanged,
            AuditEntityTypes.ClinicSettings,
            row.Id,
            patientId: null,
            "Clinic settings changed",
            before,
            Snapshot(row));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var fresh = await db.ClinicSettings.AsNoTracking().FirstAsync(s => s.Id == ClinicSettings.SingletonId, cancellationToken);
            return RefuseStale(fresh);
        }

        settings.Forget();
        // Public pages show the address, phone and hours: drop this instance's cached copies now.
        await outputCache.EvictByTagAsync(ClinicApplication.PublicPageTag, cancellationToken);
        logger.LogInformation("Clinic settings changed");
        TempData["Flash"] = "Settings saved. They apply from now on.";
        return Redirect(Path);
    }

    private ViewResult RefuseStale(ClinicSettings stored)
    {
        Response.StatusCode = StatusCodes.Status409Conflict;
        // The admin's input is dropped on purpose: the form shows what is stored now, with its version.
        ModelState.Clear();
        return View("Settings", Model(ClinicSettingsForm.From(stored), ConflictMessage, stored));
    }

    private ClinicSettingsViewModel Model(ClinicSettingsForm form, string? problem, ClinicSettings stored) =>
        new(form, problem, stored.UpdatedUtc, stored.UpdatedUtc is { } at ? clock.ToClinicTime(at).ToString("d MMM yyyy 'at' HH:mm", System.Globalization.CultureInfo.InvariantCulture) : null);

    private static object Snapshot(ClinicSettings s) => new
    {
        s.SlotStepMinutes,
        s.BufferMinutes,
        s.MinimumNoticeHours,
        s.HorizonDays,
        s.CancellationCutoffHours,
        s.ReminderLeadHours,
        s.Address,
        s.Phone,
        s.PublicEmail,
        OpeningHours = s.OpeningHoursLines,
        s.RequireStaffTwoFactor,
    };
}
