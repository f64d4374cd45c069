using DynamicClinic.Domain.Treatments;

namespace DynamicClinic.Domain.Clinicians;

/// <summary>A specialist patients can be booked with. Linked to a staff account when they sign in.</summary>
public class Clinician
{
    public const int DisplayNameMaxLength = 100;
    public const int TitleMaxLength = 100;
    public const int BioMaxLength = 1000;

    public int Id { get; set; }

    /// <summary>The Identity user id of the clinician's staff account, if they have one.</summary>
    public string? StaffUserId { get; set; }

    public required string DisplayName { get; set; }

    public string Title { get; set; } = "";

    public string Bio { get; set; } = "";

    public bool IsActive { get; set; } = true;

    public List<WorkingHours> WorkingHours { get; } = [];

    public List<TimeOff> TimeOff { get; } = [];

    public List<Treatment> Treatments { get; } = [];
}
