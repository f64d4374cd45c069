using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.SessionPlans;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.SessionPlans;

public enum SessionState
{
    Upcoming,
    Done,
    Missed,
    Cancelled,
}

public sealed record PlanSessionRow(int Number, string Reference, string When, AppointmentStatus Status, SessionState State, bool IsLatest);

public sealed record PlanPageViewModel(
    int Id,
    int PatientId,
    string PatientName,
    string TreatmentName,
    int ClinicianId,
    string ClinicianName,
    SessionPlanStatus Status,
    string PhasesSummary,
    int TotalSessions,
    string? EndReason,
    Guid Version,
    IReadOnlyList<PlanSessionRow> Sessions)
{
    public int Done => Sessions.Count(s => s.IsLatest && s.State == SessionState.Done);

    public int Missed => Sessions.Count(s => s.State == SessionState.Missed);

    /// <summary>The first session number not yet done, e.g. 3 in "session 3 of 8".</summary>
    public int? Next => Sessions.Where(s => s.IsLatest && s.State == SessionState.Upcoming).Select(s => (int?)s.Number).Min();

    public bool CanManage { get; init; }

    public bool CanEnd { get; init; }

    public EndPlanForm End { get; init; } = new();
}

public sealed record RecentPatient(int Id, string FullName, string LastSeen);

/// <summary>The read side of session plans: a plan with its sessions in two queries.</summary>
public sealed class SessionPlanPages(ClinicDbContext db, ClinicClock clock)
{
    public async Task<PlanPageViewModel?> PlanAsync(int id, CancellationToken cancellationToken)
    {
        var plan = await db.SessionPlans.AsNoTracking()
            .Where(p => p.Id == id)
            .Select(p => new
            {
                p.Id,
                p.PatientId,
                PatientName = p.Patient!.FullName,
                TreatmentName = p.Treatment!.Name,
                p.ClinicianId,
                ClinicianName = p.Clinician!.DisplayName,
                p.Status,
                p.PhasesSummary,
                p.TotalSessions,
                p.EndReason,
                p.Version,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var sessions = await db.Appointments.AsNoTracking()
            .Where(a => a.SessionPlanId == id)
            .OrderBy(a => a.SessionNumber).ThenBy(a => a.CreatedUtc).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.Reference, a.SessionNumber, a.StartUtc, a.Status })
            .ToListAsync(cancellationToken);
        var latestIds = sessions.GroupBy(s => s.SessionNumber).Select(g => g.Last().Id).ToHashSet();

        var rows = sessions.Select(s => new PlanSessionRow(
            s.SessionNumber ?? 0,
            s.Reference,
            clock.ToClinicTime(s.StartUtc).ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture),
            s.Status,
            s.Status switch
            {
                AppointmentStatus.Completed => SessionState.Done,
                AppointmentStatus.NoShow => SessionState.Missed,
                AppointmentStatus.Cancelled => SessionState.Cancelled,
                _ => SessionState.Upcoming,
            },
            latestIds.Contains(s.Id))).ToList();

        return new PlanPageViewModel(plan.Id, plan.PatientId, plan.PatientName, plan.TreatmentName, plan.ClinicianId, plan.ClinicianName,
            plan.Status, plan.PhasesSummary, plan.TotalSessions, plan.EndReason, plan.Version, rows);
    }

    /// <summary>Patients the clinician saw in the last 90 days or will see, most recent first: who a plan is usually for.</summary>
    public async Task<IReadOnlyList<RecentPatient>> RecentPatientsAsync(int clinicianId, CancellationToken cancellationToken)
    {
        var since = clock.UtcNow.AddDays(-90);
        var rows = await db.Appointments.AsNoTracking()
            .Where(a => a.ClinicianId == clinicianId && a.StartUtc >= since && a.Status != AppointmentStatus.Cancelled)
            .GroupBy(a => new { a.PatientId, a.Patient!.FullName })
            .Select(g => new { g.Key.PatientId, g.Key.FullName, Last = g.Max(a => a.StartUtc) })
            .OrderByDescending(r => r.Last)
            .Take(30)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new RecentPatient(r.PatientId, r.FullName, clock.ToClinicTime(r.Last).ToString("d MMM yyyy", CultureInfo.InvariantCulture))).ToList();
    }
}
