using System.Text.RegularExpressions;
using DynamicClinic.Domain.SessionPlans;
using DynamicClinic.Domain.Treatments;
using DynamicClinic.Web.Infrastructure.Validation;
using FluentValidation;

namespace DynamicClinic.Web.Features.Admin;

/// <summary>
/// A treatment as admins edit it: its booking details, the clinicians who offer it and its plan template. The phase
/// rows include one blank row for adding a phase (a blank row is ignored); a row ticked Remove is dropped.
/// </summary>
public sealed class TreatmentForm
{
    public string Name { get; set; } = "";

    public string Slug { get; set; } = "";

    public string Summary { get; set; } = "";

    public bool IsActive { get; set; }

    public int ConsultationMinutes { get; set; } = 30;

    public int SessionMinutes { get; set; } = 45;

    public int SortOrder { get; set; }

    /// <summary>The room every appointment for the treatment holds; none when it needs no room.</summary>
    public int? RoomId { get; set; }

    public List<int> ClinicianIds { get; set; } = [];

    public List<PhaseRow> Phases { get; set; } = [];

    /// <summary>The phases the template keeps: not removed and not blank.</summary>
    public IReadOnlyList<PhaseTemplate> KeptPhases() =>
        Phases.Where(p => !p.Remove && !p.IsBlank).Select(p => p.ToTemplate()).ToList();
}

public sealed class PhaseRow
{
    public string? Name { get; set; }

    public int? MinSessions { get; set; }

    public int? MaxSessions { get; set; }

    public int? DefaultSessions { get; set; }

    public int? IntervalCount { get; set; }

    public IntervalUnit IntervalUnit { get; set; }

    public bool Remove { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && MinSessions is null && MaxSessions is null && DefaultSessions is null && IntervalCount is null;

    public PhaseTemplate ToTemplate() =>
        new((Name ?? "").Trim(), MinSessions ?? 0, MaxSessions ?? 0, DefaultSessions ?? 0, new PlanInterval(IntervalCount ?? 0, IntervalUnit));

    public static PhaseRow From(TreatmentPlanPhase phase) => new()
    {
        Name = phase.Name,
        MinSessions = phase.MinSessions,
        MaxSessions = phase.MaxSessions,
        DefaultSessions = phase.DefaultSessions,
        IntervalCount = phase.IntervalCount,
        IntervalUnit = phase.IntervalUnit,
    };
}

public sealed partial class TreatmentFormValidator : AbstractValidator<TreatmentForm>
{
    public const int MinMinutes = 5;
    public const int MaxMinutes = 480;
    public const int MaxSortOrder = 1000;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    public TreatmentFormValidator()
    {
        RuleFor(f => f.Name)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the treatment's name.")
            .MaximumLength(Treatment.NameMaxLength).WithMessage($"The name can be at most {Treatment.NameMaxLength} characters.")
            .PlainText();
        RuleFor(f => f.Slug)
            .Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("Enter the web address name, e.g. prp-therapy.")
            .MaximumLength(Treatment.SlugMaxLength).WithMessage($"The web address name can be at most {Treatment.SlugMaxLength} characters.")
            .Must(s => s is null || SlugPattern().IsMatch(s.Trim())).WithMessage("Use lowercase letters, digits and single hyphens only, e.g. prp-therapy.");
        RuleFor(f => f.Summary)
            .MaximumLength(Treatment.SummaryMaxLength).WithMessage($"The summary can be at most {Treatment.SummaryMaxLength} characters.")
            .PlainMultiLineText();
        RuleFor(f => f.ConsultationMinutes).Must(Minutes).WithMessage($"A consultation lasts {MinMinutes} to {MaxMinutes} minutes, in steps of 5.");
        RuleFor(f => f.SessionMinutes).Must(Minutes).WithMessage($"A session lasts {MinMinutes} to {MaxMinutes} minutes, in steps of 5.");
        RuleFor(f => f.SortOrder).InclusiveBetween(0, MaxSortOrder).WithMessage($"The sort order is a number from 0 to {MaxSortOrder}.");
        RuleForEach(f => f.Phases).ChildRules(phase =>
        {
            phase.RuleFor(p => p)
                .Must(p => p.Remove || p.IsBlank || !p.ToTemplate().Problems().Any())
                .WithMessage(p => string.Join(" ", p.ToTemplate().Problems()))
                .OverridePropertyName("Phase");
            phase.RuleFor(p => p.Name).PlainText().OverridePropertyName("Phase");
        });
    }

    private static bool Minutes(int minutes) => minutes is >= MinMinutes and <= MaxMinutes && minutes % 5 == 0;
}
