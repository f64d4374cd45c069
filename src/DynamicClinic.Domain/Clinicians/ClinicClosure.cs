namespace DynamicClinic.Domain.Clinicians;

/// <summary>A whole day the clinic is closed for everyone (a public holiday), in clinic time.</summary>
public class ClinicClosure
{
    public const int ReasonMaxLength = 200;

    public int Id { get; set; }

    public DateOnly Date { get; set; }

    public string Reason { get; set; } = "";
}
