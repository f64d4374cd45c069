using System.Globalization;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Web.Infrastructure.Validation;
using FluentValidation;

namespace DynamicClinic.Web.Features.TimeOff;

/// <summary>Time a clinician is not available (leave, training, a meeting), in clinic time on one date.</summary>
public sealed class BlockTimeForm
{
    public int ClinicianId { get; set; }

    public string Date { get; set; } = "";

    public string From { get; set; } = "";

    public string To { get; set; } = "";

    public bool AllDay { get; set; }

    public string Reason { get; set; } = "";

    /// <summary>
    /// What to do with each appointment inside the time, by reference: <c>cancel</c>, or <c>move:</c> and the free time
    /// offered (a <see cref="Scheduling.SlotValue"/>). Saved with the time off in one go.
    /// </summary>
    public Dictionary<string, string> Plan { get; set; } = [];

    /// <summary>Each appointment's version as the page showed it: a change meanwhile stops the save.</summary>
    public Dictionary<string, Guid> Version { get; set; } = [];

    public static bool TryTime(string? value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static bool TryDate(string? value, out DateOnly date) => ClinicDates.TryParse(value, out date);
}

public sealed class BlockTimeFormValidator : AbstractValidator<BlockTimeForm>
{
    public BlockTimeFormValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(f => f.ClinicianId).GreaterThan(0).WithMessage("Choose a clinician.");
        RuleFor(f => f.Date).ClinicDate("Enter a date.");
        When(f => !f.AllDay, () =>
        {
            RuleFor(f => f.From).Must(t => BlockTimeForm.TryTime(t, out _)).WithMessage("Enter the start time, like 13:00.");
            RuleFor(f => f.To)
                .Must(t => BlockTimeForm.TryTime(t, out _)).WithMessage("Enter the end time, like 14:30.")
                .Must((f, t) => !BlockTimeForm.TryTime(f.From, out var from) || (BlockTimeForm.TryTime(t, out var to) && to > from))
                .WithMessage("The end time must be after the start time.");
        });
        RuleFor(f => f.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Give a reason, for example \"Annual leave\" or \"Training\".")
            .MaximumLength(Domain.Clinicians.TimeOff.ReasonMaxLength).WithMessage($"The reason can be at most {Domain.Clinicians.TimeOff.ReasonMaxLength} characters.")
            .PlainText();
    }
}
