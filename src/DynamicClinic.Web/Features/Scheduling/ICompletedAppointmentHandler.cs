using DynamicClinic.Domain.Appointments;

namespace DynamicClinic.Web.Features.Scheduling;

/// <summary>
/// Something that happens when an appointment is marked completed, in the same unit of work as the status change (the
/// booking core saves both or neither): billing drafts the invoice or draws a prepaid session.
/// </summary>
public interface ICompletedAppointmentHandler
{
    Task OnCompletedAsync(Appointment appointment, CancellationToken cancellationToken);
}
