namespace DynamicClinic.Domain.Scheduling;

/// <summary>
/// What the database says about the clinicians being searched, loaded once per request and passed to each
/// <see cref="AvailabilityCalculator"/> call. <see cref="Busy"/> must hold every appointment that still holds
/// time and overlaps <see cref="AvailabilityCalculator.LoadWindowUtc"/> for the dates asked about; extra ones
/// (other dates, other clinicians) are harmless. <see cref="Closures"/> are whole clinic-local dates.
/// <see cref="RoomBusy"/>: when the treatment needs a room, the times other appointments hold that room over the same
/// window; a slot must miss them (with the buffer) whichever clinician it is with.
/// </summary>
public sealed record AvailabilityData(
    IReadOnlyList<ClinicianSchedule> Clinicians,
    IReadOnlyList<BusyTime> Busy,
    IReadOnlySet<DateOnly> Closures,
    IReadOnlyList<UtcRange>? RoomBusy = null);
