using DynamicClinic.Domain.SessionPlans;

namespace DynamicClinic.Domain.Appointments;

/// <summary>What an appointment is for, as <see cref="Appointment.Book"/> takes it.</summary>
/// <param name="IdempotencyKeyHash">For an online booking: recognises a second submit of the same confirmation.</param>
/// <param name="Language">The language it was booked in; the patient's preferred language (else English) when not given.</param>
/// <param name="RoomId">The room the treatment needs, if any: the appointment holds its time too.</param>
/// <param name="SessionPlan">The plan this is a session of (saved or not yet), with <paramref name="SessionNumber"/> from 1.</param>
public sealed record AppointmentDetails(
    int ClinicianId,
    int TreatmentId,
    DateTime StartUtc,
    DateTime EndUtc,
    AppointmentSource Source,
    string? MainConcern = null,
    string? PatientMessage = null,
    string? IdempotencyKeyHash = null,
    SessionPlan? SessionPlan = null,
    int? SessionNumber = null,
    int? RoomId = null,
    DynamicClinic.Domain.Patients.PatientLanguage? Language = null);
