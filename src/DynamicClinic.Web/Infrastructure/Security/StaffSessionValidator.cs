using System.Security.Claims;
using DynamicClinic.Data;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Infrastructure.Security;

/// <summary>
/// Checks every staff request against the account as stored, with one small indexed read: a deactivated account, or
/// one whose security stamp changed (password reset, deactivation), is signed out at its next request on every
/// instance. When anything else about the account changed (roles, display name, a password change now due), its
/// concurrency stamp differs from the one in the cookie and the sign-in is rebuilt once. Identity's own validator
/// would rebuild the principal and re-issue the cookie on every request to get the same guarantee.
/// </summary>
public sealed class StaffSessionValidator(
    ClinicDbContext db,
    SignInManager<StaffUser> signInManager,
    IOptions<IdentityOptions> identityOptions) : ISecurityStampValidator
{
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsDatabaseErrorPage(context.HttpContext))
        {
            // The "can't reach our records" page must not need the database: this one page is shown as to a visitor.
            // The cookie is left as it is, so the member of staff is still signed in once the database is back.
            context.RejectPrincipal();
            return;
        }

        var principal = context.Principal;
        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal?.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        var version = principal?.FindFirstValue(StaffClaimTypes.AccountVersion);

        var account = userId is null
            ? null
            : await db.Users.AsNoTracking()
                .Where(u => u.Id == userId)
                .Select(u => new { u.SecurityStamp, u.ConcurrencyStamp, u.IsActive })
                .FirstOrDefaultAsync(context.HttpContext.RequestAborted);

        if (account is null || !account.IsActive || account.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        if (account.ConcurrencyStamp != version)
        {
            var user = await signInManager.UserManager.FindByIdAsync(userId!);
            if (user is null)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }

            context.ReplacePrincipal(await signInManager.CreateUserPrincipalAsync(user));
            context.ShouldRenew = true;
        }
    }

    private static bool IsDatabaseErrorPage(HttpContext context) =>
        DatabaseFaults.IsUnavailable(context.Features.Get<IExceptionHandlerFeature>()?.Error)
        || context.Features.Get<IStatusCodeReExecuteFeature>() is { OriginalStatusCode: StatusCodes.Status503ServiceUnavailable };
}
