using DynamicClinic.Web.Features.Scheduling;

namespace DynamicClinic.Web.Features.Booking;



public sealed record BookingStartViewModel(
    IReadOnlyList<BookableTreatment> Treatments,
    BookableTreatment? Treatment,
    IReadOnlyList<ClinicianProfile> Clinicians,
    string Clinician,
    string? Error);

public sealed record BookingTimeViewModel(
    BookableTreatment Treatment,
    string Clinician,
    string ClinicianLabel,
    IReadOnlyList<DateOption> Dates,
    DateOnly? Date,
    string? DateLabel,
    IReadOnlyList<TimeOption> Times,
    TimeOption? FirstAvailable,
    DateOnly? NextFrom,
    string? Error);

/// <summary>The details and review steps: the form plus a readable summary of the chosen time.</summary>
public sealed record BookingDetailsViewModel(
    PatientDetailsForm Form,
    BookableTreatment Treatment,
    string ClinicianName,
    string WhenLabel,
    IReadOnlyList<TimeOption> Alternatives,
    string? Problem);
