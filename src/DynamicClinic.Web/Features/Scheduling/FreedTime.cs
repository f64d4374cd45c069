namespace DynamicClinic.Web.Features.Scheduling;

/// <summary>
/// Time a clinician has free again: an appointment cancelled or moved away, the rest of a no-show's time, or time off
/// removed. <paramref name="TreatmentId"/> is the freed appointment's treatment (null for time off and a no-show's
/// remainder, which is offered at each waiting treatment's own length).
/// </summary>
public sealed record FreedTime(int ClinicianId, DateTime StartUtc, DateTime EndUtc, int? TreatmentId);

/// <summary>
/// Told after a change that freed time has been saved (the waitlist offers it to the patients who want it). It runs
/// after the change is saved and must not undo it: a failure here is the listener's to log.
/// </summary>
public interface IFreedTimeListener
{
    Task FreedAsync(FreedTime time, CancellationToken cancellationToken);
}
