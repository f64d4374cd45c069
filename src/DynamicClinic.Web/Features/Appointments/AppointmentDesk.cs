using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Appointments;

/// <summary>A phone or walk-in booking as reception submits it, already validated for shape.</summary>
/// <param name="NewPatientConfirmed">Reception was shown the records that match and chose a new one anyway.</param>
public sealed record DeskBookingRequest(
    int? PatientId,
    string? FullName,
    string? PhoneE164,
    string? Email,
    int TreatmentId,
    AppointmentLength Length,
    SlotValue Slot,
    AppointmentSource Source,
    string? Note,
    bool NewPatientConfirmed = false,
    Domain.Patients.PatientLanguage Language = Domain.Patients.PatientLanguage.English);

public enum AppointmentLength
{
    Consultation = 0,
    Session = 1,
}

/// <summary>
/// Reception's changes to the calendar: finds the appointment, holds reception to the version the form showed
/// (optimistic concurrency), and hands the change to the one booking core, <see cref="AppointmentBooking"/>.
/// </summary>
public sealed class AppointmentDesk(ClinicDbContext db, AppointmentBooking booking)
{
    public async Task<Outcome> ChangeStatusAsync(string reference, AppointmentStatus to, Guid version, CancellationToken cancellationToken) =>
        await LoadAsync(reference, version, cancellationToken) switch
        {
            (null, _) => new Outcome.NotFound(),
            (_, false) => new Outcome.Changed(AppointmentBooking.ChangedMessage),
            var (appointment, _) => await booking.ChangeStatusAsync(appointment, to, cancellationToken),
        };

    public async Task<Outcome> CancelAsync(string reference, string reason, bool emailPatient, Guid version, CancellationToken cancellationToken) =>
        await LoadAsync(reference, version, cancellationToken) switch
        {
            (null, _) => new Outcome.NotFound(),
            (_, false) => new Outcome.Changed(AppointmentBooking.ChangedMessage),
            var (appointment, _) => await booking.CancelAsync(appointment, reason, byPatient: false, emailPatient, cancellationToken),
        };

    public Task<Outcome> MoveAsync(string reference, SlotValue wanted, bool emailPatient, Guid version, CancellationToken cancellationToken) =>
        MoveAsync(reference, wanted, emailPatient, v => v == version, cancellationToken);

    /// <summary>
    /// A move dropped on the calendar's grid, which carries the start of the version it showed
    /// (<see cref="Calendar.CalendarGrid.ShortVersion"/>): any change since then makes a new version, so it still tells.
    /// </summary>
    public Task<Outcome> MoveShownAsync(string reference, SlotValue wanted, bool emailPatient, string shownVersion, CancellationToken cancellationToken) =>
        MoveAsync(reference, wanted, emailPatient, v => shownVersion.Length >= 8 && v.ToString("N").StartsWith(shownVersion, StringComparison.OrdinalIgnoreCase), cancellationToken);

    private async Task<Outcome> MoveAsync(string reference, SlotValue wanted, bool emailPatient, Func<Guid, bool> current, CancellationToken cancellationToken)
    {
        var appointment = await FindAsync(reference, cancellationToken);
        if (appointment is null)
        {
            return new Outcome.NotFound();
        }

        if (!current(appointment.Version))
        {
            return new Outcome.Changed(AppointmentBooking.ChangedMessage);
        }

        var slot = new Domain.Scheduling.Slot(wanted.ClinicianId, wanted.StartUtc, wanted.StartUtc + (appointment.EndUtc - appointment.StartUtc));
        return await booking.MoveAsync(appointment, slot, BookingRules.Desk, emailPatient, cancellationToken);
    }

    public async Task<Outcome> BookAsync(DeskBookingRequest request, CancellationToken cancellationToken)
    {
        var treatment = await db.Treatments.AsNoTracking()
            .Where(t => t.Id == request.TreatmentId && t.IsActive)
            .Select(t => new { t.Id, t.ConsultationMinutes, t.SessionMinutes })
            .FirstOrDefaultAsync(cancellationToken);
        if (treatment is null)
        {
            return new Outcome.Refused("Choose a treatment.");
        }

        BookingPatient patient = request.PatientId is { } id
            ? new BookingPatient.Existing(id)
            : new BookingPatient.Details(request.FullName!, request.PhoneE164!, request.Email, JoinSamePerson: false);
        var minutes = request.Length == AppointmentLength.Session ? treatment.SessionMinutes : treatment.ConsultationMinutes;
        return await booking.BookAsync(
            new BookingRequest(
                patient, request.Slot.ClinicianId, treatment.Id, [request.Slot.StartUtc], TimeSpan.FromMinutes(minutes),
                request.Source, BookingRules.Desk, Message: request.Note, Language: request.Language),
            cancellationToken);
    }

    /// <summary>Records on file that are the same person as a new patient reception typed in.</summary>
    public Task<IReadOnlyList<Domain.Patients.Patient>> SamePersonAsync(string fullName, string phoneE164, string? email, CancellationToken cancellationToken) =>
        booking.SamePersonAsync(fullName, phoneE164, email, cancellationToken);

    // The appointment with what messages name, and whether it is still the version the form showed.
    private async Task<(Appointment? Appointment, bool Current)> LoadAsync(string reference, Guid version, CancellationToken cancellationToken)
    {
        var appointment = await FindAsync(reference, cancellationToken);
        return (appointment, appointment?.Version == version);
    }

    private Task<Appointment?> FindAsync(string reference, CancellationToken cancellationToken) =>
        db.Appointments
            .Include(a => a.Patient).Include(a => a.Treatment).Include(a => a.Clinician)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Reference == reference, cancellationToken);
}
