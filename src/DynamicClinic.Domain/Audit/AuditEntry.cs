namespace DynamicClinic.Domain.Audit;

/// <summary>
/// One thing someone did to the clinic's records: who, when, what, and the state before and after.
/// Append-only: the application never edits or deletes an entry (the DbContext refuses to).
/// Before and after hold appointment facts and which fields changed: never clinical text, and (since privacy
/// requests) never a patient's contact details; erasure and anonymisation redact those from older entries.
/// </summary>
public class AuditEntry
{
    public const int ActorNameMaxLength = 150;
    public const int ActionMaxLength = 64;
    public const int EntityTypeMaxLength = 40;
    public const int EntityIdMaxLength = 64;
    public const int SummaryMaxLength = 300;
    public const int StateMaxLength = 4000;

    public long Id { get; set; }

    public DateTime OccurredUtc { get; set; }

    /// <summary>The staff account that acted; null for a patient acting through the website or the system itself.</summary>
    public string? ActorUserId { get; set; }

    /// <summary>The actor's name at the time, kept so the entry reads the same after the account changes.</summary>
    public required string ActorName { get; set; }

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    public required string EntityType { get; set; }

    /// <summary>The record's id; for an appointment, its reference (known before it is saved, and what staff quote).</summary>
    public required string EntityId { get; set; }

    /// <summary>The patient the entry concerns, so a patient's record can show who changed what.</summary>
    public int? PatientId { get; set; }

    /// <summary>Set instead of <see cref="PatientId"/> when the patient is created in the same save.</summary>
    public Patients.Patient? Patient { get; set; }

    /// <summary>A short sentence for people reading the log.</summary>
    public required string Summary { get; set; }

    /// <summary>The changed fields before the change, as JSON.</summary>
    public string? Before { get; set; }

    /// <summary>The changed fields after the change, as JSON.</summary>
    public string? After { get; set; }
}
