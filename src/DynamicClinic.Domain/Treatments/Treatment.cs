namespace DynamicClinic.Domain.Treatments;

/// <summary>A service the clinic offers and patients can book a consultation for.</summary>
public class Treatment
{
    public const int SlugMaxLength = 60;
    public const int NameMaxLength = 100;
    public const int SummaryMaxLength = 300;

    public int Id { get; set; }

    /// <summary>URL name, e.g. <c>mesotherapy</c>; links from the information pages use it.</summary>
    public required string Slug { get; set; }

    public required string Name { get; set; }

    public string Summary { get; set; } = "";

    /// <summary>Length of the first consultation for this treatment.</summary>
    public int ConsultationMinutes { get; set; } = 30;

    /// <summary>Length of one treatment session once a plan is agreed.</summary>
    public int SessionMinutes { get; set; } = 45;

    /// <summary>Inactive treatments are hidden from booking but kept for history.</summary>
    public bool IsActive { get; set; } = true;

    public int SortOrder { get; set; }

    /// <summary>The room every appointment for this treatment holds, if it needs one (see <see cref="Rooms.Room"/>).</summary>
    public int? RoomId { get; set; }

    public List<Clinicians.Clinician> Clinicians { get; } = [];
}
