namespace DynamicClinic.Domain.Recalls;

public enum RecallKind
{
    /// <summary>A course's next session is due and not booked.</summary>
    CourseSession = 0,

    /// <summary>A patient came for a consultation and has not been seen since.</summary>
    LapsedConsultation = 1,
}

public enum RecallOutcome
{
    Called = 0,
    Booked = 1,
    Declined = 2,
}

/// <summary>
/// What reception did about one recall: called the patient, booked them, or they declined. A recall is known by
/// its patient, kind, plan (for a course) and due date; booked or declined takes it off the list, called keeps it
/// there with the date of the call.
/// </summary>
public class RecallAction
{
    public int Id { get; set; }

    public int PatientId { get; set; }

    public RecallKind Kind { get; set; }

    public int? SessionPlanId { get; set; }

    public DateOnly DueDate { get; set; }

    public RecallOutcome Outcome { get; set; }

    public DateTime ActedUtc { get; set; }

    public string? ByUserId { get; set; }
}
