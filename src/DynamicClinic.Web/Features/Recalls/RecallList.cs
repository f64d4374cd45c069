using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Recalls;
using DynamicClinic.Domain.SessionPlans;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Hosting;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Features.Recalls;

/// <summary>The <c>Recalls</c> section. Validated at start-up.</summary>
public sealed class RecallOptions
{
    public const string SectionName = "Recalls";

    /// <summary>A patient seen only for a consultation is due a call this many months after it.</summary>
    [Range(1, 24)]
    public int LapsedAfterMonths { get; set; } = 3;
}

/// <summary>One patient to call back, as reception's list shows it.</summary>
public sealed record RecallLine(
    int PatientId, string PatientName, string Phone, RecallKind Kind, int? SessionPlanId, DateOnly DueDate, string What, string Due, string? LastCall);

/// <summary>Reception marks a recall: called, booked or declined.</summary>
public sealed class RecallActionForm
{
    public int PatientId { get; set; }

    public RecallKind Kind { get; set; }

    public int? SessionPlanId { get; set; }

    public string DueDate { get; set; } = "";

    public RecallOutcome Outcome { get; set; }
}

/// <summary>
/// Who reception should call back (<see cref="RecallRules"/>): courses whose next session is due within a week and not
/// booked, and patients not seen since a consultation some months ago. Booked or declined takes a recall off the list.
/// </summary>
public sealed class RecallList(ClinicDbContext db, ClinicClock clock, AuditTrail audit, IOptions<RecallOptions> options)
{
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RecallOptions>().Bind(configuration.GetSection(RecallOptions.SectionName)).ValidateSettings(RecallOptions.SectionName).ValidateOnStart();
        services.AddScoped<RecallList>();
    }

    public async Task<IReadOnlyList<RecallLine>> DueAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var lines = new List<RecallLine>();

        // Courses: every session of each active plan, with its planned date and status.
        var sessions = await db.Appointments.AsNoTracking()
            .Where(a => a.SessionPlanId != null && a.SessionNumber != null && a.SessionPlan!.Status == SessionPlanStatus.Active)
            .Select(a => new { PlanId = a.SessionPlanId!.Value, Number = a.SessionNumber!.Value, a.StartUtc, a.Status })
            .ToListAsync(cancellationToken);
        var planIds = sessions.Select(s => s.PlanId).Distinct().ToList();
        var plans = await db.SessionPlans.AsNoTracking()
            .Where(p => planIds.Contains(p.Id) && p.Patient!.AnonymisedUtc == null && p.Patient.MergedIntoPatientId == null)
            .Select(p => new { p.Id, p.PatientId, p.TotalSessions, p.Patient!.FullName, p.Patient.PhoneE164, Treatment = p.Treatment!.Name })
            .ToListAsync(cancellationToken);
        foreach (var plan in plans)
        {
            var held = sessions.Where(s => s.PlanId == plan.Id)
                .Select(s => new PlanSession(s.Number, DateOnly.FromDateTime(clock.ToClinicTime(s.StartUtc)), s.Status)).ToList();
            if (RecallRules.NextCourseSession(plan.TotalSessions, held) is { } next && next.DueDate <= today.AddDays(RecallRules.DaysAhead))
            {
                lines.Add(new RecallLine(plan.PatientId, plan.FullName, plan.PhoneE164, RecallKind.CourseSession, plan.Id, next.DueDate,
                    $"{plan.Treatment}: session {next.SessionNumber.ToString(CultureInfo.InvariantCulture)} of {plan.TotalSessions.ToString(CultureInfo.InvariantCulture)} ({(next.Monthly ? "monthly maintenance" : "weekly phase")}) is not booked",
                    Date(next.DueDate), null));
            }
        }

        // Lapsed consultations: a completed visit outside any plan, nothing since, and the months gone by.
        var months = options.Value.LapsedAfterMonths;
        var cutoff = clock.UtcNow.AddMonths(-months);
        var lapsed = await db.Appointments.AsNoTracking()
            .Where(a => a.Status == AppointmentStatus.Completed && a.SessionPlanId == null && a.StartUtc < cutoff
                && a.Patient!.AnonymisedUtc == null && a.Patient.MergedIntoPatientId == null
                && !db.Appointments.Any(b => b.PatientId == a.PatientId && b.Status != AppointmentStatus.Cancelled && b.StartUtc > a.StartUtc)
                && !db.SessionPlans.Any(p => p.PatientId == a.PatientId && p.Status == SessionPlanStatus.Active))
            .Select(a => new { a.PatientId, a.StartUtc, a.Patient!.FullName, a.Patient.PhoneE164, Treatment = a.Treatment!.Name })
            .Take(1000)
            .ToListAsync(cancellationToken);
        foreach (var visit in lapsed.GroupBy(v => v.PatientId).Select(g => g.MaxBy(v => v.StartUtc)!))
        {
            var seen = DateOnly.FromDateTime(clock.ToClinicTime(visit.StartUtc));
            var due = RecallRules.LapsedDue(seen, months);
            if (due <= today)
            {
                lines.Add(new RecallLine(visit.PatientId, visit.FullName, visit.PhoneE164, RecallKind.LapsedConsultation, null, due,
                    $"Not seen since a {visit.Treatment} consultation on {Date(seen)}", Date(due), null));
            }
        }

        // What reception has done about each: booked or declined ends it; a call is shown.
        var patientIds = lines.Select(l => l.PatientId).Distinct().ToList();
        var actions = await db.RecallActions.AsNoTracking().Where(a => patientIds.Contains(a.PatientId)).ToListAsync(cancellationToken);
        return lines
            .Select(line =>
            {
                var last = actions.Where(a => a.PatientId == line.PatientId && a.Kind == line.Kind && a.SessionPlanId == line.SessionPlanId && a.DueDate == line.DueDate)
                    .MaxBy(a => a.ActedUtc);
                return (line, last);
            })
            .Where(x => RecallRules.IsOpen(x.last?.Outcome))
            .Select(x => x.line with { LastCall = x.last is { } called ? $"Called {clock.ToClinicTime(called.ActedUtc).ToString("d MMM HH:mm", CultureInfo.InvariantCulture)}" : null })
            .OrderBy(l => l.DueDate).ThenBy(l => l.PatientId)
            .ToList();
    }

    /// <summary>Records what reception did about a recall that is on the list now; audited in the same save.</summary>
    public async Task<Outcome> ActAsync(RecallActionForm form, string? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!Enum.IsDefined(form.Outcome) || !Enum.IsDefined(form.Kind) || !DateOnly.TryParseExact(form.DueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
        {
            return new Outcome.Refused("Choose called, booked or declined for a recall on the list.");
        }

        var line = (await DueAsync(cancellationToken)).FirstOrDefault(l =>
            l.PatientId == form.PatientId && l.Kind == form.Kind && l.SessionPlanId == form.SessionPlanId && l.DueDate == due);
        if (line is null)
        {
            return new Outcome.NotFound();
        }

        db.RecallActions.Add(new RecallAction
        {
            PatientId = line.PatientId,
            Kind = line.Kind,
            SessionPlanId = line.SessionPlanId,
            DueDate = line.DueDate,
            Outcome = form.Outcome,
            ActedUtc = clock.UtcNow,
            ByUserId = userId,
        });
        var outcome = form.Outcome switch
        {
            RecallOutcome.Called => "called",
            RecallOutcome.Booked => "booked",
            _ => "declined",
        };
        audit.Record(AuditActions.RecallActioned, AuditEntityTypes.Recall, line.PatientId, line.PatientId, $"Recall marked {outcome}",
            after: new { Kind = line.Kind.ToString(), line.SessionPlanId, line.DueDate, Outcome = form.Outcome.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome.Done($"Marked {outcome}.");
    }

    private static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
