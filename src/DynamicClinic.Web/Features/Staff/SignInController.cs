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
    public const string FailedMessage =
        "That email and password don't match an active staff account, or the account is locked for 15 minutes after too many tries.";

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

        // One message for a wrong password, an unknown email and a locked account: a different answer for a locked
        // account would tell a guesser which emails belong to staff. The log (no email in it) still tells them apart.
        if (result.IsLockedOut)
        {
            logger.LogWarning("Staff sign-in refused: account locked out");
        }
        else
        {
            logger.LogInformation("Staff sign-in failed");
        }

        ModelState.AddModelError("", FailedMessage);
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
