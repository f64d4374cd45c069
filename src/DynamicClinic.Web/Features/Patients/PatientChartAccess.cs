using System.Security.Claims;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Patients;

/// <summary>
/// Decides how much of a patient's chart a member of staff sees (<see cref="ChartAccessRules"/>) and records the reason a
/// clinician gives to open a chart of a patient they do not treat. The reason lives in the audit trail only: the grant
/// is "an entry by this clinician for this patient in the last 12 hours", so there is no second record to keep in step.
/// </summary>
public sealed class PatientChartAccess(ClinicDbContext db, AuditTrail audit, ClinicClock clock)
{
    public async Task<ChartAccess> ForAsync(int patientId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var isAdmin = user.IsInRole(StaffRoles.Admin);
        var isClinician = user.IsInRole(StaffRoles.Clinician);
        if (isAdmin || !isClinician)
        {
            return ChartAccessRules.Decide(isAdmin, isClinician, treats: false, gaveReason: false);
        }

        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var now = clock.UtcNow;
        var until = ChartAccessRules.TreatingUntilUtc(now);
        var treats = await db.Appointments.AsNoTracking().AnyAsync(
            a => a.PatientId == patientId && a.Status != AppointmentStatus.Cancelled && a.StartUtc < until && a.Clinician!.StaffUserId == userId,
            cancellationToken);
        var since = ChartAccessRules.ReasonsSinceUtc(now);
        var gaveReason = !treats && await db.AuditEntries.AsNoTracking().AnyAsync(
            e => e.PatientId == patientId && e.Action == AuditActions.ChartOpenedWithReason && e.ActorUserId == userId && e.OccurredUtc >= since,
            cancellationToken);
        return ChartAccessRules.Decide(isAdmin, isClinician, treats, gaveReason);
    }

    /// <summary>The patient's name for the reason page; null when there is no such patient.</summary>
    public Task<string?> NameAsync(int patientId, CancellationToken cancellationToken) =>
        db.Patients.AsNoTracking().Where(p => p.Id == patientId).Select(p => p.FullName).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Records the reason (audited, listed for admins in the audit log); false when the patient does not exist.</summary>
    public async Task<bool> GiveReasonAsync(int patientId, string reason, CancellationToken cancellationToken)
    {
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, cancellationToken))
        {
            return false;
        }

        audit.Record(
            AuditActions.ChartOpenedWithReason,
            AuditEntityTypes.Patient,
            patientId,
            patientId,
            "Opened the chart of a patient they do not treat",
            null,
            new { Reason = reason.Trim() });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
