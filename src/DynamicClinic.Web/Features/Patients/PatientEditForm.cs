using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Features.Booking;
using FluentValidation;

namespace DynamicClinic.Web.Features.Patients;

/// <summary>Reception's edit of a patient's contact details, with the version of the record it started from.</summary>
public sealed class PatientEditForm
{
    public string FullName { get; set; } = "";

    public string Phone { get; set; } = "";

    public string? Email { get; set; }

    /// <summary>The <see cref="Patient.Version"/> the form was filled from: a different stored version means someone else saved meanwhile.</summary>
    public Guid Version { get; set; }
}

/// <summary>
/// The same rules, limits and phone parsing as online booking (<see cref="PatientDetailsFormValidator"/>), worded
/// for staff. One difference: the email may be left empty, since patients who book by phone or walk in may have
/// none (and such records must stay editable). A test checks both validators agree on every value.
/// </summary>
public sealed class PatientEditFormValidator : AbstractValidator<PatientEditForm>
{
    public const int PhoneMaxLength = 30;

    public PatientEditFormValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(f => f.FullName)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the patient's full name.")
            .MaximumLength(Patient.FullNameMaxLength).WithMessage($"A name can be at most {Patient.FullNameMaxLength} characters.")
            .Must(n => n is null || n.Trim().Length >= 2).WithMessage("Enter the patient's full name as it should appear on their bookings.")
            .Must(n => n is null || !n.Any(char.IsControl)).WithMessage("The name contains characters we can't accept.");

        RuleFor(f => f.Phone)
            .Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage("Enter the patient's mobile number.")
            .MaximumLength(PhoneMaxLength).WithMessage($"A mobile number is at most {PhoneMaxLength} characters.")
            .Must(p => string.IsNullOrWhiteSpace(p) || PatientPhone.Normalise(p) is not null)
            .WithMessage("Enter a valid mobile number, like 0300 1234567 or +92 300 1234567.");

        RuleFor(f => f.Email)
            .MaximumLength(Patient.EmailMaxLength).WithMessage($"An email address is at most {Patient.EmailMaxLength} characters.")
            .EmailAddress().WithMessage("Enter an email address like name@example.com, or leave it empty.")
            .When(f => !string.IsNullOrWhiteSpace(f.Email));

        RuleFor(f => f.Version)
            .NotEmpty().WithMessage("This form is missing the record's version. Open the patient again and make your change.");
    }
}
