namespace DynamicClinic.Web.Infrastructure.Security;

/// <summary>Whether the clinic requires every staff account to sign in with two-factor (an authenticator app).</summary>
public interface IStaffTwoFactorRequirement
{
    Task<bool> IsRequiredAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Reads the requirement from configuration (<c>Security:RequireStaffTwoFactor</c>, false when absent), on every call,
/// so a reloaded setting applies at the next request. To be replaced by the clinic's database setting.
/// </summary>
public sealed class ConfiguredStaffTwoFactorRequirement(IConfiguration configuration) : IStaffTwoFactorRequirement
{
    public const string SettingKey = "Security:RequireStaffTwoFactor";

    public Task<bool> IsRequiredAsync(CancellationToken cancellationToken) =>
        Task.FromResult(configuration.GetValue(SettingKey, defaultValue: false));
}
