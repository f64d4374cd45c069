namespace DynamicClinic.Domain.SessionPlans;

public enum SessionPlanStatus
{
    Active = 0,
    Completed = 1,
    Discontinued = 2,
}

/// <summary>
/// A patient's course of treatment sessions with one clinician, e.g. mesotherapy: six weekly sessions then three
/// monthly. Each session is an appointment that points back here with its number.
/// </summary>
public class SessionPlan
{
    public const int EndReasonMaxLength = 300;

    public int Id { get; set; }

    public int PatientId { get; set; }

    public Patients.Patient? Patient { get; set; }

    public int TreatmentId { get; set; }

    public Treatments.Treatment? Treatment { get; set; }

    public int ClinicianId { get; set; }

    public Clinicians.Clinician? Clinician { get; set; }

    public SessionPlanStatus Status { get; set; } = SessionPlanStatus.Active;

    public DateOnly StartDate { get; set; }

    public DayOfWeek PreferredDay { get; set; }

    public TimeOnly PreferredTime { get; set; }

    /// <summary>The phases as planned (names and session counts), kept with the plan so later template edits do not rewrite it.</summary>
    public required string PhasesSummary { get; set; }

    public int TotalSessions { get; set; }

    /// <summary>Why the plan was completed early or discontinued. Not clinical detail: that belongs in a note.</summary>
    public string? EndReason { get; set; }

    public DateTime? EndedUtc { get; set; }

    public string? CreatedByUserId { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();
}
