namespace DynamicClinic.Domain.SessionPlans;

public enum IntervalUnit
{
    Week = 0,
    Month = 1,
}

/// <summary>The time between two sessions of a phase, e.g. one week or three months.</summary>
public readonly record struct PlanInterval(int Count, IntervalUnit Unit)
{
    public static PlanInterval Weeks(int count) => new(count, IntervalUnit.Week);

    public static PlanInterval Months(int count) => new(count, IntervalUnit.Month);

    public override string ToString() => (Count, Unit) switch
    {
        (1, IntervalUnit.Week) => "weekly",
        (1, IntervalUnit.Month) => "monthly",
        (_, IntervalUnit.Week) => $"every {Count} weeks",
        _ => $"every {Count} months",
    };
}

/// <summary>
/// One phase of a treatment course, e.g. mesotherapy's initial phase: 6 to 8 sessions, one week apart.
/// The first session of a later phase comes one of its intervals after the last session of the phase before.
/// </summary>
public sealed record PhaseTemplate(string Name, int MinSessions, int MaxSessions, int DefaultSessions, PlanInterval Interval)
{
    public const int NameMaxLength = 60;

    public const int MostSessions = 24;

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > NameMaxLength)
        {
            yield return $"Each phase needs a name of at most {NameMaxLength} characters.";
        }

        if (MinSessions < 1 || MaxSessions > MostSessions || MinSessions > MaxSessions)
        {
            yield return $"{Name}: the number of sessions must be from 1 to {MostSessions}, the smallest no more than the largest.";
        }
        else if (DefaultSessions < MinSessions || DefaultSessions > MaxSessions)
        {
            yield return $"{Name}: the usual number of sessions must be between {MinSessions} and {MaxSessions}.";
        }

        if (Interval.Count < 1 || (Interval.Unit == IntervalUnit.Week && Interval.Count > 12) || (Interval.Unit == IntervalUnit.Month && Interval.Count > 6))
        {
            yield return $"{Name}: sessions must be 1 to 12 weeks or 1 to 6 months apart.";
        }
    }
}

/// <summary>The templates the clinic starts with; admins can change them per treatment.</summary>
public static class PlanTemplates
{
    /// <summary>From the clinic's facts: 6 to 8 weekly sessions, then one a month for 3 to 6 months.</summary>
    public static IReadOnlyList<PhaseTemplate> Mesotherapy { get; } =
    [
        new("Initial phase", 6, 8, 6, PlanInterval.Weeks(1)),
        new("Maintenance", 3, 6, 3, PlanInterval.Months(1)),
    ];

    /// <summary>PRP is spaced further apart than mesotherapy: monthly sessions, then a top-up every three months.</summary>
    public static IReadOnlyList<PhaseTemplate> Prp { get; } =
    [
        new("Initial phase", 3, 4, 3, PlanInterval.Weeks(4)),
        new("Maintenance", 1, 2, 2, PlanInterval.Months(3)),
    ];

    /// <summary>After a transplant: a check in the first week or two, then growth reviews every three months.</summary>
    public static IReadOnlyList<PhaseTemplate> HairTransplantFollowUp { get; } =
    [
        new("Post-operative check", 1, 1, 1, PlanInterval.Weeks(1)),
        new("Growth reviews", 1, 3, 3, PlanInterval.Months(3)),
    ];

    /// <summary>Medication is reviewed a few times a year to see that it works and is tolerated.</summary>
    public static IReadOnlyList<PhaseTemplate> MedicationReviews { get; } =
    [
        new("Reviews", 2, 4, 4, PlanInterval.Months(3)),
    ];

    public static IReadOnlyList<PhaseTemplate>? ForTreatment(string slug) => slug switch
    {
        "mesotherapy" => Mesotherapy,
        "prp-therapy" => Prp,
        "hair-transplant" => HairTransplantFollowUp,
        "medications" => MedicationReviews,
        _ => null,
    };
}
