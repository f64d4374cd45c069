namespace DynamicClinic.Domain.Scheduling;

/// <summary>A bookable time with one clinician, [StartUtc, EndUtc) in UTC.</summary>
public readonly record struct Slot(int ClinicianId, DateTime StartUtc, DateTime EndUtc);
