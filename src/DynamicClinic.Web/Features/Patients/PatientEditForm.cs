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

    /// <summary>How the patient wants messages: WhatsApp, Sms or Email; empty leaves the default for their phone.</summary>
    public string? Channel { get; set; }

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
    public const int PhoneMaxLength = PatientContactRules.PhoneMaxLength;

    public PatientEditFormValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(f => f.FullName).PatientFullName();
        RuleFor(f => f.Phone).PatientMobile();
        RuleFor(f => f.Email).PatientEmail().When(f => !string.IsNullOrWhiteSpace(f.Email));

        RuleFor(f => f.Channel)
            .Must(c => string.IsNullOrEmpty(c) || (Enum.TryParse<Domain.Messaging.ContactChannel>(c, false, out var v) && Enum.IsDefined(v)))
            .WithMessage("Choose WhatsApp, SMS or email.");
        RuleFor(f => f.Email)
            .NotEmpty().When(f => f.Channel == nameof(Domain.Messaging.ContactChannel.Email))
            .WithMessage("Enter an email address, or choose WhatsApp or SMS for this patient's messages.");

        RuleFor(f => f.Version)
            .NotEmpty().WithMessage("This form is missing the record's version. Open the patient again and make your change.");
    }
}
