using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Features.Patients;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Infrastructure.Validation;
using FluentValidation;

namespace DynamicClinic.Web.Features.Booking;

/// <summary>The patient's details step, carried through review to confirmation with the chosen time.</summary>
public sealed class PatientDetailsForm
{
    public const int MessageMaxLength = Appointment.MessageMaxLength;

    public string Treatment { get; set; } = "";

    /// <summary>The clinician the patient chose, or <c>any</c> for first available (to go back a step).</summary>
    public string Clinician { get; set; } = ClinicianChoice.Any;

    public string Slot { get; set; } = "";

    public string FullName { get; set; } = "";

    public string Phone { get; set; } = "";

    public string Email { get; set; } = "";

    /// <summary>"How should we reach you?": WhatsApp, Sms or Email; empty means the default for the phone.</summary>
    public string Channel { get; set; } = "";

    /// <summary>The chosen channel, or null when none (or nothing valid) was chosen.</summary>
    public DynamicClinic.Domain.Messaging.ContactChannel? ChosenChannel =>
        Enum.TryParse<DynamicClinic.Domain.Messaging.ContactChannel>(Channel, ignoreCase: false, out var channel) && Enum.IsDefined(channel) ? channel : null;

    /// <summary>An email address is needed only when messages go by email (or no channel was chosen, as before).</summary>
    public bool NeedsEmail => ChosenChannel is null or DynamicClinic.Domain.Messaging.ContactChannel.Email;

    /// <summary>"Date of birth (optional)", as a date input sends it (yyyy-MM-dd); empty when not given.</summary>
    public string? DateOfBirth { get; set; }

    /// <summary>The date of birth given, or null when none (or nothing readable) was given.</summary>
    public DateOnly? BornOn =>
        DateOnly.TryParseExact(DateOfBirth?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date) ? date : null;

    public string MainConcern { get; set; } = "";

    public string? Message { get; set; }

    public bool Consent { get; set; }

    /// <summary>The protected booking-attempt secret, issued on the review page (see <see cref="ManageToken"/>).</summary>
    public string? Attempt { get; set; }
}

public static class ClinicianChoice
{
    public const string Any = "any";
}

public sealed class PatientDetailsFormValidator : AbstractValidator<PatientDetailsForm>
{
    /// <summary>The oldest age the online form believes; anything older is a slip of the year.</summary>
    public const int OldestAge = 120;

    public PatientDetailsFormValidator(Infrastructure.Time.ClinicClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        // One message per field: the first rule a value breaks.
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(f => f.FullName)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter your full name.")
            .MaximumLength(Patient.FullNameMaxLength).WithMessage($"Your name can be at most {Patient.FullNameMaxLength} characters.")
            .Must(n => n is null || n.Trim().Length >= 2).WithMessage("Enter your full name as it should appear on your booking.")
            .PlainText();

        RuleFor(f => f.Phone)
            .Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage("Enter your mobile number.")
            .MaximumLength(30).WithMessage("A mobile number is at most 30 characters.")
            .Must(p => string.IsNullOrWhiteSpace(p) || PatientPhone.Normalise(p) is not null)
            .WithMessage("Enter a valid mobile number, like 0300 1234567 or +92 300 1234567.");

        RuleFor(f => f.Channel)
            .Must(c => string.IsNullOrEmpty(c) || new PatientDetailsForm { Channel = c }.ChosenChannel is not null)
            .WithMessage("Choose WhatsApp, SMS or email.");

        RuleFor(f => f.Email)
            .Must(e => !string.IsNullOrWhiteSpace(e)).When(f => f.NeedsEmail, ApplyConditionTo.CurrentValidator).WithMessage("Enter your email address so we can send your confirmation.")
            .MaximumLength(Patient.EmailMaxLength).WithMessage($"An email address is at most {Patient.EmailMaxLength} characters.")
            .EmailAddress().When(f => !string.IsNullOrWhiteSpace(f.Email), ApplyConditionTo.CurrentValidator).WithMessage("Enter an email address like name@example.com.")
            .PlainText();

        RuleFor(f => f.DateOfBirth)
            .Must((f, d) => f.BornOn is not null).When(f => !string.IsNullOrWhiteSpace(f.DateOfBirth)).WithMessage("Enter your date of birth as a date, for example 1990-04-23, or leave it empty.")
            .Must((f, d) => f.BornOn is not { } born || born <= clock.Today).WithMessage("Your date of birth can't be in the future.")
            .Must((f, d) => f.BornOn is not { } born || born >= clock.Today.AddYears(-OldestAge)).WithMessage($"Check the year: that date of birth is more than {OldestAge} years ago.");

        RuleFor(f => f.MainConcern)
            .Must(MainConcerns.IsKnown).WithMessage("Choose what best describes your main concern.");

        RuleFor(f => f.Message)
            .MaximumLength(PatientDetailsForm.MessageMaxLength).WithMessage($"Your message can be at most {PatientDetailsForm.MessageMaxLength} characters.")
            .PlainMultiLineText();

        RuleFor(f => f.Consent)
            .Equal(true).WithMessage("Please confirm that you have read the privacy notice.");
    }
}
