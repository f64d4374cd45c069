using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Infrastructure.Email;

/// <summary>The clinic as it appears in emails: who, where, how to call, and the time zone every time is shown in.</summary>
public sealed record ClinicContact(string Name, string Address, string Phone, string Email, TimeZoneInfo TimeZone)
{
    public static ClinicContact From(IOptions<ClinicOptions> options, ClinicClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        var clinic = options.Value;
        return new ClinicContact(clinic.Name, clinic.Address, clinic.Phone, clinic.Email, clock.TimeZone);
    }
}

/// <summary>
/// What a booking email says about one appointment. Deliberately has no main concern or patient message: emails
/// pass through other people's servers and sit in inboxes, so nothing clinical goes in them.
/// </summary>
/// <param name="ManageUrl">The patient's personal link to change or cancel, when the caller has the secret (only right after booking).</param>
/// <param name="Sequence">The calendar entry's version: see <see cref="CalendarSequence"/>.</param>
/// <param name="Language">The appointment's language: the email is written in it.</param>
public sealed record BookingEmailModel(
    int AppointmentId,
    string Reference,
    string PatientName,
    string PatientEmail,
    string TreatmentName,
    string ClinicianName,
    DateTime StartUtc,
    DateTime EndUtc,
    ClinicContact Clinic,
    string? ManageUrl = null,
    int Sequence = 0,
    PatientLanguage Language = PatientLanguage.English)
{
    /// <summary>From an appointment loaded with its Patient, Treatment and Clinician.</summary>
    public static BookingEmailModel From(Appointment appointment, ClinicContact clinic, string? manageUrl = null)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        var patient = appointment.Patient ?? throw new ArgumentException("Load the appointment's Patient.", nameof(appointment));
        var treatment = appointment.Treatment ?? throw new ArgumentException("Load the appointment's Treatment.", nameof(appointment));
        var clinician = appointment.Clinician ?? throw new ArgumentException("Load the appointment's Clinician.", nameof(appointment));
        if (string.IsNullOrWhiteSpace(patient.Email))
        {
            throw new ArgumentException("The patient has no email address.", nameof(appointment));
        }

        return new BookingEmailModel(
            appointment.Id,
            appointment.Reference,
            patient.FullName,
            patient.Email,
            treatment.Name,
            clinician.DisplayName,
            appointment.StartUtc,
            appointment.EndUtc,
            clinic,
            manageUrl,
            CalendarSequence(appointment),
            appointment.Language);
    }

    /// <summary>The calendar entry's version as the appointment stands (see <see cref="Appointment.CalendarSequence"/>).</summary>
    public static int CalendarSequence(Appointment appointment)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        return appointment.CalendarSequence;
    }
}
