using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Features.Booking;
using DynamicClinic.Web.Features.Patients;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Infrastructure.Validation;
using FluentValidation;

namespace DynamicClinic.Web.Features.Appointments;

/// <summary>Mark arrived, completed or no-show. The version is the one the page showed.</summary>
public sealed class StatusForm
{
    public string Status { get; set; } = "";

    public Guid Version { get; set; }

    /// <summary>Where to go after the change when made from the calendar (a calendar page); empty for the appointment's page.</summary>
    public string? ReturnTo { get; set; }
}

/// <summary>The short list of reasons reception picks from; "other" needs words of its own.</summary>
public static class CancelReasons
{
    public const string Other = "Other";

    public static readonly IReadOnlyList<(string Value, string Label)> Choices =
    [
        ("PatientCancelled", "Patient cancelled"),
        ("LateCancellation", "Late cancellation"),
        ("ClinicCancelled", "Clinic cancelled"),
        (Other, "Other"),
    ];

    public static bool IsKnown(string? choice) => Choices.Any(c => c.Value == choice);

    /// <summary>The reason as stored: the chosen words, then any details reception added.</summary>
    public static string Compose(string? choice, string? details)
    {
        var label = choice is null or Other ? null : Choices.FirstOrDefault(c => c.Value == choice).Label;
        var text = details?.Trim();
        return (label, string.IsNullOrEmpty(text)) switch
        {
            (null, _) => text ?? "",
            (_, true) => label,
            _ => $"{label}: {text}",
        };
    }
}

public sealed class CancelForm
{
    /// <summary>One of <see cref="CancelReasons.Choices"/>; empty on the appointment page's plain form (the words are the reason).</summary>
    public string? ReasonChoice { get; set; }

    public string Reason { get; set; } = "";

    public bool EmailPatient { get; set; }

    public Guid Version { get; set; }

    /// <summary>Where to go after cancelling from the calendar (a calendar page); empty for the appointment's page.</summary>
    public string? ReturnTo { get; set; }

    public string FullReason => CancelReasons.Compose(ReasonChoice, Reason);
}

public sealed class CancelFormValidator : AbstractValidator<CancelForm>
{
    public CancelFormValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(f => f.ReasonChoice)
            .Must(c => string.IsNullOrEmpty(c) || CancelReasons.IsKnown(c)).WithMessage("Choose one of the reasons.");
        RuleFor(f => f.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Give the reason for cancelling.")
            .When(f => string.IsNullOrEmpty(f.ReasonChoice) || f.ReasonChoice == CancelReasons.Other);
        RuleFor(f => f.Reason)
            .MaximumLength(Appointment.CancellationReasonMaxLength - 30).WithMessage($"The reason can be at most {Appointment.CancellationReasonMaxLength - 30} characters.")
            .PlainMultiLineText();
    }
}

public sealed class MoveForm
{
    public string Slot { get; set; } = "";

    public bool EmailPatient { get; set; }

    public Guid Version { get; set; }
}

public sealed class MoveFormValidator : AbstractValidator<MoveForm>
{
    public MoveFormValidator() =>
        RuleFor(f => f.Slot).Must(s => SlotValue.TryParse(s, out _)).WithMessage("Choose one of the free times.");
}

/// <summary>A phone or walk-in booking: an existing patient (PatientId) or a new one (name, phone, email).</summary>
public sealed class NewAppointmentForm
{
    public const int NoteMaxLength = Appointment.MessageMaxLength;

    public int? PatientId { get; set; }

    public string FullName { get; set; } = "";

    public string Phone { get; set; } = "";

    public string Email { get; set; } = "";

    public int TreatmentId { get; set; }

    public string Length { get; set; } = nameof(AppointmentLength.Consultation);

    public string Date { get; set; } = "";

    public string Slot { get; set; } = "";

    public string Source { get; set; } = nameof(AppointmentSource.Phone);

    public string? Note { get; set; }

    /// <summary>The language the patient wants messages in (asked on the phone): English or Urdu.</summary>
    public string Language { get; set; } = nameof(PatientLanguage.English);

    /// <summary>Reception saw the records on file that match and chose to make a new one.</summary>
    public bool NewPatientConfirmed { get; set; }
}

public sealed class NewAppointmentFormValidator : AbstractValidator<NewAppointmentForm>
{
    public NewAppointmentFormValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        When(f => f.PatientId is null, () =>
        {
            RuleFor(f => f.FullName).PatientFullName(whenEmpty: "Enter the patient's full name, or choose an existing patient.");
            RuleFor(f => f.Phone).PatientMobile();
            RuleFor(f => f.Email).PatientEmail().When(f => !string.IsNullOrWhiteSpace(f.Email));
        });

        RuleFor(f => f.TreatmentId).GreaterThan(0).WithMessage("Choose a treatment.");
        // An empty field binds as null, which IsEnumName lets through; the controller then can't read it.
        RuleFor(f => f.Length)
            .Must(l => l is nameof(AppointmentLength.Consultation) or nameof(AppointmentLength.Session)).WithMessage("Choose consultation or session.");
        RuleFor(f => f.Source)
            .Must(s => s is nameof(AppointmentSource.Phone) or nameof(AppointmentSource.WalkIn)).WithMessage("Choose phone or walk-in.");
        RuleFor(f => f.Slot).Must(s => SlotValue.TryParse(s, out _)).WithMessage("Choose one of the free times.");
        RuleFor(f => f.Language)
            .Must(l => l is nameof(PatientLanguage.English) or nameof(PatientLanguage.Urdu)).WithMessage("Choose English or Urdu.");
        RuleFor(f => f.Note)
            .MaximumLength(NewAppointmentForm.NoteMaxLength).WithMessage($"The note can be at most {NewAppointmentForm.NoteMaxLength} characters.")
            .PlainMultiLineText();
    }
}
