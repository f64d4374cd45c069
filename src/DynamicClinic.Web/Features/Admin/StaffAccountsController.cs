using DynamicClinic.Data;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Admin;

/// <summary>Staff accounts, for admins only. Read-only for now: creating and changing accounts comes with the administration feature.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class StaffAccountsController(ClinicDbContext db, TimeProvider time) : StaffControllerBase
{
    [HttpGet("/staff/admin/users")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // One query for users and one for their roles, however many accounts there are.
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           select new { ur.UserId, r.Name }).AsNoTracking().ToListAsync(cancellationToken);
        var rolesByUser = roles.ToLookup(r => r.UserId, r => r.Name ?? "");

        var rows = users.Select(u => new StaffAccountRow(
            u.DisplayName,
            u.Email ?? "",
            rolesByUser[u.Id].Order(StringComparer.Ordinal).ToList(),
            u.IsActive,
            u.LockoutEnd is { } end && end > now)).ToList();
        return View(rows);
    }
}

public sealed record StaffAccountRow(string DisplayName, string Email, IReadOnlyList<string> Roles, bool IsActive, bool IsLockedOut);
