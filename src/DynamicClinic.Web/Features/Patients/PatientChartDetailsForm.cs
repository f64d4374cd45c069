using System.Globalization;
using DynamicClinic.Domain.Patients;
using FluentValidation;

namespace DynamicClinic.Web.Features.Patients;

/// <summary>The clinician's part of the record, completed at the consultation; the date as typed (yyyy-MM-dd from a date input).</summary>
public sealed class PatientChartDetailsForm
{
    public string? DateOfBirth { get; set; }

    public string? Sex { get; set; }

    public string? Allergies { get; set; }

    public string? Alerts { get; set; }

    public string? SecondContactName { get; set; }

    public string? SecondContactPhone { get; set; }

    public bool ConsentsToClinicalPhotos { get; set; }

    public bool ConsentsToTeachingUse { get; set; }

    public Guid Version { get; set; }

    public static bool TryParseDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        return false;
    }

    public static PatientSex? ParseSex(string? text) => Enum.TryParse<PatientSex>(text, ignoreCase: false, out var sex) && Enum.IsDefined(sex) ? sex : null;
}

public sealed class PatientChartDetailsFormValidator : AbstractValidator<PatientChartDetailsForm>
{
    public PatientChartDetailsFormValidator()
    {
        RuleFor(f => f.DateOfBirth).Must(d => PatientChartDetailsForm.TryParseDate(d, out _)).WithMessage("Enter the date of birth as a date, for example 1990-04-23.");
        RuleFor(f => f.Sex).Must(s => string.IsNullOrEmpty(s) || PatientChartDetailsForm.ParseSex(s) is not null).WithMessage("Choose female or male.");
        RuleFor(f => f.Allergies).MaximumLength(Patient.ClinicalTextMaxLength).WithMessage($"Keep allergies to {Patient.ClinicalTextMaxLength} characters or fewer.");
        RuleFor(f => f.Alerts).MaximumLength(Patient.ClinicalTextMaxLength).WithMessage($"Keep alerts to {Patient.ClinicalTextMaxLength} characters or fewer.");
        RuleFor(f => f.SecondContactName).MaximumLength(Patient.FullNameMaxLength).WithMessage($"Keep the name to {Patient.FullNameMaxLength} characters or fewer.")
            .NotEmpty().When(f => !string.IsNullOrWhiteSpace(f.SecondContactPhone)).WithMessage("Enter the second contact's name, or leave their number empty too.");
        RuleFor(f => f.SecondContactPhone!).PatientMobile().When(f => !string.IsNullOrWhiteSpace(f.SecondContactPhone));
        RuleFor(f => f.SecondContactPhone).NotEmpty().When(f => !string.IsNullOrWhiteSpace(f.SecondContactName)).WithMessage("Enter the second contact's mobile number.");
        RuleFor(f => f.ConsentsToTeachingUse).Equal(false).When(f => !f.ConsentsToClinicalPhotos)
            .WithMessage("Teaching or marketing use needs consent to clinical photos first.");
        RuleFor(f => f.Version).NotEmpty().WithMessage("This form is missing the record's version. Open the patient again and make your change.");
    }
}
