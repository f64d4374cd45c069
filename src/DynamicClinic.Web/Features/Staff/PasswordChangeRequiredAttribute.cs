using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace DynamicClinic.Web.Features.Staff;

/// <summary>
/// While a staff member still has the one-time password an admin gave them (the <see cref="StaffClaimTypes.MustChangePassword"/>
/// claim), every staff page sends them to the password page instead. Applied to <see cref="StaffControllerBase"/>, so it
/// covers every page under <c>/staff</c>; the password page itself opts out with <see cref="AllowWithOneTimePasswordAttribute"/>.
/// Sign-in and sign-out are not staff pages and stay reachable.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class PasswordChangeRequiredAttribute : Attribute, IAuthorizationFilter
{
    public const string PasswordPage = "/staff/account/password";

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var user = context.HttpContext.User;
        if (user.Identity?.IsAuthenticated != true || !user.HasClaim(c => c.Type == StaffClaimTypes.MustChangePassword))
        {
            return;
        }

        if (context.ActionDescriptor.EndpointMetadata.OfType<AllowWithOneTimePasswordAttribute>().Any())
        {
            return;
        }

        context.Result = new RedirectResult(PasswordPage);
    }
}

/// <summary>Marks the one page a staff member with a one-time password may use: the one where they choose their own.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowWithOneTimePasswordAttribute : Attribute
{
}
