using System.Security.Claims;
using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Web.Infrastructure.Audit;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Staff;

/// <summary>
/// Every staff member changes their own password here (the current one is required). After an admin created the
/// account or reset its password this is the only staff page they can open until they have chosen a new one.
/// </summary>
[AllowWithOneTimePassword]
[AllowWithoutTwoFactor]
public sealed class PasswordController(
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signInManager,
    AuditTrail audit,
    ILogger<PasswordController> logger) : StaffControllerBase
{
    [HttpGet(PasswordChangeRequiredAttribute.PasswordPage)]
    public IActionResult Change() => View(new PasswordChangeViewModel(new ChangePasswordForm(), Forced()));

    [HttpPost(PasswordChangeRequiredAttribute.PasswordPage)]
    public async Task<IActionResult> Change(ChangePasswordForm form)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (ModelState.IsValid)
        {
            var wasForced = user.MustChangePassword;
            user.MustChangePassword = false;
            // Recorded before the save ChangePasswordAsync makes, so the entry and the new password are saved together.
            audit.Record(
                AuditActions.StaffPasswordChanged,
                AuditEntityTypes.StaffUser,
                user.Id,
                patientId: null,
                wasForced ? "Replaced the one-time password with their own." : "Changed their own password.");
            var result = await users.ChangePasswordAsync(user, form.CurrentPassword, form.NewPassword);
            if (result.Succeeded)
            {
                // The change renewed the security stamp: a fresh cookie keeps this session and drops the one-time claim.
                await signInManager.RefreshSignInAsync(user);
                logger.LogInformation("Staff {UserId} changed their password", user.Id);
                TempData["Flash"] = "Your password has been changed.";
                return Redirect("/staff");
            }

            foreach (var error in result.Errors)
            {
                var key = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(form.CurrentPassword) : nameof(form.NewPassword);
                var message = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "That is not your current password." : error.Description;
                ModelState.AddModelError(key, message);
            }
        }

        return View(new PasswordChangeViewModel(new ChangePasswordForm(), Forced()));
    }

    private bool Forced() => User.HasClaim(c => c.Type == StaffClaimTypes.MustChangePassword);
}

public sealed record PasswordChangeViewModel(ChangePasswordForm Form, bool Forced);

public sealed class ChangePasswordForm
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 200;

    public string CurrentPassword { get; set; } = "";

    public string NewPassword { get; set; } = "";

    public string ConfirmPassword { get; set; } = "";
}

public sealed class ChangePasswordFormValidator : AbstractValidator<ChangePasswordForm>
{
    public ChangePasswordFormValidator()
    {
        RuleFor(f => f.CurrentPassword)
            .NotEmpty().WithMessage("Enter your current password (the one-time password, if an administrator gave you one).")
            .MaximumLength(ChangePasswordForm.MaximumLength).WithMessage("A password is at most 200 characters.");
        RuleFor(f => f.NewPassword)
            .NotEmpty().WithMessage("Choose a new password.")
            .MinimumLength(ChangePasswordForm.MinimumLength).WithMessage("Your new password needs at least 12 characters.")
            .MaximumLength(ChangePasswordForm.MaximumLength).WithMessage("A password is at most 200 characters.")
            .NotEqual(f => f.CurrentPassword).WithMessage("Choose a password different from the current one.");
        RuleFor(f => f.ConfirmPassword)
            .Equal(f => f.NewPassword).WithMessage("The two new passwords are not the same.");
    }
}
