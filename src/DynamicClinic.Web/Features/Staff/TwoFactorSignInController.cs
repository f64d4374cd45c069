using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Web.Infrastructure.Audit;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace DynamicClinic.Web.Features.Staff;

/// <summary>
/// The second step of signing in, for accounts with two-factor: after the right password Identity keeps who is signing
/// in in a short-lived cookie of its own (<see cref="IdentityConstants.TwoFactorUserIdScheme"/>, 5 minutes), and these
/// pages finish the sign-in with a code from the app or a recovery code. Wrong codes count towards the lockout.
/// There is no "remember this device" (docs/security.md says why).
/// </summary>
[AllowAnonymous]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[OutputCache(NoStore = true)]
public sealed class TwoFactorSignInController(
    SignInManager<StaffUser> signInManager,
    ClinicDbContext db,
    AuditTrail audit,
    ILogger<TwoFactorSignInController> logger) : Controller
{
    public const string CodePage = "/staff/sign-in/two-factor";
    public const string RecoveryPage = "/staff/sign-in/recovery-code";

    private const string LockedOut = "This account is locked after too many failed attempts. Try again in 15 minutes, or ask an administrator to unlock it.";

    public static string CodePageFor(string? returnUrl) =>
        CodePage + (string.IsNullOrEmpty(returnUrl) ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl));

    [HttpGet(CodePage)]
    public async Task<IActionResult> Code(string? returnUrl) =>
        await signInManager.GetTwoFactorAuthenticationUserAsync() is null
            ? StartAgain()
            : View("SignInCode", new TwoFactorSignInForm { ReturnUrl = SafeReturnUrl(returnUrl) });

    [HttpPost(CodePage)]
    public async Task<IActionResult> Code(TwoFactorSignInForm form)
    {
        form.ReturnUrl = SafeReturnUrl(form.ReturnUrl);
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return StartAgain();
        }

        if (!ModelState.IsValid)
        {
            return View("SignInCode", form);
        }

        // A wrong code counts as a failed access (Identity's own two-factor sign-in does it): five in a row lock the account.
        var result = await signInManager.TwoFactorAuthenticatorSignInAsync(StaffTwoFactor.NormaliseCode(form.Code), isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            logger.LogInformation("Staff {UserId} signed in with an authenticator code", user.Id);
            return LocalRedirect(form.ReturnUrl ?? "/staff");
        }

        logger.LogWarning("Staff {UserId} two-factor sign-in failed (locked out: {LockedOut})", user.Id, result.IsLockedOut);
        ModelState.AddModelError(nameof(form.Code), result.IsLockedOut ? LockedOut : "That code is not right. Enter the 6-digit code your authenticator app shows now.");
        form.Code = "";
        return View("SignInCode", form);
    }

    [HttpGet(RecoveryPage)]
    public async Task<IActionResult> Recovery(string? returnUrl) =>
        await signInManager.GetTwoFactorAuthenticationUserAsync() is null
            ? StartAgain()
            : View("SignInRecovery", new RecoveryCodeSignInForm { ReturnUrl = SafeReturnUrl(returnUrl) });

    [HttpPost(RecoveryPage)]
    public async Task<IActionResult> Recovery(RecoveryCodeSignInForm form)
    {
        form.ReturnUrl = SafeReturnUrl(form.ReturnUrl);
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return StartAgain();
        }

        if (!ModelState.IsValid)
        {
            return View("SignInRecovery", form);
        }

        if (await signInManager.UserManager.IsLockedOutAsync(user))
        {
            ModelState.AddModelError(nameof(form.RecoveryCode), LockedOut);
            return View("SignInRecovery", form);
        }

        var result = await signInManager.TwoFactorRecoveryCodeSignInAsync(StaffTwoFactor.NormaliseRecoveryCode(form.RecoveryCode));
        if (result.Succeeded)
        {
            var left = await signInManager.UserManager.CountRecoveryCodesAsync(user);
            audit.RecordForSigningIn(
                user.Id,
                $"{user.DisplayName} ({user.Email})",
                AuditActions.StaffRecoveryCodeUsed,
                AuditEntityTypes.StaffUser,
                user.Id,
                $"{user.DisplayName} signed in with a recovery code instead of the authenticator app; {left} left.",
                before: new { RecoveryCodes = left + 1 },
                after: new { RecoveryCodes = left });
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            logger.LogInformation("Staff {UserId} signed in with a recovery code ({RecoveryCodesLeft} left)", user.Id, left);
            TempData["Flash"] = left == 0
                ? "You signed in with your last recovery code. Make new recovery codes below now."
                : $"You signed in with a recovery code. It cannot be used again: you have {left} left. If you have lost your phone, ask an administrator to reset your two-factor sign-in, or make new codes below.";
            return Redirect(TwoFactorRequiredAttribute.SetupPage);
        }

        // Identity does not count a wrong recovery code as a failed access; here it does, like a wrong authenticator code.
        if (!result.IsLockedOut)
        {
            await signInManager.UserManager.AccessFailedAsync(user);
        }

        var lockedOut = result.IsLockedOut || await signInManager.UserManager.IsLockedOutAsync(user);
        logger.LogWarning("Staff {UserId} recovery code sign-in failed (locked out: {LockedOut})", user.Id, lockedOut);
        ModelState.AddModelError(nameof(form.RecoveryCode), lockedOut ? LockedOut : "That recovery code is not right, or it has been used already.");
        form.RecoveryCode = "";
        return View("SignInRecovery", form);
    }

    private RedirectResult StartAgain()
    {
        TempData["Flash"] = "Your sign-in took too long or has not started. Sign in again with your email and password.";
        return Redirect("/staff/sign-in");
    }

    private string? SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : null;
}

public sealed class TwoFactorSignInForm
{
    public string Code { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

public sealed class RecoveryCodeSignInForm
{
    public string RecoveryCode { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

public sealed class TwoFactorSignInFormValidator : AbstractValidator<TwoFactorSignInForm>
{
    public TwoFactorSignInFormValidator()
    {
        RuleFor(f => f.Code)
            .Must(code => !string.IsNullOrWhiteSpace(code)).WithMessage("Enter the 6-digit code your authenticator app shows.")
            .Must(code => string.IsNullOrWhiteSpace(code) || StaffTwoFactor.NormaliseCode(code) is { Length: 6 } bare && bare.All(char.IsAsciiDigit))
            .WithMessage("The code is 6 digits, like 123 456.");
    }
}

public sealed class RecoveryCodeSignInFormValidator : AbstractValidator<RecoveryCodeSignInForm>
{
    public RecoveryCodeSignInFormValidator()
    {
        RuleFor(f => f.RecoveryCode)
            .Must(code => !string.IsNullOrWhiteSpace(code)).WithMessage("Enter one of your recovery codes.")
            .MaximumLength(40).WithMessage("A recovery code is 10 letters and digits, like BC4DF-7GH2K.");
    }
}
