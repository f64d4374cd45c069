using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Infrastructure.Validation;
using FluentValidation;

namespace DynamicClinic.Web.Features.Privacy;

/// <summary>Staff's answer to a patient's request to be forgotten: what to do, why, and (for erase or anonymise) the record's number typed to confirm.</summary>
public sealed class PrivacyDecisionForm
{
    public PrivacyDecision? Decision { get; set; }

    public string? Reason { get; set; }

    public string? Confirmation { get; set; }
}

public sealed class PrivacyDecisionFormValidator : AbstractValidator<PrivacyDecisionForm>
{
    public PrivacyDecisionFormValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(f => f.Decision)
            .NotNull().WithMessage("Choose what to do with the request.")
            .IsInEnum().WithMessage("Choose what to do with the request.");

        RuleFor(f => f.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Give the reason: the request and, to keep or anonymise, the legal ground.")
            .Must(r => r!.Trim().Length >= PatientPrivacyRules.ReasonMinLength)
            .WithMessage($"Write the reason in a few words (at least {PatientPrivacyRules.ReasonMinLength} characters).")
            .Must(r => r!.Trim().Length <= PatientPrivacyRules.ReasonMaxLength)
            .WithMessage($"A reason can be at most {PatientPrivacyRules.ReasonMaxLength} characters.")
            .PlainMultiLineText();

        RuleFor(f => f.Confirmation)
            .Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("Type the record number to confirm. This can't be undone.")
            .PlainText()
            .When(f => f.Decision is PrivacyDecision.Erase or PrivacyDecision.Anonymise);
    }
}
