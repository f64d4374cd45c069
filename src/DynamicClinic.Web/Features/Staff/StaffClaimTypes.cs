using System.Security.Claims;
using DynamicClinic.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Features.Staff;

public static class StaffClaimTypes
{
    public const string DisplayName = "dc:display_name";

    /// <summary>Present while the account still has the one-time password an admin gave it (see <see cref="PasswordChangeRequiredAttribute"/>).</summary>
    public const string MustChangePassword = "dc:must_change_password";

    /// <summary>The account's concurrency stamp when the cookie was issued: a change means the claims are out of date.</summary>
    public const string AccountVersion = "dc:account_version";

    /// <summary>Present when the account signs in with two-factor (see <see cref="TwoFactorRequiredAttribute"/>).</summary>
    public const string TwoFactorEnabled = "dc:two_factor";
}

/// <summary>
/// Puts the staff member's display name into the sign-in cookie so pages can greet them without a query, and marks a
/// session whose password must be changed first. StaffSessionValidator rebuilds these claims when the account changes.
/// </summary>
public sealed class StaffClaimsPrincipalFactory(
    UserManager<StaffUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(StaffClaimTypes.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(StaffClaimTypes.AccountVersion, user.ConcurrencyStamp ?? ""));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(StaffClaimTypes.MustChangePassword, "true"));
        }

        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(StaffClaimTypes.TwoFactorEnabled, "true"));
        }

        return identity;
    }
}
