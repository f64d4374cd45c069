using DynamicClinic.Data;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace DynamicClinic.Web.Features.Staff;

/// <summary>Staff sign-in and sign-out. There is no public registration: accounts are created by an admin.</summary>
[AllowAnonymous]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[OutputCache(NoStore = true)]
public sealed class SignInController(SignInManager<StaffUser> signInManager, ILogger<SignInController> logger) : Controller
{
    [HttpGet("/staff/sign-in")]
    public IActionResult SignIn(string? returnUrl) =>
        View(new SignInForm { ReturnUrl = SafeReturnUrl(returnUrl) });

    [HttpPost("/staff/sign-in")]
    public async Task<IActionResult> SignIn(SignInForm form)
    {
        form.ReturnUrl = SafeReturnUrl(form.ReturnUrl);
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        // Failures count towards the lockout: five in a row lock the account for a while.
        var result = await signInManager.PasswordSignInAsync(form.Email.Trim(), form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(form.ReturnUrl ?? "/staff");
        }

        if (result.RequiresTwoFactor)
        {
            // The password was right; Identity remembers who in its short-lived two-factor cookie until the code is given.
            return Redirect(TwoFactorSignInController.CodePageFor(form.ReturnUrl));
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Staff sign-in refused: account locked out");
            ModelState.AddModelError("", "This account is locked after too many failed attempts. Try again in 15 minutes, or ask an administrator to unlock it.");
        }
        else
        {
            // The same message whether the email exists or not, so it cannot be used to find accounts.
            logger.LogInformation("Staff sign-in failed");
            ModelState.AddModelError("", "That email and password don't match an active staff account.");
        }

        form.Password = "";
        return View(form);
    }

    [HttpPost("/staff/sign-out")]
    public async Task<IActionResult> SignOutStaff()
    {
        await signInManager.SignOutAsync();
        TempData["Flash"] = "You have signed out.";
        return Redirect("/staff/sign-in");
    }

    private string? SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : null;
}

public sealed class SignInForm
{
    public string Email { get; set; } = "";

    public string Password { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

public sealed class SignInFormValidator : AbstractValidator<SignInForm>
{
    public SignInFormValidator()
    {
        RuleFor(f => f.Email)
            .NotEmpty().WithMessage("Enter your work email address.")
            .MaximumLength(254).WithMessage("An email address is at most 254 characters.")
            .EmailAddress().WithMessage("Enter an email address like name@dynamicclinic.pk.");
        RuleFor(f => f.Password)
            .NotEmpty().WithMessage("Enter your password.")
            .MaximumLength(200).WithMessage("A password is at most 200 characters.");
    }
}
