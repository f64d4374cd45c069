namespace DynamicClinic.Domain.Clinicians;

/// <summary>A period a clinician is not available (leave, training, blocked time). Stored in UTC.</summary>
public class TimeOff
{
    public const int ReasonMaxLength = 200;

    public int Id { get; set; }

    public int ClinicianId { get; set; }

    public DateTime StartUtc { get; set; }

    public DateTime EndUtc { get; set; }

    public string Reason { get; set; } = "";
}
