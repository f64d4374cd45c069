namespace DynamicClinic.Domain.SessionPlans;

/// <summary>One phase of a treatment's plan template, as stored and edited by admins.</summary>
public class TreatmentPlanPhase
{
    public int Id { get; set; }

    public int TreatmentId { get; set; }

    /// <summary>Position in the plan, from 0.</summary>
    public int Order { get; set; }

    public required string Name { get; set; }

    public int MinSessions { get; set; }

    public int MaxSessions { get; set; }

    public int DefaultSessions { get; set; }

    public int IntervalCount { get; set; }

    public IntervalUnit IntervalUnit { get; set; }

    public PhaseTemplate ToTemplate() => new(Name, MinSessions, MaxSessions, DefaultSessions, new PlanInterval(IntervalCount, IntervalUnit));

    public static TreatmentPlanPhase From(int order, PhaseTemplate phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        return new()
        {
            Order = order,
            Name = phase.Name,
            MinSessions = phase.MinSessions,
            MaxSessions = phase.MaxSessions,
            DefaultSessions = phase.DefaultSessions,
            IntervalCount = phase.Interval.Count,
            IntervalUnit = phase.Interval.Unit,
        };
    }
}
