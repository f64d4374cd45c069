using DynamicClinic.Data;
using DynamicClinic.Web.Infrastructure.Security;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Staff;

/// <summary>
/// A staff member's own two-factor sign-in: its state; setting it up with an authenticator app (key and QR code, then a
/// code to confirm); the recovery codes, shown once; new recovery codes; turning it off. Reachable before two-factor is
/// set up even when the clinic requires it (that is where the requirement sends people).
/// </summary>
[AllowWithoutTwoFactor]
public sealed class TwoFactorController(
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signInManager,
    StaffTwoFactor twoFactor) : StaffControllerBase
{
    public const string RecoveryCodesPage = TwoFactorRequiredAttribute.SetupPage + "/recovery-codes";
    private const string FlashKey = "Flash";

    // The new codes travel from the POST to the page that shows them in TempData (an encrypted cookie, deleted once
    // read): a refresh of that page finds nothing and does not show them again.
    private const string NewCodesKey = "TwoFactor.NewRecoveryCodes";

    [HttpGet(TwoFactorRequiredAttribute.SetupPage)]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        return user is null ? Challenge() : View("TwoFactor", await ViewModelAsync(user, cancellationToken));
    }

    [HttpPost(TwoFactorRequiredAttribute.SetupPage + "/enable")]
    public async Task<IActionResult> Enable(TwoFactorCodeForm form, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (ModelState.IsValid)
        {
            var codes = await twoFactor.EnableAsync(user, form.Code);
            if (codes is not null)
            {
                return await ShowNewCodesAsync(user, codes, "Two-factor sign-in is on. From now on you sign in with your password and a code from your app.");
            }

            ModelState.AddModelError(nameof(form.Code), WrongCode);
        }

        return View("TwoFactor", await ViewModelAsync(user, cancellationToken, failedForm: TwoFactorForms.Enable));
    }

    [HttpPost(RecoveryCodesPage)]
    public async Task<IActionResult> Regenerate(TwoFactorCodeForm form, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (ModelState.IsValid)
        {
            var codes = await twoFactor.RegenerateRecoveryCodesAsync(user, form.Code);
            if (codes is not null)
            {
                return await ShowNewCodesAsync(user, codes, "New recovery codes made. The old ones no longer work.");
            }

            ModelState.AddModelError(nameof(form.Code), WrongCode);
        }

        return View("TwoFactor", await ViewModelAsync(user, cancellationToken, failedForm: TwoFactorForms.Regenerate));
    }

    [HttpGet(RecoveryCodesPage)]
    public IActionResult RecoveryCodes()
    {
        if (TempData[NewCodesKey] is not string codes)
        {
            // Already shown: they are never shown again; new ones can be made from the two-factor page.
            return Redirect(TwoFactorRequiredAttribute.SetupPage);
        }

        return View(new RecoveryCodesViewModel(codes.Split('\n'), TempData[FlashKey] as string));
    }

    [HttpPost(TwoFactorRequiredAttribute.SetupPage + "/disable")]
    public async Task<IActionResult> Disable(TwoFactorCodeForm form, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (ModelState.IsValid)
        {
            switch (await twoFactor.DisableAsync(user, form.Code, cancellationToken))
            {
                case TwoFactorChange.Done:
                    await signInManager.RefreshSignInAsync(user);
                    TempData[FlashKey] = "Two-factor sign-in is off. You sign in with your password only.";
                    return Redirect(TwoFactorRequiredAttribute.SetupPage);
                case TwoFactorChange.NothingToChange:
                    return Redirect(TwoFactorRequiredAttribute.SetupPage);
                case TwoFactorChange.RefusedWhileRequired:
                    ModelState.AddModelError(nameof(form.Code), "The clinic requires two-factor sign-in for every staff account, so it cannot be turned off.");
                    break;
                default:
                    ModelState.AddModelError(nameof(form.Code), WrongCode);
                    break;
            }
        }

        return View("TwoFactor", await ViewModelAsync(user, cancellationToken, failedForm: TwoFactorForms.Disable));
    }

    private const string WrongCode = "That code is not right. Enter the 6-digit code your authenticator app shows now.";

    private async Task<IActionResult> ShowNewCodesAsync(StaffUser user, IReadOnlyList<string> codes, string message)
    {
        // The change renewed the security stamp (other sessions end): a fresh cookie keeps this one going.
        await signInManager.RefreshSignInAsync(user);
        TempData[NewCodesKey] = string.Join('\n', codes);
        TempData[FlashKey] = message;
        return Redirect(RecoveryCodesPage);
    }

    private async Task<TwoFactorViewModel> ViewModelAsync(StaffUser user, CancellationToken cancellationToken, TwoFactorForms failedForm = TwoFactorForms.None)
    {
        var state = await twoFactor.StateAsync(user, cancellationToken);
        AuthenticatorSetup? setup = null;
        string? qrCode = null;
        if (!state.Enabled)
        {
            setup = await twoFactor.SetupAsync(user);
            qrCode = QrCodeSvg.Render(setup.AuthenticatorUri, "QR code holding the key for your authenticator app");
        }

        return new TwoFactorViewModel(state, setup, qrCode, TempData[FlashKey] as string, failedForm);
    }
}

/// <summary>Which of the page's forms the errors belong to, so the message shows next to the right field.</summary>
public enum TwoFactorForms
{
    None,
    Enable,
    Regenerate,
    Disable,
}

/// <param name="QrCodeSvg">The QR code as SVG markup made on the server, while setting up.</param>
public sealed record TwoFactorViewModel(TwoFactorState State, AuthenticatorSetup? Setup, string? QrCodeSvg, string? Flash, TwoFactorForms FailedForm);

public sealed record RecoveryCodesViewModel(IReadOnlyList<string> Codes, string? Flash);

/// <summary>A 6-digit code from the authenticator app.</summary>
public sealed class TwoFactorCodeForm
{
    public string Code { get; set; } = "";
}

public sealed class TwoFactorCodeFormValidator : AbstractValidator<TwoFactorCodeForm>
{
    public TwoFactorCodeFormValidator()
    {
        RuleFor(f => f.Code)
            .Must(code => !string.IsNullOrWhiteSpace(code)).WithMessage("Enter the 6-digit code your authenticator app shows.")
            .Must(code => string.IsNullOrWhiteSpace(code) || StaffTwoFactor.NormaliseCode(code) is { Length: 6 } bare && bare.All(char.IsAsciiDigit))
            .WithMessage("The code is 6 digits, like 123 456.");
    }
}
