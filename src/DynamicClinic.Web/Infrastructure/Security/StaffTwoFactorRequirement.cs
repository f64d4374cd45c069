using DynamicClinic.Web.Infrastructure.Settings;

namespace DynamicClinic.Web.Infrastructure.Security;

/// <summary>Whether the clinic requires every staff account to sign in with two-factor (an authenticator app).</summary>
public interface IStaffTwoFactorRequirement
{
    Task<bool> IsRequiredAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Reads the requirement from the clinic's settings (an admin turns it on at <c>/staff/admin/settings</c>), so it
/// applies on every instance from the next request. <c>Security:RequireStaffTwoFactor</c> in configuration only gives
/// the first value, when the settings row is created on the first start.
/// </summary>
public sealed class SettingsStaffTwoFactorRequirement(ClinicSettingsService settings) : IStaffTwoFactorRequirement
{
    public const string InitialSettingKey = "Security:RequireStaffTwoFactor";

    public async Task<bool> IsRequiredAsync(CancellationToken cancellationToken) =>
        (await settings.GetAsync(cancellationToken)).RequireStaffTwoFactor;
}
