using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.SessionPlans;

namespace DynamicClinic.TestSupport;

/// <summary>
/// Appointments as history records them, for tests that need the past (a completed visit to write a note on, a
/// missed one, last month's diary). They come from <see cref="Appointment.Book"/>, the domain's one way to make an
/// appointment, and reach their status through the status rules. Anything in the future is booked through the
/// application's booking core instead (the integration tests' <c>AppointmentBuilder</c>).
/// </summary>
public static class RecordedAppointments
{
    /// <param name="holdsTime">Keep the time blocks; history usually doesn't (the tests' overlapping past visits would collide).</param>
    public static Appointment Recorded(
        Patient patient,
        int clinicianId,
        int treatmentId,
        DateTime startUtc,
        TimeSpan length,
        AppointmentStatus status = AppointmentStatus.Booked,
        AppointmentSource source = AppointmentSource.Phone,
        DateTime? bookedUtc = null,
        SessionPlan? plan = null,
        int? sessionNumber = null,
        bool holdsTime = false,
        string? mainConcern = null,
        string? message = null,
        string? cancellationReason = null)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var booked = bookedUtc ?? startUtc.AddDays(-3);
        var appointment = Appointment.Book(
            patient,
            new AppointmentDetails(clinicianId, treatmentId, startUtc, startUtc + length, source, mainConcern, message, SessionPlan: plan, SessionNumber: sessionNumber),
            TimeSpan.Zero,
            booked);
        var path = status switch
        {
            AppointmentStatus.Arrived => new[] { AppointmentStatus.Arrived },
            AppointmentStatus.Completed => [AppointmentStatus.Arrived, AppointmentStatus.Completed],
            AppointmentStatus.NoShow => [AppointmentStatus.NoShow],
            AppointmentStatus.Cancelled => [AppointmentStatus.Cancelled],
            _ => [],
        };
        foreach (var next in path)
        {
            var refusal = appointment.ChangeStatus(next, booked, next == AppointmentStatus.Cancelled ? cancellationReason ?? "Cancelled" : null);
            if (refusal is not null)
            {
                throw new InvalidOperationException(refusal);
            }
        }

        if (!holdsTime)
        {
            appointment.TimeBlocks.Clear();
        }

        return appointment;
    }

    /// <summary>For a patient known only by id.</summary>
    public static Patient Known(int patientId) => new() { Id = patientId, FullName = "", PhoneE164 = "" };
}
