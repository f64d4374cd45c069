namespace DynamicClinic.Domain.Appointments;

/// <summary>A patient's time with a clinician. Times are stored in UTC and shown in clinic time.</summary>
public class Appointment
{
    public const int ReferenceMaxLength = 12;
    public const int MessageMaxLength = 1000;
    public const int CancellationReasonMaxLength = 300;

    public int Id { get; set; }

    /// <summary>Short reference the patient quotes, e.g. <c>DC-7K3M9Q</c>.</summary>
    public required string Reference { get; set; }

    public int PatientId { get; set; }

    public Patients.Patient? Patient { get; set; }

    public int ClinicianId { get; set; }

    public Clinicians.Clinician? Clinician { get; set; }

    public int TreatmentId { get; set; }

    public Treatments.Treatment? Treatment { get; set; }

    public DateTime StartUtc { get; set; }

    public DateTime EndUtc { get; set; }

    public AppointmentStatus Status { get; set; } = AppointmentStatus.Booked;

    public AppointmentSource Source { get; set; }

    /// <summary>The patient's main concern, chosen from a short list when booking.</summary>
    public string? MainConcern { get; set; }

    /// <summary>Optional message from the patient. Patient-written text: never logged.</summary>
    public string? PatientMessage { get; set; }

    public string? CancellationReason { get; set; }

    /// <summary>SHA-256 of the secret in the patient's manage link; the secret itself is never stored.</summary>
    public string? ManageTokenHash { get; set; }

    /// <summary>
    /// SHA-256 of the booking attempt that created this appointment online: a second submit of the same
    /// confirmation finds this appointment instead of creating another.
    /// </summary>
    public string? IdempotencyKeyHash { get; set; }

    /// <summary>When the day-before reminder was put in the outbox; set once, so it is sent once.</summary>
    public DateTime? ReminderQueuedUtc { get; set; }

    /// <summary>The time blocks this appointment holds while it is not cancelled.</summary>
    public List<ClinicianTimeBlock> TimeBlocks { get; } = [];

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>Optimistic concurrency token, renewed on every change (works the same on SQLite and SQL Server).</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>Whether the appointment still holds its clinician's time.</summary>
    public bool HoldsTime => Status is not AppointmentStatus.Cancelled;
}
