using DynamicClinic.Domain.Clinicians;

namespace DynamicClinic.Domain.Scheduling;

/// <summary>A clinician's regular week (clinic wall-clock time) and time off (UTC), as plain data.</summary>
public sealed record ClinicianSchedule(int ClinicianId, IReadOnlyList<WeeklyInterval> WeeklyHours, IReadOnlyList<UtcRange> TimeOff)
{
    /// <summary>Copies a clinician loaded with their <see cref="Clinician.WorkingHours"/> and <see cref="Clinician.TimeOff"/>.</summary>
    public static ClinicianSchedule FromClinician(Clinician clinician)
    {
        ArgumentNullException.ThrowIfNull(clinician);
        return new(
            clinician.Id,
            [.. clinician.WorkingHours.Select(WeeklyInterval.From)],
            [.. clinician.TimeOff.Select(t => new UtcRange(t.StartUtc, t.EndUtc))]);
    }
}
