using System.Data;
using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Clinicians;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Infrastructure.Email;
using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Admin;

/// <summary>A form field and what is wrong with it ("" for the form as a whole).</summary>
public sealed record FieldProblem(string Field, string Message);

/// <summary>A created account or a reset password: the one-time password, to be shown to the admin once and kept nowhere.</summary>
public sealed record OneTimePasswordIssued(string UserId, string DisplayName, string Email, string Password, bool Created, bool InvitationQueued);

/// <summary>
/// What admins do to staff accounts: create, change roles, deactivate and reactivate, unlock, reset a password. Every
/// change is audited in the same save as the change itself. The last-admin rule is enforced in
/// <see cref="SaveGuardedChangeAsync"/>, the one path by which an account can stop being an active admin.
/// </summary>
public sealed class StaffAccounts(
    ClinicDbContext db,
    UserManager<StaffUser> users,
    AuditTrail audit,
    EmailOutbox outbox,
    StaffInvitationEmail invitation,
    ILogger<StaffAccounts> logger)
{
    public async Task<(OneTimePasswordIssued? Issued, IReadOnlyList<FieldProblem> Problems)> CreateAsync(NewStaffForm form, Uri signInUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var email = form.Email.Trim();
        var name = form.DisplayName.Trim();
        var roles = StaffRoles.All.Where(form.Roles.Contains).ToList();

        if (await users.FindByEmailAsync(email) is not null)
        {
            return (null, [new(nameof(form.Email), "There is already a staff account with this email address.")]);
        }

        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            MustChangePassword = true,
        };

        string? clinicianProfile = null;
        if (form.ClinicianProfile == NewStaffForm.NewProfile)
        {
            db.Clinicians.Add(new Clinician { DisplayName = name, Title = form.ClinicianTitle?.Trim() ?? "", StaffUserId = user.Id });
            clinicianProfile = "new";
        }
        else if (int.TryParse(form.ClinicianProfile, out var clinicianId))
        {
            var clinician = await db.Clinicians.FirstOrDefaultAsync(c => c.Id == clinicianId && c.StaffUserId == null, cancellationToken);
            if (clinician is null)
            {
                return (null, [new(nameof(form.ClinicianProfile), "That clinician profile already has an account, or no longer exists. Choose another.")]);
            }

            clinician.StaffUserId = user.Id;
            clinicianProfile = clinician.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // The user's id exists before it is saved (Identity makes it), so roles, the clinician link, the audit entry and
        // the invitation join the one save that CreateAsync makes: all of it is saved, or none of it.
        await AddRolesAsync(user.Id, roles, cancellationToken);
        audit.Record(
            AuditActions.StaffCreated,
            AuditEntityTypes.StaffUser,
            user.Id,
            patientId: null,
            $"Created the staff account {name} ({string.Join(", ", roles)}).",
            before: null,
            after: new
            {
                DisplayName = name,
                Email = email,
                Roles = roles,
                ClinicianProfile = clinicianProfile,
                Invited = form.SendInvitation,
            });
        if (form.SendInvitation)
        {
            outbox.Add(invitation.Compose(name, email, signInUrl));
        }

        var password = OneTimePassword.New();
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, password);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Two admins creating the same address at once: the check above passed for both, the unique index did not.
            return (null, [new(nameof(form.Email), "There is already a staff account with this email address.")]);
        }

        if (created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail)))
        {
            // Created by another admin between the check above and this save.
            return (null, [new(nameof(form.Email), "There is already a staff account with this email address.")]);
        }

        if (!created.Succeeded)
        {
            // Identity's own checks (e.g. characters it does not allow in a user name) are about the email address.
            return (null, created.Errors.Select(e => new FieldProblem(nameof(form.Email), e.Description)).ToList());
        }

        logger.LogInformation("Staff account {UserId} created", user.Id);
        return (new OneTimePasswordIssued(user.Id, name, email, password, Created: true, form.SendInvitation), []);
    }

    public async Task<string?> ChangeRolesAsync(string userId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        var wanted = StaffRoles.All.Where(roles.Contains).ToList();
        var keepsAdmin = wanted.Contains(StaffRoles.Admin);
        // Open sessions keep going with the new roles: the new concurrency stamp tells StaffSessionValidator to rebuild
        // their claims at the next request. The security stamp stays, so nobody is signed out.
        return await SaveGuardedChangeAsync(userId, user => user.IsActive && keepsAdmin, endSessions: false, async user =>
        {
            var current = await RolesOfAsync(user.Id, cancellationToken);
            if (current.SequenceEqual(wanted))
            {
                return false;
            }

            var links = await db.UserRoles.Where(ur => ur.UserId == user.Id).ToListAsync(cancellationToken);
            db.UserRoles.RemoveRange(links);
            await AddRolesAsync(user.Id, wanted, cancellationToken);
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
            audit.Record(
                AuditActions.StaffRolesChanged,
                AuditEntityTypes.StaffUser,
                user.Id,
                patientId: null,
                $"Changed the roles of {user.DisplayName} to {string.Join(", ", wanted)}.",
                before: new { Roles = current },
                after: new { Roles = wanted });
            return true;
        }, cancellationToken);
    }

    public async Task<string?> SetActiveAsync(string userId, bool active, CancellationToken cancellationToken) =>
        await SaveGuardedChangeAsync(userId, _ => active, endSessions: !active, user =>
        {
            if (user.IsActive == active)
            {
                return Task.FromResult(false);
            }

            user.IsActive = active;
            audit.Record(
                active ? AuditActions.StaffReactivated : AuditActions.StaffDeactivated,
                AuditEntityTypes.StaffUser,
                user.Id,
                patientId: null,
                active ? $"Reactivated the staff account of {user.DisplayName}." : $"Deactivated the staff account of {user.DisplayName}.",
                before: new { IsActive = !active },
                after: new { IsActive = active });
            return Task.FromResult(true);
        }, cancellationToken);

    /// <returns>False when there is no such account.</returns>
    public async Task<bool> UnlockAsync(string userId, DateTimeOffset now)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return false;
        }

        var lockedUntil = user.LockoutEnd;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        audit.Record(
            AuditActions.StaffUnlocked,
            AuditEntityTypes.StaffUser,
            user.Id,
            patientId: null,
            $"Unlocked the staff account of {user.DisplayName}.",
            before: new { LockedOutUntilUtc = lockedUntil > now ? lockedUntil?.UtcDateTime : null },
            after: new { LockedOutUntilUtc = (DateTime?)null });
        var result = await users.UpdateAsync(user);
        EnsureSucceeded(result);
        logger.LogInformation("Staff account {UserId} unlocked", user.Id);
        return true;
    }

    /// <summary>A new one-time password; every session of the account ends (the security stamp changes).</summary>
    public async Task<OneTimePasswordIssued?> ResetPasswordAsync(string userId)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return null;
        }

        var password = OneTimePassword.New();
        var wasForced = user.MustChangePassword;
        user.MustChangePassword = true;
        audit.Record(
            AuditActions.StaffPasswordReset,
            AuditEntityTypes.StaffUser,
            user.Id,
            patientId: null,
            $"Reset the password of {user.DisplayName}; they choose a new one at their next sign-in.",
            before: new { MustChangePassword = wasForced },
            after: new { MustChangePassword = true });
        var token = await users.GeneratePasswordResetTokenAsync(user);
        // One save: the new password hash, the new security stamp, MustChangePassword and the audit entry.
        EnsureSucceeded(await users.ResetPasswordAsync(user, token, password));
        logger.LogInformation("Staff account {UserId} password reset", user.Id);
        return new OneTimePasswordIssued(user.Id, user.DisplayName, user.Email ?? "", password, Created: false, InvitationQueued: false);
    }

    /// <summary>
    /// The one place where an account can stop being an active admin. Inside a transaction (immediate on SQLite,
    /// serializable on SQL Server) so that two admins removing each other at the same moment cannot both succeed:
    /// reads the active admins, refuses with <see cref="LastAdminRule.Refusal"/> when the change would leave none,
    /// otherwise applies it.
    /// </summary>
    /// <param name="endSessions">Renew the account's security stamp, so that its open sessions end at their next request.</param>
    /// <param name="activeAdminAfter">Whether the account is an active admin after the change.</param>
    /// <param name="change">Makes the change and records its audit entry; returns false when there is nothing to change.</param>
    /// <returns>Null when done (or nothing to do), otherwise why it was refused.</returns>
    private async Task<string?> SaveGuardedChangeAsync(string userId, Func<StaffUser, bool> activeAdminAfter, bool endSessions, Func<StaffUser, Task<bool>> change, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            // A retry starts from the database again, not from a half-applied change.
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken)
                ?? throw new InvalidOperationException("No such staff account.");

            var activeAdmins = await (from ur in db.UserRoles
                                      join r in db.Roles on ur.RoleId equals r.Id
                                      join u in db.Users on ur.UserId equals u.Id
                                      where r.Name == StaffRoles.Admin && u.IsActive
                                      select u.Id).ToListAsync(cancellationToken);
            if (!LastAdminRule.Allows(activeAdmins, user.Id, activeAdminAfter(user)))
            {
                return LastAdminRule.Refusal;
            }

            if (await change(user))
            {
                if (endSessions)
                {
                    // Saves the change and its audit entry with a new stamp: the account's sessions fail their next check.
                    EnsureSucceeded(await users.UpdateSecurityStampAsync(user));
                }
                else
                {
                    await db.SaveChangesAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Staff account {UserId} changed", user.Id);
            }

            return null;
        });
    }

    public async Task<List<string>> RolesOfAsync(string userId, CancellationToken cancellationToken)
    {
        var names = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == userId
                           select r.Name).ToListAsync(cancellationToken);
        return StaffRoles.All.Where(names.Contains).ToList();
    }

    private async Task AddRolesAsync(string userId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        var roleIds = await db.Roles.Where(r => roles.Contains(r.Name!)).Select(r => r.Id).ToListAsync(cancellationToken);
        db.UserRoles.AddRange(roleIds.Select(id => new IdentityUserRole<string> { UserId = userId, RoleId = id }));
    }

    private static void EnsureSucceeded(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Identity refused the change: " + string.Join(" ", result.Errors.Select(e => e.Code)));
        }
    }
}
