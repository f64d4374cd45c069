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

    /// <summary>The session plan this appointment is a session of, if any, and which session (from 1).</summary>
    public int? SessionPlanId { get; set; }

    public int? SessionNumber { get; set; }

    /// <summary>The time blocks this appointment holds while it is not cancelled.</summary>
    public List<ClinicianTimeBlock> TimeBlocks { get; } = [];

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>Optimistic concurrency token, renewed on every change (works the same on SQLite and SQL Server).</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>Whether the appointment still holds its clinician's time.</summary>
    public bool HoldsTime => Status is not AppointmentStatus.Cancelled;

    /// <summary>
    /// Moves the appointment to another time and/or clinician, taking the new time blocks and giving up the old
    /// ones in the same unit of work. The current blocks must be loaded. Blocks the old and new times share are
    /// kept rather than removed and re-added (the same key cannot be both in one save).
    /// </summary>
    public void MoveTo(int clinicianId, DateTime startUtc, DateTime endUtc, TimeSpan bufferAfter, DateTime nowUtc)
    {
        if (!HoldsTime)
        {
            throw new InvalidOperationException("A cancelled appointment cannot be moved.");
        }

        var wanted = ClinicianTimeBlock.For(clinicianId, Id, startUtc, endUtc, bufferAfter).ToList();
        var keep = ClinicianId == clinicianId ? wanted.Select(b => b.StartUtc).ToHashSet() : [];
        TimeBlocks.RemoveAll(b => !keep.Contains(b.StartUtc));
        var held = TimeBlocks.Select(b => b.StartUtc).ToHashSet();
        TimeBlocks.AddRange(wanted.Where(b => !held.Contains(b.StartUtc)));

        ClinicianId = clinicianId;
        StartUtc = startUtc;
        EndUtc = endUtc;
        ReminderQueuedUtc = null;
        Touch(nowUtc);
    }

    /// <summary>Changes the status if the rules allow it; returns the refusal otherwise and changes nothing.</summary>
    public string? ChangeStatus(AppointmentStatus to, DateTime nowUtc, string? cancellationReason = null)
    {
        if (AppointmentStatusRules.Refusal(Status, to) is { } refusal)
        {
            return refusal;
        }

        Status = to;
        if (to == AppointmentStatus.Cancelled)
        {
            // A cancelled appointment gives its time back (the blocks must be loaded to be removed).
            CancellationReason = cancellationReason;
            TimeBlocks.Clear();
        }

        Touch(nowUtc);
        return null;
    }

    private void Touch(DateTime nowUtc)
    {
        UpdatedUtc = nowUtc;
        Version = Guid.NewGuid();
    }
}
