using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Features.Booking;
using DynamicClinic.Web.Infrastructure.Validation;
using FluentValidation;

namespace DynamicClinic.Web.Features.Patients;

/// <summary>
/// The rules for a patient's contact details as staff enter them (reception's bookings and patient edits): the
/// limits and phone normalisation of online booking, worded for reception, and the email optional (patients who
/// phone or walk in may have none).
/// </summary>
public static class PatientContactRules
{
    public const int PhoneMaxLength = 30;

    public static IRuleBuilderOptions<T, string> PatientFullName<T>(this IRuleBuilder<T, string> rule, string whenEmpty = "Enter the patient's full name.") =>
        rule.Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(whenEmpty)
            .MaximumLength(Patient.FullNameMaxLength).WithMessage($"A name can be at most {Patient.FullNameMaxLength} characters.")
            .Must(n => n is null || n.Trim().Length >= 2).WithMessage("Enter the patient's full name as it should appear on their bookings.")
            .PlainText();

    public static IRuleBuilderOptions<T, string> PatientMobile<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage("Enter the patient's mobile number.")
            .MaximumLength(PhoneMaxLength).WithMessage($"A mobile number is at most {PhoneMaxLength} characters.")
            .Must(p => string.IsNullOrWhiteSpace(p) || PatientPhone.Normalise(p) is not null)
            .WithMessage("Enter a valid mobile number, like 0300 1234567 or +92 300 1234567.");

    /// <summary>Apply with <c>.When(email is not empty)</c>: an empty email is allowed.</summary>
    public static IRuleBuilderOptions<T, string?> PatientEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(Patient.EmailMaxLength).WithMessage($"An email address is at most {Patient.EmailMaxLength} characters.")
            .EmailAddress().WithMessage("Enter an email address like name@example.com, or leave it empty.")
            .PlainText();
}
