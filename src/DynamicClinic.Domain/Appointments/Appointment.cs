using DynamicClinic.Domain.Patients;

namespace DynamicClinic.Domain.Appointments;

/// <summary>
/// A patient's time with a clinician. Times are stored in UTC and shown in clinic time. An appointment comes into
/// being only through <see cref="Book"/>, and its time, clinician and status change only through
/// <see cref="MoveTo"/> and <see cref="ChangeStatus"/>: each keeps the time blocks that guard against double
/// booking in step with the times. Saving goes through the application's one booking service.
/// </summary>
public class Appointment
{
    public const int ReferenceMaxLength = 12;
    public const int MessageMaxLength = 1000;
    public const int CancellationReasonMaxLength = 300;

    public int Id { get; set; }

    /// <summary>Short reference the patient quotes, e.g. <c>DC-7K3M9Q</c>.</summary>
    public string Reference { get; private set; } = "";

    public int PatientId { get; set; }

    public Patient? Patient { get; set; }

    public int ClinicianId { get; private set; }

    public Clinicians.Clinician? Clinician { get; set; }

    public int TreatmentId { get; private set; }

    public Treatments.Treatment? Treatment { get; set; }

    public DateTime StartUtc { get; private set; }

    public DateTime EndUtc { get; private set; }

    public AppointmentStatus Status { get; private set; } = AppointmentStatus.Booked;

    public AppointmentSource Source { get; private set; }

    /// <summary>The patient's main concern, chosen from a short list when booking.</summary>
    public string? MainConcern { get; set; }

    /// <summary>Optional message from the patient. Patient-written text: never logged.</summary>
    public string? PatientMessage { get; set; }

    public string? CancellationReason { get; set; }

    /// <summary>The language the appointment was booked in: its emails, reminders and texts are written in it.</summary>
    public PatientLanguage Language { get; private set; } = PatientLanguage.English;

    /// <summary>
    /// SHA-256 hashes of the secrets in the patient's manage links: every message about the appointment carries a
    /// fresh one, each valid until the appointment is over. The secrets themselves are never stored.
    /// </summary>
    public List<AppointmentManageToken> ManageTokens { get; } = [];

    /// <summary>
    /// SHA-256 of the booking attempt that created this appointment online: a second submit of the same
    /// confirmation finds this appointment instead of creating another.
    /// </summary>
    public string? IdempotencyKeyHash { get; private set; }

    /// <summary>When the day-before reminder was put in the outbox; set once, so it is sent once.</summary>
    public DateTime? ReminderQueuedUtc { get; set; }

    /// <summary>When the patient confirmed by replying to the reminder; the calendar shows "confirmed by patient".</summary>
    public DateTime? PatientConfirmedUtc { get; set; }

    /// <summary>The session plan this appointment is a session of, if any, and which session (from 1).</summary>
    public int? SessionPlanId { get; private set; }

    public int? SessionNumber { get; private set; }

    /// <summary>The time blocks this appointment holds while it is not cancelled.</summary>
    public List<ClinicianTimeBlock> TimeBlocks { get; } = [];

    /// <summary>The room this appointment holds (its treatment's, when booked), if any.</summary>
    public int? RoomId { get; private set; }

    /// <summary>The room's time blocks this appointment holds while it is not cancelled.</summary>
    public List<Rooms.RoomTimeBlock> RoomBlocks { get; } = [];

    public DateTime CreatedUtc { get; private set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>
    /// The calendar entry's SEQUENCE (RFC 5545): 0 as booked, one more at each move or cancellation, so a patient's
    /// calendar app applies every later email (and the pages' download) to the same entry.
    /// </summary>
    public int CalendarSequence { get; private set; }

    /// <summary>Optimistic concurrency token, renewed on every change (works the same on SQLite and SQL Server).</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    // For EF Core: everything else books through Book.
    private Appointment()
    {
    }

    /// <summary>
    /// The one way an appointment comes into being: booked, holding the time blocks from its start to its end plus
    /// the buffer. <paramref name="patient"/> may be a record not saved yet (it is saved with the appointment) or
    /// one that exists (only its id is used, so a record read without tracking is never inserted again).
    /// </summary>
    public static Appointment Book(Patient patient, AppointmentDetails details, TimeSpan bufferAfter, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(details);
        if (details.StartUtc.Kind == DateTimeKind.Local || details.EndUtc <= details.StartUtc)
        {
            throw new ArgumentException("An appointment starts before it ends, in UTC.", nameof(details));
        }

        var appointment = new Appointment
        {
            Reference = BookingReference.New(),
            ClinicianId = details.ClinicianId,
            TreatmentId = details.TreatmentId,
            StartUtc = DateTime.SpecifyKind(details.StartUtc, DateTimeKind.Utc),
            EndUtc = DateTime.SpecifyKind(details.EndUtc, DateTimeKind.Utc),
            Status = AppointmentStatus.Booked,
            Source = details.Source,
            MainConcern = details.MainConcern,
            PatientMessage = details.PatientMessage,
            IdempotencyKeyHash = details.IdempotencyKeyHash,
            SessionPlanId = details.SessionPlan is { Id: > 0 } saved ? saved.Id : null,
            SessionPlan = details.SessionPlan is { Id: 0 } unsaved ? unsaved : null,
            SessionNumber = details.SessionNumber,
            RoomId = details.RoomId,
            Language = details.Language ?? patient.PreferredLanguage ?? PatientLanguage.English,
            CreatedUtc = nowUtc,
            UpdatedUtc = nowUtc,
        };
        if (patient.Id > 0)
        {
            appointment.PatientId = patient.Id;
        }
        else
        {
            appointment.Patient = patient;
        }

        appointment.TimeBlocks.AddRange(ClinicianTimeBlock.For(details.ClinicianId, 0, appointment.StartUtc, appointment.EndUtc, bufferAfter));
        if (details.RoomId is { } roomId)
        {
            appointment.RoomBlocks.AddRange(Rooms.RoomTimeBlock.For(roomId, 0, appointment.StartUtc, appointment.EndUtc, bufferAfter));
        }

        return appointment;
    }

    /// <summary>A plan not saved yet, so that the plan and its sessions go in one save.</summary>
    public SessionPlans.SessionPlan? SessionPlan { get; private set; }

    /// <summary>A fresh secret for a manage link; its hash is kept, the secret goes into one message.</summary>
    public string IssueManageToken(DateTime nowUtc)
    {
        var token = AppointmentManageToken.NewSecret();
        ManageTokens.Add(new AppointmentManageToken { TokenHash = AppointmentManageToken.Hash(token), CreatedUtc = nowUtc });
        return token;
    }

    /// <summary>Whether a presented manage-link secret is one of this appointment's, and the appointment not yet over.</summary>
    public bool AcceptsManageToken(string? token, DateTime nowUtc) =>
        nowUtc < EndUtc && ManageTokens.Any(t => AppointmentManageToken.Matches(token, t.TokenHash));

    /// <summary>Forgets every manage link (the patient asked to be forgotten).</summary>
    public void RevokeManageTokens() => ManageTokens.Clear();

    /// <summary>
    /// Whether the appointment still holds its clinician's (and room's) time. A no-show gives it back like a
    /// cancellation: it is marked only after the start, so only the remainder is of use to anyone, and time already
    /// past can never be booked (ADR 0003).
    /// </summary>
    public bool HoldsTime => Status is not (AppointmentStatus.Cancelled or AppointmentStatus.NoShow);

    /// <summary>
    /// Moves the appointment to another time and/or clinician, taking the new time blocks and giving up the old
    /// ones in the same unit of work, for the clinician and the room alike. The current blocks must be loaded. Blocks
    /// the old and new times share are kept rather than removed and re-added (the same key cannot be both in one save).
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

        if (RoomId is { } roomId)
        {
            // The appointment keeps its room: only the room's times change.
            var wantedRoom = Rooms.RoomTimeBlock.For(roomId, Id, startUtc, endUtc, bufferAfter).ToList();
            var keepRoom = wantedRoom.Select(b => b.StartUtc).ToHashSet();
            RoomBlocks.RemoveAll(b => !keepRoom.Contains(b.StartUtc));
            var heldRoom = RoomBlocks.Select(b => b.StartUtc).ToHashSet();
            RoomBlocks.AddRange(wantedRoom.Where(b => !heldRoom.Contains(b.StartUtc)));
        }

        ClinicianId = clinicianId;
        StartUtc = startUtc;
        EndUtc = endUtc;
        ReminderQueuedUtc = null;
        CalendarSequence++;
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
            CancellationReason = cancellationReason;
            CalendarSequence++;
        }

        if (!HoldsTime)
        {
            // A cancelled appointment or a no-show gives its time back (the blocks must be loaded to be removed).
            TimeBlocks.Clear();
            RoomBlocks.Clear();
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
