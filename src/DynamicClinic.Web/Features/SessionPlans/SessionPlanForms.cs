using System.Globalization;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Domain.SessionPlans;
using DynamicClinic.Web.Infrastructure.Validation;
using FluentValidation;

namespace DynamicClinic.Web.Features.SessionPlans;

/// <summary>The plan a clinician asks for; carried through the proposal to confirmation.</summary>
public sealed class PlanForm
{
    public int PatientId { get; set; }

    public int TreatmentId { get; set; }

    public string StartDate { get; set; } = "";

    public DayOfWeek PreferredDay { get; set; } = DayOfWeek.Monday;

    public string PreferredTime { get; set; } = "10:00";

    /// <summary>Sessions in each phase of the treatment's template, in order.</summary>
    public List<int> Sessions { get; set; } = [];

    /// <summary>On confirmation: the chosen time of each session (the proposed one or an alternative), as slot values.</summary>
    public List<string> Chosen { get; set; } = [];

    public bool TryStartDate(out DateOnly date) => ClinicDates.TryParse(StartDate, out date);

    public bool TryPreferredTime(out TimeOnly time) =>
        TimeOnly.TryParseExact(PreferredTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}

public sealed class PlanFormValidator : AbstractValidator<PlanForm>
{
    public PlanFormValidator()
    {
        RuleFor(f => f.PatientId).GreaterThan(0).WithMessage("Choose the patient.");
        RuleFor(f => f.TreatmentId).GreaterThan(0).WithMessage("Choose a treatment with a plan.");
        RuleFor(f => f.StartDate).ClinicDate("Enter the date of the first session.");
        RuleFor(f => f.PreferredDay).IsInEnum().WithMessage("Choose a weekday.");
        RuleFor(f => f.PreferredTime).Must(t => TimeOnly.TryParseExact(t, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            .WithMessage("Enter a time like 10:30.");
        RuleFor(f => f.Sessions).Must(s => s.Count is > 0 and <= 10).WithMessage("Choose the number of sessions in each phase.");
        RuleForEach(f => f.Sessions).InclusiveBetween(1, PhaseTemplate.MostSessions).WithMessage($"A phase has 1 to {PhaseTemplate.MostSessions} sessions.");
    }
}

/// <summary>Completing or discontinuing a plan.</summary>
public sealed class EndPlanForm
{
    public string Outcome { get; set; } = "";

    public string Reason { get; set; } = "";

    public Guid Version { get; set; }
}

public sealed class EndPlanFormValidator : AbstractValidator<EndPlanForm>
{
    public EndPlanFormValidator()
    {
        RuleFor(f => f.Outcome).Must(o => o is nameof(SessionPlanStatus.Completed) or nameof(SessionPlanStatus.Discontinued))
            .WithMessage("Choose completed or discontinued.");
        RuleFor(f => f.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r)).When(f => f.Outcome == nameof(SessionPlanStatus.Discontinued))
            .WithMessage("Give the reason the plan is discontinued.")
            .MaximumLength(SessionPlan.EndReasonMaxLength).WithMessage($"The reason can be at most {SessionPlan.EndReasonMaxLength} characters.")
            .PlainMultiLineText();
    }
}
