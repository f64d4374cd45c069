using DynamicClinic.Data;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Domain.Settings;
using DynamicClinic.Web.Features.Booking;
using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Infrastructure.Email;
using DynamicClinic.Web.Infrastructure.Security;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Infrastructure.Settings;

/// <summary>How the clinic appears on the site and in emails: its name (configuration) and contact details (settings).</summary>
public sealed record ClinicDetails(string Name, string Address, string Phone, string Email, IReadOnlyList<string> OpeningHours);

/// <summary>
/// The one way the site reads the clinic's settings (<see cref="ClinicSettings"/>, one database row an admin edits at
/// <c>/staff/admin/settings</c>). Scoped: the row is read once per request (a primary-key read, done up front by
/// <see cref="ClinicSettingsLoadFilter"/> for MVC requests) and then kept for the rest of that request only, so a
/// change shows on every instance from the next request, with no per-process cache to go stale. Until an admin saves
/// the settings for the first time, the row is created from configuration (<c>Clinic</c>, <c>Booking</c> and
/// <c>Email:ReminderLeadTime</c>), so existing appsettings keep working as defaults.
/// </summary>
public sealed class ClinicSettingsService(
    ClinicDbContext db,
    ClinicClock clock,
    IOptions<ClinicOptions> clinicOptions,
    IOptions<BookingOptions> bookingOptions,
    IOptions<EmailOptions> emailOptions,
    IConfiguration configuration,
    ILogger<ClinicSettingsService> logger)
{
    private ClinicSettings? _current;

    /// <summary>
    /// This request's settings. Read from the database on first use if <see cref="GetAsync"/> has not run yet (MVC
    /// requests have it loaded before the action); treat the object as read-only.
    /// </summary>
    public ClinicSettings Current
    {
        get
        {
            if (_current is null)
            {
                try
                {
                    _current = db.ClinicSettings.AsNoTracking().FirstOrDefault(s => s.Id == ClinicSettings.SingletonId) ?? FromConfiguration();
                }
                catch (Exception e) when (DatabaseFaults.IsUnavailable(e))
                {
                    _current = Unreachable(e);
                }
            }

            return _current;
        }
    }

    /// <summary>Whether every staff account must sign in with two factors (read by the sign-in code).</summary>
    public bool RequireStaffTwoFactor => Current.RequireStaffTwoFactor;

    public AvailabilityRules AvailabilityRules => Current.ToAvailabilityRules();

    /// <summary>Whether WhatsApp and SMS texts name the treatment (an admin setting; off by default).</summary>
    public bool MessagesNameTreatment => Current.MessagesNameTreatment;

    public TimeSpan CancellationCutoff => Current.CancellationCutoff;

    public TimeSpan ReminderLeadTime => Current.ReminderLeadTime;

    /// <summary>Name, address, phone, public email and opening hours, as shown on the site.</summary>
    public ClinicDetails Details
    {
        get
        {
            var settings = Current;
            return new ClinicDetails(clinicOptions.Value.Name, settings.Address, settings.Phone, settings.PublicEmail, settings.OpeningHoursLines);
        }
    }

    /// <summary>The clinic as booking emails show it.</summary>
    public ClinicContact Contact
    {
        get
        {
            var settings = Current;
            return new ClinicContact(clinicOptions.Value.Name, settings.Address, settings.Phone, settings.PublicEmail, clock.TimeZone);
        }
    }

    /// <summary>Reads this request's settings (once); creates the row from configuration when there is none yet.</summary>
    public async Task<ClinicSettings> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_current is not null)
        {
            return _current;
        }

        try
        {
            _current = await db.ClinicSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == ClinicSettings.SingletonId, cancellationToken)
                ?? await SeedAsync(cancellationToken);
        }
        catch (Exception e) when (DatabaseFaults.IsUnavailable(e))
        {
            _current = Unreachable(e);
        }

        return _current;
    }

    // With the database out of reach, this request still needs the clinic's phone and address for the 503 page (and
    // every page fails at its own first query anyway): configuration's values stand in for this request only.
    private ClinicSettings Unreachable(Exception e)
    {
        logger.LogWarning(e, "Clinic settings could not be read (database unavailable); configuration's values used for this request");
        return FromConfiguration();
    }

    /// <summary>Forgets this request's copy, e.g. after saving new settings.</summary>
    public void Forget() => _current = null;

    /// <summary>The settings configuration gives, used for the first row.</summary>
    public ClinicSettings FromConfiguration()
    {
        var clinic = clinicOptions.Value;
        var booking = bookingOptions.Value;
        var leadHours = (int)Math.Ceiling(emailOptions.Value.ReminderLeadTime.TotalHours);
        return new ClinicSettings
        {
            SlotStepMinutes = booking.SlotStepMinutes,
            BufferMinutes = booking.BufferMinutes,
            MinimumNoticeHours = booking.MinimumNoticeHours,
            HorizonDays = booking.HorizonDays,
            CancellationCutoffHours = booking.CancellationCutoffHours,
            ReminderLeadHours = Math.Clamp(leadHours, ClinicSettings.MinReminderLeadHours, ClinicSettings.MaxReminderLeadHours),
            Address = Truncate(clinic.Address, ClinicSettings.AddressMaxLength),
            Phone = Truncate(clinic.Phone, ClinicSettings.PhoneMaxLength),
            PublicEmail = Truncate(clinic.Email, ClinicSettings.PublicEmailMaxLength),
            OpeningHours = ClinicSettings.JoinLines(clinic.OpeningHours.Take(ClinicSettings.OpeningHoursMaxLines)
                .Select(l => Truncate(l.Trim(), ClinicSettings.OpeningHoursLineMaxLength))),
            RequireStaffTwoFactor = configuration.GetValue(SettingsStaffTwoFactorRequirement.InitialSettingKey, defaultValue: false),
            // Configuration gives only the first value; the admin settings page owns it from then on.
            MessagesNameTreatment = configuration.GetValue("Messaging:IncludeTreatmentName", defaultValue: false),
        };
    }

    /// <summary>Writes the first row from configuration if there is none; several instances starting at once are fine.</summary>
    public async Task<ClinicSettings> SeedAsync(CancellationToken cancellationToken = default)
    {
        var existing = await db.ClinicSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == ClinicSettings.SingletonId, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var seed = FromConfiguration();
        db.ClinicSettings.Add(seed);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Clinic settings created from configuration");
        }
        catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception))
        {
            // Another instance created the row first: use theirs.
            db.Entry(seed).State = EntityState.Detached;
            return await db.ClinicSettings.AsNoTracking().FirstAsync(s => s.Id == ClinicSettings.SingletonId, cancellationToken);
        }

        db.Entry(seed).State = EntityState.Detached;
        return seed;
    }

    private static string Truncate(string? value, int max) => value is null ? "" : value.Length <= max ? value : value[..max];
}
