using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace DynamicClinic.Web.Features.Staff;

/// <summary>
/// When the clinic requires two-factor sign-in (<see cref="IStaffTwoFactorRequirement"/>), a staff member whose account
/// does not have it yet (no <see cref="StaffClaimTypes.TwoFactorEnabled"/> claim) is sent to set it up from every staff
/// page. Applied to <see cref="StaffControllerBase"/>; the set-up pages and the password page (a one-time password is
/// replaced first) opt out with <see cref="AllowWithoutTwoFactorAttribute"/>. Sign-in and sign-out are not staff pages.
/// The requirement is only looked up for sessions without two-factor.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class TwoFactorRequiredAttribute : Attribute, IAsyncAuthorizationFilter
{
    public const string SetupPage = "/staff/account/two-factor";

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.HttpContext.User;
        if (user.Identity?.IsAuthenticated != true || user.HasClaim(c => c.Type == StaffClaimTypes.TwoFactorEnabled))
        {
            return;
        }

        if (context.ActionDescriptor.EndpointMetadata.OfType<AllowWithoutTwoFactorAttribute>().Any())
        {
            return;
        }

        var requirement = context.HttpContext.RequestServices.GetRequiredService<IStaffTwoFactorRequirement>();
        if (await requirement.IsRequiredAsync(context.HttpContext.RequestAborted))
        {
            context.Result = new RedirectResult(SetupPage);
        }
    }
}

/// <summary>Marks the pages a staff member may use before setting up two-factor sign-in the clinic requires.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowWithoutTwoFactorAttribute : Attribute
{
}
