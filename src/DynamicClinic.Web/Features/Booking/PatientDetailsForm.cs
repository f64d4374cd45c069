using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Features.Patients;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Infrastructure.Validation;
using DynamicClinic.Web.Resources;
using FluentValidation;
using Microsoft.Extensions.Localization;

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

    public PatientDetailsFormValidator(Infrastructure.Time.ClinicClock clock, IStringLocalizer<BookingText> text)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(text);

        // Messages are looked up when a form is checked, so each comes in the language of the page it is shown on.
        string T(string key, params object[] values) => text[key, values];

        // Example numbers read left to right inside Urdu (a Unicode isolate), or "0300 1234567" would show as "1234567 0300".
        static string Ltr(string value) =>
            System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ur" ? "\u2066" + value + "\u2069" : value;

        // One message per field: the first rule a value breaks.
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(f => f.FullName)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(_ => T("ValFullNameEmpty"))
            .MaximumLength(Patient.FullNameMaxLength).WithMessage(_ => T("ValFullNameLong", Patient.FullNameMaxLength))
            .Must(n => n is null || n.Trim().Length >= 2).WithMessage(_ => T("ValFullNameShort"))
            .PlainText().WithMessage(_ => T("ValPlainText"));

        RuleFor(f => f.Phone)
            .Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage(_ => T("ValPhoneEmpty"))
            .MaximumLength(30).WithMessage(_ => T("ValPhoneLong"))
            .Must(p => string.IsNullOrWhiteSpace(p) || PatientPhone.Normalise(p) is not null)
            .WithMessage(_ => T("ValPhoneInvalid", Ltr("0300 1234567"), Ltr("+92 300 1234567")));

        RuleFor(f => f.Channel)
            .Must(c => string.IsNullOrEmpty(c) || new PatientDetailsForm { Channel = c }.ChosenChannel is not null)
            .WithMessage(_ => T("ValChannel"));

        RuleFor(f => f.Email)
            .Must(e => !string.IsNullOrWhiteSpace(e)).When(f => f.NeedsEmail, ApplyConditionTo.CurrentValidator).WithMessage(_ => T("ValEmailEmpty"))
            .MaximumLength(Patient.EmailMaxLength).WithMessage(_ => T("ValEmailLong", Patient.EmailMaxLength))
            .EmailAddress().When(f => !string.IsNullOrWhiteSpace(f.Email), ApplyConditionTo.CurrentValidator).WithMessage(_ => T("ValEmailInvalid", Ltr("name@example.com")))
            .PlainText().WithMessage(_ => T("ValPlainText"));

        RuleFor(f => f.DateOfBirth)
            .Must((f, d) => f.BornOn is not null).When(f => !string.IsNullOrWhiteSpace(f.DateOfBirth)).WithMessage(_ => T("ValDateOfBirthFormat"))
            .Must((f, d) => f.BornOn is not { } born || born <= clock.Today).WithMessage(_ => T("ValDateOfBirthFuture"))
            .Must((f, d) => f.BornOn is not { } born || born >= clock.Today.AddYears(-OldestAge)).WithMessage(_ => T("ValDateOfBirthOld", OldestAge));

        RuleFor(f => f.MainConcern)
            .Must(MainConcerns.IsKnown).WithMessage(_ => T("ValMainConcern"));

        RuleFor(f => f.Message)
            .MaximumLength(PatientDetailsForm.MessageMaxLength).WithMessage(_ => T("ValMessageLong", PatientDetailsForm.MessageMaxLength))
            .PlainMultiLineText().WithMessage(_ => T("ValPlainText"));

        RuleFor(f => f.Consent)
            .Equal(true).WithMessage(_ => T("ValConsent"));
    }
}
