using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Settings;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Settings;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Admin;

/// <summary>
/// Saves an admin's change to the clinic's settings row: only when the row is still the version the form was filled
/// from (optimistic concurrency on <see cref="ClinicSettings.Version"/>), checked by the entity itself, audited, and
/// then this instance's request copy and cached public pages are dropped.
/// </summary>
public sealed class ClinicSettingsEditor(
    ClinicDbContext db,
    ClinicSettingsService settings,
    ClinicClock clock,
    AuditTrail audit,
    IOutputCacheStore outputCache,
    ILogger<ClinicSettingsEditor> logger)
{
    public const string ConflictMessage =
        "Another admin saved the settings while you were editing them. Nothing was saved: the form now shows the settings as they are; make your change again.";

    /// <summary>
    /// Saves a form that passed its validator. <see cref="Outcome.Changed"/>: another admin saved first, and
    /// <c>Stored</c> is the row as it is now. <see cref="Outcome.Refused"/>: the entity's own rules refused the values
    /// (<c>Problems</c>, one per field).
    /// </summary>
    public async Task<(Outcome Outcome, ClinicSettings? Stored, IReadOnlyList<SettingsProblem> Problems)> SaveAsync(ClinicSettingsForm form, CancellationToken cancellationToken)
    {
        var row = await db.ClinicSettings.FirstAsync(s => s.Id == ClinicSettings.SingletonId, cancellationToken);
        if (row.Version != form.Version)
        {
            return (new Outcome.Changed(ConflictMessage), row, []);
        }

        var before = Snapshot(row);
        form.ApplyTo(row);
        // The validator ran the same rules; the entity checks itself again before anything is written.
        var problems = row.Validate();
        if (problems.Count > 0)
        {
            return (new Outcome.Refused(problems[0].Message) { Field = problems[0].Field }, null, problems);
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
            return (new Outcome.Changed(ConflictMessage), fresh, []);
        }

        settings.Forget();
        // Public pages show the address, phone and hours: drop this instance's cached copies now.
        await outputCache.EvictByTagAsync(ClinicApplication.PublicPageTag, cancellationToken);
        logger.LogInformation("Clinic settings changed");
        return (new Outcome.Done("Settings saved. They apply from now on."), row, []);
    }

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
        s.MessagesNameTreatment,
    };
}
