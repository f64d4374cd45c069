using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Infrastructure.Settings;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Booking;

/// <summary>What a patient asked for when confirming an online booking, already validated for shape.</summary>
public sealed record OnlineBookingRequest(
    BookableTreatment Treatment,
    int ClinicianId,
    DateTime StartUtc,
    string FullName,
    string PhoneE164,
    string? Email,
    string MainConcern,
    string? Message,
    string AttemptSecret);

public abstract record BookingOutcome
{
    /// <summary>The appointment exists (just created, or created by an earlier submit of the same confirmation).</summary>
    public sealed record Booked(int AppointmentId, string Reference, string ManageToken, bool WasRepeat) : BookingOutcome;

    /// <summary>Someone else holds that time now; here are the nearest free times.</summary>
    public sealed record Taken(IReadOnlyList<Slot> Nearest) : BookingOutcome;

    /// <summary>The request cannot be booked as it stands (past, outside hours, unknown clinician...).</summary>
    public sealed record Refused(string Message) : BookingOutcome;
}

/// <summary>
/// Books consultations. The rules are checked against fresh data, but what makes double booking impossible
/// is the time-block primary key (docs/decisions/0003-double-booking.md): the appointment, its blocks,
/// the patient and the confirmation email are saved in one transaction, or none of them is.
/// </summary>
public sealed class BookingService(
    ClinicDbContext db,
    AvailabilityQuery availability,
    BookingNotifications notifications,
    AuditTrail audit,
    ClinicSettingsService settings,
    ILogger<BookingService> logger)
{
    public async Task<BookingOutcome> BookOnlineAsync(OnlineBookingRequest request, Uri siteRoot, CancellationToken cancellationToken = default)
    {
        var idempotencyHash = ManageToken.IdempotencyHashFor(request.AttemptSecret);
        var token = ManageToken.TokenFor(request.AttemptSecret);

        // A repeated confirmation (double click, refresh, back and resubmit) finds the first one's appointment.
        if (await FindRepeatAsync(idempotencyHash, token, cancellationToken) is { } repeat)
        {
            return repeat;
        }

        var offered = await db.Clinicians.AsNoTracking()
            .AnyAsync(c => c.Id == request.ClinicianId && c.IsActive && c.Treatments.Any(t => t.Id == request.Treatment.Id), cancellationToken);
        if (!offered)
        {
            return new BookingOutcome.Refused("That clinician does not offer this treatment online. Please choose a time again.");
        }

        var slot = new Slot(request.ClinicianId, request.StartUtc, request.StartUtc.AddMinutes(request.Treatment.ConsultationMinutes));
        var check = await CheckAsync(slot, null, cancellationToken);
        if (check == SlotCheckResult.Taken)
        {
            return new BookingOutcome.Taken(await NearestAsync(slot, [request.ClinicianId], null, cancellationToken));
        }

        if (check != SlotCheckResult.Ok)
        {
            return new BookingOutcome.Refused(Explain(check));
        }

        var now = availability.UtcNow;
        // A record reception merged away keeps its phone: prefer a record still in use, else follow the merge.
        var matches = await db.Patients
            .Where(p => p.PhoneE164 == request.PhoneE164)
            .OrderBy(p => p.MergedIntoPatientId == null ? 0 : 1).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.MergedIntoPatientId })
            .FirstOrDefaultAsync(cancellationToken);
        var patientId = matches?.MergedIntoPatientId ?? matches?.Id;
        var patient = patientId is null ? null : await db.Patients.FirstOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (patient is null)
        {
            patient = new Patient { FullName = request.FullName, PhoneE164 = request.PhoneE164, Email = request.Email, CreatedUtc = now, UpdatedUtc = now };
            db.Patients.Add(patient);
        }
        else if (patient.Email is null && request.Email is not null)
        {
            // Reuse the record without changing what reception knows; only fill a missing email.
            patient.Email = request.Email;
            patient.UpdatedUtc = now;
            patient.Version = Guid.NewGuid();
        }

        var appointment = new Appointment
        {
            Reference = BookingReference.New(),
            Patient = patient,
            ClinicianId = slot.ClinicianId,
            TreatmentId = request.Treatment.Id,
            StartUtc = slot.StartUtc,
            EndUtc = slot.EndUtc,
            Status = AppointmentStatus.Booked,
            Source = AppointmentSource.Online,
            MainConcern = request.MainConcern,
            PatientMessage = request.Message,
            ManageTokenHash = ManageToken.Hash(token),
            IdempotencyKeyHash = idempotencyHash,
            CreatedUtc = now,
            UpdatedUtc = now,
        };
        appointment.TimeBlocks.AddRange(ClinicianTimeBlock.For(slot.ClinicianId, 0, slot.StartUtc, slot.EndUtc, Buffer));
        db.Appointments.Add(appointment);
        audit.Record(
            AuditActions.AppointmentBooked,
            AuditEntityTypes.Appointment,
            appointment.Reference,
            patient,
            $"Booked online: {appointment.Reference}",
            after: new { appointment.Reference, appointment.ClinicianId, appointment.TreatmentId, appointment.StartUtc, Source = appointment.Source.ToString() });
        var clinicianName = await db.Clinicians.Where(c => c.Id == slot.ClinicianId).Select(c => c.DisplayName).FirstAsync(cancellationToken);
        notifications.QueueConfirmed(
            appointment,
            new BookingNotifications.Names(request.FullName, request.Email, request.Treatment.Name, clinicianName),
            new Uri(siteRoot, ManageBookingController.LinkFor(appointment.Reference, token)).AbsoluteUri);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception))
        {
            // Nothing was saved. Either this same confirmation won a moment ago, or another patient took the time.
            db.ChangeTracker.Clear();
            if (await FindRepeatAsync(idempotencyHash, token, cancellationToken) is { } raced)
            {
                return raced;
            }

            logger.LogInformation("Online booking lost a race for clinician {ClinicianId} at {StartUtc:o}", slot.ClinicianId, slot.StartUtc);
            return new BookingOutcome.Taken(await NearestAsync(slot, [request.ClinicianId], null, cancellationToken));
        }

        notifications.WakeSender();
        logger.LogInformation("Online booking {AppointmentId} created for clinician {ClinicianId}", appointment.Id, appointment.ClinicianId);
        return new BookingOutcome.Booked(appointment.Id, appointment.Reference, token, WasRepeat: false);
    }

    public TimeSpan Buffer => settings.AvailabilityRules.Buffer;

    /// <summary>Checks a slot against fresh data; <paramref name="movingAppointmentId"/> does not count against itself.</summary>
    public async Task<SlotCheckResult> CheckAsync(Slot slot, int? movingAppointmentId, CancellationToken cancellationToken)
    {
        if (!ClinicianTimeBlock.IsOnGrid(slot.StartUtc) || !ClinicianTimeBlock.IsOnGrid(slot.EndUtc))
        {
            return SlotCheckResult.NotOnStep;
        }

        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(slot.StartUtc, availability.Calculator.ClinicTimeZone));
        var data = await availability.LoadAsync([slot.ClinicianId], day, day, movingAppointmentId, cancellationToken);
        return availability.Calculator.Check(data, slot, availability.UtcNow);
    }

    /// <summary>The free times nearest a wanted one, within three days either side, for the given clinicians.</summary>
    public async Task<IReadOnlyList<Slot>> NearestAsync(Slot wanted, IReadOnlyCollection<int> clinicianIds, int? movingAppointmentId, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(wanted.StartUtc, availability.Calculator.ClinicTimeZone));
        var from = day.AddDays(-3) < availability.Today ? availability.Today : day.AddDays(-3);
        var to = day.AddDays(3);
        var data = await availability.LoadAsync(clinicianIds, from, to, movingAppointmentId, cancellationToken);
        return availability.Calculator.FindNearestSlots(data, from, to, wanted.EndUtc - wanted.StartUtc, availability.UtcNow, wanted.StartUtc, 6);
    }

    public static string Explain(SlotCheckResult result) => result switch
    {
        SlotCheckResult.InPast => "That time has already passed. Please choose another.",
        SlotCheckResult.TooSoon => "That time is too soon to book online. Please choose a later time, or call the clinic.",
        SlotCheckResult.BeyondHorizon => "That date is too far ahead to book online yet. Please choose an earlier date.",
        SlotCheckResult.ClinicClosed => "The clinic is closed that day. Please choose another date.",
        SlotCheckResult.OutsideWorkingHours or SlotCheckResult.NotOnStep => "That time is not one the clinician offers. Please choose one of the times shown.",
        SlotCheckResult.TimeOff => "The clinician is away at that time. Please choose another time.",
        SlotCheckResult.Taken => "That time was just taken. Please choose another.",
        _ => "That time can't be booked. Please choose another.",
    };

    private async Task<BookingOutcome.Booked?> FindRepeatAsync(string idempotencyHash, string token, CancellationToken cancellationToken)
    {
        var existing = await db.Appointments.AsNoTracking()
            .Where(a => a.IdempotencyKeyHash == idempotencyHash)
            .Select(a => new { a.Id, a.Reference })
            .FirstOrDefaultAsync(cancellationToken);
        return existing is null ? null : new BookingOutcome.Booked(existing.Id, existing.Reference, token, WasRepeat: true);
    }
}
