using DynamicClinic.Data;
using DynamicClinic.Domain.Clinicians;
using DynamicClinic.Web.Infrastructure.Validation;
using FluentValidation;

namespace DynamicClinic.Web.Features.Admin;

/// <summary>The new staff member form. The password is not on it: the system makes a one-time password.</summary>
public sealed class NewStaffForm
{
    /// <summary><see cref="ClinicianProfile"/> value for "create a new clinician profile for this account".</summary>
    public const string NewProfile = "new";

    public string DisplayName { get; set; } = "";

    public string Email { get; set; } = "";

    public List<string> Roles { get; set; } = [];

    /// <summary>Empty: no profile; <see cref="NewProfile"/>: create one; otherwise the id of a clinician profile without an account.</summary>
    public string? ClinicianProfile { get; set; }

    /// <summary>The title of a new clinician profile, e.g. "Dermatologist".</summary>
    public string? ClinicianTitle { get; set; }

    public bool SendInvitation { get; set; }
}

public sealed class NewStaffFormValidator : AbstractValidator<NewStaffForm>
{
    public const int EmailMaxLength = 254;

    public NewStaffFormValidator()
    {
        RuleFor(f => f.DisplayName)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the staff member's name.")
            .MaximumLength(StaffUser.DisplayNameMaxLength).WithMessage($"A name is at most {StaffUser.DisplayNameMaxLength} characters.")
            .PlainText();
        RuleFor(f => f.Email)
            .Must(e => !string.IsNullOrWhiteSpace(e)).WithMessage("Enter the staff member's work email address.")
            .MaximumLength(EmailMaxLength).WithMessage($"An email address is at most {EmailMaxLength} characters.")
            .EmailAddress().WithMessage("Enter an email address like name@dynamicclinic.pk.")
            .PlainText();
        RuleFor(f => f.Roles).ValidRoles();
        RuleFor(f => f.ClinicianProfile)
            .Must(p => string.IsNullOrEmpty(p) || p == NewStaffForm.NewProfile || int.TryParse(p, out _))
            .WithMessage("Choose a clinician profile from the list.")
            .Must((f, p) => string.IsNullOrEmpty(p) || f.Roles.Contains(StaffRoles.Clinician))
            .WithMessage("Only an account with the Clinician role has a clinician profile.");
        RuleFor(f => f.ClinicianTitle)
            .MaximumLength(Clinician.TitleMaxLength).WithMessage($"A title is at most {Clinician.TitleMaxLength} characters.")
            .PlainText();
    }
}

/// <summary>The roles of an account: at least one, each one of <see cref="StaffRoles.All"/>.</summary>
public static class RoleRules
{
    public static IRuleBuilderOptions<T, List<string>> ValidRoles<T>(this IRuleBuilder<T, List<string>> rule) =>
        rule.NotEmpty().WithMessage("Choose at least one role.")
            .Must(r => r.All(StaffRoles.All.Contains)).WithMessage("Choose roles from the list.");
}

public sealed class RolesForm
{
    public List<string> Roles { get; set; } = [];
}

public sealed class RolesFormValidator : AbstractValidator<RolesForm>
{
    public RolesFormValidator() => RuleFor(f => f.Roles).ValidRoles();
}
