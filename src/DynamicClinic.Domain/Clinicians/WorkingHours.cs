namespace DynamicClinic.Domain.Clinicians;

/// <summary>
/// One interval of a clinician's regular week, in clinic time. A day may have several intervals;
/// the gaps between them are breaks.
/// </summary>
public class WorkingHours
{
    public int Id { get; set; }

    public int ClinicianId { get; set; }

    public DayOfWeek DayOfWeek { get; set; }

    public TimeOnly Start { get; set; }

    public TimeOnly End { get; set; }
}
