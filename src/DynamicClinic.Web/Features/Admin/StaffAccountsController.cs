using DynamicClinic.Data;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Security;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Admin;

/// <summary>
/// Staff accounts, for admins only: the list, a new account, and each account's page (roles, deactivate and
/// reactivate, unlock, reset password). One-time passwords are shown once, in the response to the POST that made
/// them: never in a URL, a cookie or a log.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class StaffAccountsController(ClinicDbContext db, StaffAccounts accounts, StaffTwoFactor twoFactor, ClinicClock clock) : StaffControllerBase
{
    private const string FlashKey = "Flash";

    [HttpGet("/staff/admin/users")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        // One query for users and one for their roles, however many accounts there are.
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           select new { ur.UserId, r.Name }).AsNoTracking().ToListAsync(cancellationToken);
        var rolesByUser = roles.ToLookup(r => r.UserId, r => r.Name ?? "");

        var rows = users.Select(u => new StaffAccountRow(
            u.Id,
            u.DisplayName,
            u.Email ?? "",
            rolesByUser[u.Id].Order(StringComparer.Ordinal).ToList(),
            u.IsActive,
            u.LockoutEnd is { } end && end > now,
            u.TwoFactorEnabled)).ToList();
        return View(rows);
    }

    [HttpGet("/staff/admin/users/new")]
    public async Task<IActionResult> New(CancellationToken cancellationToken) =>
        View(await NewStaffViewModelAsync(new NewStaffForm(), cancellationToken));

    [HttpPost("/staff/admin/users/new")]
    public async Task<IActionResult> New(NewStaffForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var (issued, problems) = await accounts.CreateAsync(form, SignInUrl(), cancellationToken);
            if (issued is not null)
            {
                return View("OneTimePassword", new OneTimePasswordViewModel(issued, SignInUrl()));
            }

            foreach (var problem in problems)
            {
                ModelState.AddModelError(problem.Field, problem.Message);
            }
        }

        return View(await NewStaffViewModelAsync(form, cancellationToken));
    }

    [HttpGet("/staff/admin/users/{id}")]
    public async Task<IActionResult> Account(string id, CancellationToken cancellationToken)
    {
        var model = await AccountViewModelAsync(id, null, null, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("/staff/admin/users/{id}/roles")]
    public async Task<IActionResult> Roles(string id, RolesForm form, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var refusal = await accounts.ChangeRolesAsync(id, form.Roles, cancellationToken);
            if (refusal is null)
            {
                return Done(id, "Roles saved.");
            }

            ModelState.AddModelError(nameof(form.Roles), refusal);
        }

        return View("Account", await AccountViewModelAsync(id, form.Roles, null, cancellationToken));
    }

    [HttpPost("/staff/admin/users/{id}/deactivate")]
    public Task<IActionResult> Deactivate(string id, CancellationToken cancellationToken) =>
        SetActiveAsync(id, active: false, "Account deactivated: it can no longer sign in, and its open sessions have ended.", cancellationToken);

    [HttpPost("/staff/admin/users/{id}/reactivate")]
    public Task<IActionResult> Reactivate(string id, CancellationToken cancellationToken) =>
        SetActiveAsync(id, active: true, "Account reactivated: it can sign in again.", cancellationToken);

    [HttpPost("/staff/admin/users/{id}/unlock")]
    public async Task<IActionResult> Unlock(string id) =>
        await accounts.UnlockAsync(id, clock.UtcNow) ? Done(id, "Account unlocked: it can sign in again now.") : NotFound();

    [HttpPost("/staff/admin/users/{id}/reset-password")]
    public async Task<IActionResult> ResetPassword(string id)
    {
        var issued = await accounts.ResetPasswordAsync(id);
        return issued is null ? NotFound() : View("OneTimePassword", new OneTimePasswordViewModel(issued, SignInUrl()));
    }

    /// <summary>For a lost phone: two-factor off, key and recovery codes removed, the account's sessions ended.</summary>
    [HttpPost("/staff/admin/users/{id}/reset-two-factor")]
    public async Task<IActionResult> ResetTwoFactor(string id, CancellationToken cancellationToken) =>
        await twoFactor.ResetByAdminAsync(id, cancellationToken) switch
        {
            null => NotFound(),
            TwoFactorChange.Done => Done(id, "Two-factor sign-in reset: it is off, the old key and recovery codes no longer work, and the account's open sessions have ended."),
            _ => Done(id, "This account has no two-factor sign-in to reset."),
        };

    private async Task<IActionResult> SetActiveAsync(string id, bool active, string done, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var refusal = await accounts.SetActiveAsync(id, active, cancellationToken);
        return refusal is null ? Done(id, done) : View("Account", await AccountViewModelAsync(id, null, refusal, cancellationToken));
    }

    private RedirectResult Done(string id, string message)
    {
        TempData[FlashKey] = message;
        return Redirect("/staff/admin/users/" + Uri.EscapeDataString(id));
    }

    private Task<bool> ExistsAsync(string id, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Id == id, cancellationToken);

    private Uri SignInUrl() => new($"{Request.Scheme}://{Request.Host}{Request.PathBase}/staff/sign-in");

    private async Task<NewStaffViewModel> NewStaffViewModelAsync(NewStaffForm form, CancellationToken cancellationToken)
    {
        var unlinked = await db.Clinicians.AsNoTracking()
            .Where(c => c.StaffUserId == null)
            .OrderBy(c => c.DisplayName)
            .Select(c => new ClinicianChoice(c.Id, c.DisplayName, c.Title))
            .ToListAsync(cancellationToken);
        return new NewStaffViewModel(form, unlinked);
    }

    private async Task<StaffAccountViewModel?> AccountViewModelAsync(string id, IReadOnlyList<string>? postedRoles, string? statusProblem, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var clinician = await db.Clinicians.AsNoTracking().Where(c => c.StaffUserId == id).Select(c => c.DisplayName).FirstOrDefaultAsync(cancellationToken);
        var roles = await accounts.RolesOfAsync(id, cancellationToken);
        var lockedUntil = user.LockoutEnd is { } end && end > clock.UtcNow ? clock.ToClinicTime(end.UtcDateTime) : (DateTime?)null;
        return new StaffAccountViewModel(
            user.Id,
            user.DisplayName,
            user.Email ?? "",
            roles,
            postedRoles ?? roles,
            user.IsActive,
            lockedUntil,
            user.MustChangePassword,
            user.TwoFactorEnabled,
            clinician,
            TempData[FlashKey] as string,
            statusProblem);
    }
}

public sealed record StaffAccountRow(string Id, string DisplayName, string Email, IReadOnlyList<string> Roles, bool IsActive, bool IsLockedOut, bool TwoFactorEnabled);

public sealed record ClinicianChoice(int Id, string DisplayName, string Title);

public sealed record NewStaffViewModel(NewStaffForm Form, IReadOnlyList<ClinicianChoice> UnlinkedClinicians);

public sealed record OneTimePasswordViewModel(OneTimePasswordIssued Issued, Uri SignInUrl);

/// <param name="ShownRoles">The roles ticked in the form: the saved ones, or what the admin just sent when it was refused.</param>
/// <param name="LockedOutUntil">Clinic time, when the account is locked out now.</param>
/// <param name="StatusProblem">Why deactivation was refused, shown beside that button.</param>
public sealed record StaffAccountViewModel(
    string Id,
    string DisplayName,
    string Email,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> ShownRoles,
    bool IsActive,
    DateTime? LockedOutUntil,
    bool MustChangePassword,
    bool TwoFactorEnabled,
    string? ClinicianName,
    string? Flash,
    string? StatusProblem);
