using System.Security.Claims;
using DynamicClinic.Data;
using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Billing;

/// <summary>
/// Who sees the money (takings, the drawer, exports, the clinic's reports): admins, front desk leads, and all
/// reception when the admins switch it on. Read from the settings row on each check, so a change applies at once on
/// every server. Clinicians see only their own figures on the reports (ReportsController), never the rest.
/// </summary>
public sealed class MoneyAccess(ClinicDbContext db) : AuthorizationHandler<SeesMoneyRequirement>
{
    // Scoped: read once per request however many links and checks ask (the header's menu and the page itself).
    private bool? _receptionSeesMoney;

    public async Task<bool> SeesMoneyAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        if (user.IsInRole(StaffRoles.Admin) || user.IsInRole(StaffRoles.FrontDeskLead))
        {
            return true;
        }

        if (!user.IsInRole(StaffRoles.Reception))
        {
            return false;
        }

        _receptionSeesMoney ??= await db.BillingSettings.AsNoTracking().Select(s => s.ReceptionSeesMoney).SingleAsync(cancellationToken);
        return _receptionSeesMoney.Value;
    }

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SeesMoneyRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await SeesMoneyAsync(context.User))
        {
            context.Succeed(requirement);
        }
    }
}
