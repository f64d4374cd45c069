using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Web.Features.Booking;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Appointments;

/// <summary>What came of a reception action. Nothing is saved unless the outcome is <see cref="Done"/>.</summary>
public abstract record DeskOutcome
{
    public sealed record Done(string Reference, string Message) : DeskOutcome;

    /// <summary>The rules refuse it (a status that cannot follow, a time outside hours...).</summary>
    public sealed record Refused(string Message) : DeskOutcome;

    /// <summary>Someone else changed the appointment since the form was shown; here it is as it stands.</summary>
    public sealed record Changed(string Message) : DeskOutcome;

    /// <summary>The time is taken; the nearest free ones with the same clinician.</summary>
    public sealed record Taken(string Message, IReadOnlyList<Slot> Nearest) : DeskOutcome;

    public sealed record NotFound : DeskOutcome;
}

/// <summary>A phone or walk-in booking as reception submits it, already validated for shape.</summary>
public sealed record DeskBookingRequest(
    int? PatientId,
    string? FullName,
    string? PhoneE164,
    string? Email,
    int TreatmentId,
    AppointmentLength Length,
    SlotValue Slot,
    AppointmentSource Source,
    string? Note);

public enum AppointmentLength
{
    Consultation = 0,
    Session = 1,
}

/// <summary>
/// Reception's changes to the calendar. Each one is a single save holding the change, its audit entry and any
/// email to the patient; the posted version must match the stored one (optimistic concurrency), and times are
/// re-checked against fresh data, with the time-block key as the last word on double booking.
/// </summary>
public sealed class AppointmentDesk(
    ClinicDbContext db,
    ReceptionScheduling scheduling,
    BookingNotifications notifications,
    AuditTrail audit,
    ILogger<AppointmentDesk> logger)
{
    private const string ChangedMessage = "Someone else changed this appointment a moment ago, so your change was not saved. Here it is as it stands now.";

    public async Task<DeskOutcome> ChangeStatusAsync(string reference, AppointmentStatus to, Guid version, CancellationToken cancellationToken)
    {
        if (to == AppointmentStatus.Cancelled)
        {
            return new DeskOutcome.Refused("Cancel with a reason, using the cancel form.");
        }

        var appointment = await LoadAsync(reference, withBlocks: false, cancellationToken);
        if (appointment is null)
        {
            return new DeskOutcome.NotFound();
        }

        if (appointment.Version != version)
        {
            return new DeskOutcome.Changed(ChangedMessage);
        }

        var today = scheduling.Today;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(appointment.StartUtc, scheduling.Calculator.ClinicTimeZone));
        var before = appointment.Status;
        var refusal = AppointmentStatusRules.Refusal(before, to)
            ?? AppointmentStatusRules.TimingRefusal(to, day, today, appointment.StartUtc <= scheduling.UtcNow)
            ?? appointment.ChangeStatus(to, scheduling.UtcNow);
        if (refusal is not null)
        {
            return new DeskOutcome.Refused(refusal);
        }

        audit.Record(
            AuditActions.AppointmentStatusChanged,
            AuditEntityTypes.Appointment,
            appointment.Reference,
            appointment.PatientId,
            $"{appointment.Reference} marked {AppointmentStatusRules.Describe(to)}",
            new { Status = before.ToString() },
            new { Status = to.ToString() });
        return await SaveAsync(appointment, $"Marked {AppointmentStatusRules.Describe(to)}.", cancellationToken);
    }

    public async Task<DeskOutcome> CancelAsync(string reference, string reason, bool emailPatient, Guid version, CancellationToken cancellationToken)
    {
        var appointment = await LoadAsync(reference, withBlocks: true, cancellationToken);
        if (appointment is null)
        {
            return new DeskOutcome.NotFound();
        }

        if (appointment.Version != version)
        {
            return new DeskOutcome.Changed(ChangedMessage);
        }

        var before = appointment.Status;
        if (appointment.ChangeStatus(AppointmentStatus.Cancelled, scheduling.UtcNow, reason) is { } refusal)
        {
            return new DeskOutcome.Refused(refusal);
        }

        audit.Record(
            AuditActions.AppointmentCancelled,
            AuditEntityTypes.Appointment,
            appointment.Reference,
            appointment.PatientId,
            $"{appointment.Reference} cancelled by reception",
            new { Status = before.ToString() },
            new { Status = appointment.Status.ToString(), Reason = reason });
        if (emailPatient)
        {
            notifications.QueueCancelled(appointment, NamesOf(appointment));
        }

        return await SaveAsync(appointment, "Cancelled. The time is free again.", cancellationToken);
    }

    public async Task<DeskOutcome> MoveAsync(string reference, SlotValue wanted, bool emailPatient, Guid version, CancellationToken cancellationToken)
    {
        var appointment = await LoadAsync(reference, withBlocks: true, cancellationToken);
        if (appointment is null)
        {
            return new DeskOutcome.NotFound();
        }

        if (appointment.Version != version)
        {
            return new DeskOutcome.Changed(ChangedMessage);
        }

        if (!appointment.HoldsTime || AppointmentStatusRules.IsFinal(appointment.Status))
        {
            return new DeskOutcome.Refused($"The appointment is {AppointmentStatusRules.Describe(appointment.Status)}, so it cannot be moved. Book a new appointment instead.");
        }

        if (!await OffersAsync(wanted.ClinicianId, appointment.TreatmentId, cancellationToken))
        {
            return new DeskOutcome.Refused("That clinician does not offer this treatment.");
        }

        var slot = new Slot(wanted.ClinicianId, wanted.StartUtc, wanted.StartUtc + (appointment.EndUtc - appointment.StartUtc));
        if (slot.ClinicianId == appointment.ClinicianId && slot.StartUtc == appointment.StartUtc)
        {
            return new DeskOutcome.Refused("That is the time the appointment already has.");
        }

        if (await RefuseTimeAsync(slot, appointment.Id, cancellationToken) is { } refused)
        {
            return refused;
        }

        var previous = new { appointment.ClinicianId, appointment.StartUtc };
        appointment.MoveTo(slot.ClinicianId, slot.StartUtc, slot.EndUtc, scheduling.Buffer, scheduling.UtcNow);
        audit.Record(
            AuditActions.AppointmentMoved,
            AuditEntityTypes.Appointment,
            appointment.Reference,
            appointment.PatientId,
            $"{appointment.Reference} moved by reception",
            previous,
            new { appointment.ClinicianId, appointment.StartUtc });
        if (emailPatient)
        {
            // The clinician may have changed: name the new one in the email.
            var names = NamesOf(appointment) with
            {
                Clinician = await db.Clinicians.Where(c => c.Id == slot.ClinicianId).Select(c => c.DisplayName).FirstAsync(cancellationToken),
            };
            notifications.QueueRescheduled(appointment, names, manageUrl: null, previous.StartUtc);
        }

        return await SaveAsync(appointment, "Moved.", cancellationToken, slot);
    }

    public async Task<DeskOutcome> BookAsync(DeskBookingRequest request, Func<string, string, string> manageLink, CancellationToken cancellationToken)
    {
        var treatment = await db.Treatments.AsNoTracking()
            .Where(t => t.Id == request.TreatmentId && t.IsActive)
            .Select(t => new { t.Id, t.Name, t.ConsultationMinutes, t.SessionMinutes })
            .FirstOrDefaultAsync(cancellationToken);
        if (treatment is null)
        {
            return new DeskOutcome.Refused("Choose a treatment.");
        }

        if (!await OffersAsync(request.Slot.ClinicianId, treatment.Id, cancellationToken))
        {
            return new DeskOutcome.Refused("That clinician does not offer this treatment.");
        }

        var minutes = request.Length == AppointmentLength.Session ? treatment.SessionMinutes : treatment.ConsultationMinutes;
        var slot = new Slot(request.Slot.ClinicianId, request.Slot.StartUtc, request.Slot.StartUtc.AddMinutes(minutes));
        if (await RefuseTimeAsync(slot, null, cancellationToken) is { } refused)
        {
            return refused;
        }

        var now = scheduling.UtcNow;
        Patient? patient;
        if (request.PatientId is { } patientId)
        {
            patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == patientId && p.MergedIntoPatientId == null && p.AnonymisedUtc == null, cancellationToken);
            if (patient is null)
            {
                return new DeskOutcome.Refused("That patient record no longer exists. Search for the patient again.");
            }
        }
        else
        {
            patient = new Patient { FullName = request.FullName!, PhoneE164 = request.PhoneE164!, Email = request.Email, CreatedUtc = now, UpdatedUtc = now };
            db.Patients.Add(patient);
        }

        // Reception's bookings get a manage link too when the patient has an email: the same secret scheme as online.
        var secret = ManageToken.NewAttemptSecret();
        var token = ManageToken.TokenFor(secret);
        var appointment = new Appointment
        {
            Reference = BookingReference.New(),
            Patient = patient,
            ClinicianId = slot.ClinicianId,
            TreatmentId = treatment.Id,
            StartUtc = slot.StartUtc,
            EndUtc = slot.EndUtc,
            Status = AppointmentStatus.Booked,
            Source = request.Source,
            PatientMessage = request.Note,
            ManageTokenHash = ManageToken.Hash(token),
            CreatedUtc = now,
            UpdatedUtc = now,
        };
        appointment.TimeBlocks.AddRange(ClinicianTimeBlock.For(slot.ClinicianId, 0, slot.StartUtc, slot.EndUtc, scheduling.Buffer));
        db.Appointments.Add(appointment);
        audit.Record(
            AuditActions.AppointmentBooked,
            AuditEntityTypes.Appointment,
            appointment.Reference,
            patient,
            $"{appointment.Reference} booked by reception ({(request.Source == AppointmentSource.WalkIn ? "walk-in" : "phone")})",
            after: new
            {
                appointment.Reference,
                appointment.ClinicianId,
                appointment.TreatmentId,
                appointment.StartUtc,
                Source = appointment.Source.ToString(),
                NewPatient = request.PatientId is null,
            });

        var clinicianName = await db.Clinicians.Where(c => c.Id == slot.ClinicianId).Select(c => c.DisplayName).FirstAsync(cancellationToken);
        notifications.QueueConfirmed(
            appointment,
            new BookingNotifications.Names(patient.FullName, patient.Email, treatment.Name, clinicianName),
            manageLink(appointment.Reference, token));

        return await SaveAsync(appointment, "Booked.", cancellationToken, slot);
    }

    private async Task<DeskOutcome?> RefuseTimeAsync(Slot slot, int? movingAppointmentId, CancellationToken cancellationToken)
    {
        var check = await scheduling.CheckAsync(slot, movingAppointmentId, cancellationToken);
        if (check == SlotCheckResult.Taken)
        {
            return new DeskOutcome.Taken(ReceptionScheduling.Explain(check), await scheduling.NearestAsync(slot, movingAppointmentId, cancellationToken));
        }

        return check == SlotCheckResult.Ok ? null : new DeskOutcome.Refused(ReceptionScheduling.Explain(check));
    }

    private Task<bool> OffersAsync(int clinicianId, int treatmentId, CancellationToken cancellationToken) =>
        db.Clinicians.AsNoTracking().AnyAsync(c => c.Id == clinicianId && c.IsActive && c.Treatments.Any(t => t.Id == treatmentId), cancellationToken);

    private async Task<Appointment?> LoadAsync(string reference, bool withBlocks, CancellationToken cancellationToken)
    {
        var query = db.Appointments.Include(a => a.Patient).Include(a => a.Treatment).Include(a => a.Clinician).AsQueryable();
        if (withBlocks)
        {
            query = query.Include(a => a.TimeBlocks);
        }

        return await query.AsSplitQuery().FirstOrDefaultAsync(a => a.Reference == reference, cancellationToken);
    }

    private async Task<DeskOutcome> SaveAsync(Appointment appointment, string message, CancellationToken cancellationToken, Slot? taking = null)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new DeskOutcome.Changed(ChangedMessage);
        }
        catch (DbUpdateException exception) when (taking is { } slot && DbErrors.IsUniqueViolation(exception))
        {
            // Another booking took the time between the check and the save: nothing of this one was saved.
            db.ChangeTracker.Clear();
            logger.LogInformation("Reception lost a race for clinician {ClinicianId} at {StartUtc:o}", slot.ClinicianId, slot.StartUtc);
            return new DeskOutcome.Taken(ReceptionScheduling.Explain(SlotCheckResult.Taken), await scheduling.NearestAsync(slot, appointment.Id == 0 ? null : appointment.Id, cancellationToken));
        }

        notifications.WakeSender();
        logger.LogInformation("Appointment {AppointmentId} changed by reception: {Change}", appointment.Id, message);
        return new DeskOutcome.Done(appointment.Reference, message);
    }

    private static BookingNotifications.Names NamesOf(Appointment appointment) =>
        new(appointment.Patient!.FullName, appointment.Patient.Email, appointment.Treatment!.Name, appointment.Clinician!.DisplayName);
}
