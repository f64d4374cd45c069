using System.Security.Claims;
using DynamicClinic.Data;
using DynamicClinic.Web.Features.Staff;

namespace DynamicClinic.Web.Features.Billing;

/// <summary>The signed-in member of staff as billing needs them: who took the money, and what they may do.</summary>
public sealed record BillingActor(string? UserId, string Name, bool IsAdmin, bool IsLead)
{
    public static BillingActor From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return new BillingActor(null, "System", false, false);
        }

        var name = user.FindFirstValue(StaffClaimTypes.DisplayName);
        return new BillingActor(
            user.FindFirstValue(ClaimTypes.NameIdentifier),
            string.IsNullOrWhiteSpace(name) ? user.FindFirstValue(ClaimTypes.Name) ?? "Staff member" : name,
            user.IsInRole(StaffRoles.Admin),
            user.IsInRole(StaffRoles.FrontDeskLead));
    }
}
