namespace DynamicClinic.Web.Features.Admin;

/// <summary>
/// The clinic must always keep one active admin, or nobody could manage accounts again without editing the database.
/// A change that would leave an account not an active admin (deactivation, or losing the Admin role) is refused when
/// that account is the only active admin.
/// </summary>
public static class LastAdminRule
{
    public const string Refusal =
        "This is the only active admin account. Give another active account the Admin role first, so that someone can still manage staff accounts.";

    /// <param name="activeAdminIds">The ids of the accounts that are active and have the Admin role now.</param>
    /// <param name="userId">The account being changed.</param>
    /// <param name="staysActiveAdmin">Whether that account is still an active admin after the change.</param>
    public static bool Allows(IReadOnlyCollection<string> activeAdminIds, string userId, bool staysActiveAdmin)
    {
        ArgumentNullException.ThrowIfNull(activeAdminIds);
        return staysActiveAdmin
            || !activeAdminIds.Contains(userId, StringComparer.Ordinal)
            || activeAdminIds.Any(id => !string.Equals(id, userId, StringComparison.Ordinal));
    }
}
