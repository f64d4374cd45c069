using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Clinicians;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Admin;

/// <summary>
/// Clinicians' profiles, weekly hours and time off, and clinic-wide closures: the pages' queries, and each change
/// checked, audited and saved in one unit of work. A change that would strand upcoming appointments is refused with
/// the list of them (<see cref="StrandedAppointments"/>); nothing is saved unless the outcome is <see cref="Outcome.Done"/>.
/// </summary>
public sealed class ClinicianSchedules(ClinicDbContext db, ClinicClock clock, AuditTrail audit, StrandedAppointments stranded, ILogger<ClinicianSchedules> logger)
{
    public async Task<IReadOnlyList<ClinicianRow>> CliniciansAsync(CancellationToken cancellationToken)
    {
        var clinicians = await db.Clinicians.AsNoTracking().Include(c => c.WorkingHours).OrderBy(c => c.DisplayName).ToListAsync(cancellationToken);
        return clinicians.Select(c => new ClinicianRow(
            c.Id,
            c.DisplayName,
            c.Title,
            c.IsActive,
            c.StaffUserId is not null,
            HoursSummary(c.WorkingHours))).ToList();
    }

    /// <summary>
    /// A clinician's schedule page; the forms not given show what is stored. Null when there is no such clinician.
    /// </summary>
    public async Task<ClinicianScheduleViewModel?> PageAsync(
        int id,
        ClinicianProfileForm? profile,
        WeeklyHoursForm? hours,
        TimeOffForm? timeOff,
        string? problem,
        IReadOnlyList<StrandedAppointment> affected,
        CancellationToken cancellationToken)
    {
        var clinician = await db.Clinicians.AsNoTracking().Include(c => c.WorkingHours).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (clinician is null)
        {
            return null;
        }

        var now = clock.UtcNow;
        var upcoming = await db.TimeOff.AsNoTracking()
            .Where(t => t.ClinicianId == clinician.Id && t.EndUtc > now)
            .OrderBy(t => t.StartUtc)
            .ToListAsync(cancellationToken);
        var today = clock.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new ClinicianScheduleViewModel(
            clinician.Id,
            clinician.DisplayName,
            profile ?? new ClinicianProfileForm { DisplayName = clinician.DisplayName, Title = clinician.Title, Bio = clinician.Bio, IsActive = clinician.IsActive },
            hours ?? WeeklyHoursForm.From(clinician.WorkingHours),
            timeOff ?? new TimeOffForm { From = today, To = today },
            upcoming.Select(t => new TimeOffRow(t.Id, DayRange(t.StartUtc, t.EndUtc), t.Reason)).ToList(),
            problem,
            affected);
    }

    /// <summary>Saves a profile that passed its validator. Deactivating is refused while the clinician has upcoming appointments.</summary>
    public async Task<(Outcome Outcome, IReadOnlyList<StrandedAppointment> Stranded)> SaveProfileAsync(int id, ClinicianProfileForm form, CancellationToken cancellationToken)
    {
        var clinician = await db.Clinicians.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (clinician is null)
        {
            return (new Outcome.NotFound(), []);
        }

        if (clinician.IsActive && !form.IsActive)
        {
            var affected = await stranded.InRangeAsync(id, DateTime.MinValue, DateTime.MaxValue, cancellationToken);
            if (affected.Count > 0)
            {
                return (new Outcome.Refused($"{clinician.DisplayName} has upcoming appointments. Ask reception to move or cancel them, then deactivate the profile. Nothing was saved."), affected);
            }
        }

        var before = new { clinician.DisplayName, clinician.Title, clinician.Bio, clinician.IsActive };
        clinician.DisplayName = form.DisplayName.Trim();
        clinician.Title = form.Title?.Trim() ?? "";
        clinician.Bio = form.Bio?.Trim() ?? "";
        clinician.IsActive = form.IsActive;
        audit.Record(
            AuditActions.ClinicianProfileUpdated,
            AuditEntityTypes.Clinician,
            clinician.Id,
            patientId: null,
            $"Profile of {clinician.DisplayName} updated",
            before,
            new { clinician.DisplayName, clinician.Title, clinician.Bio, clinician.IsActive });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Clinician {ClinicianId} profile updated", clinician.Id);
        return (new Outcome.Done("Profile saved."), []);
    }

    /// <summary>Replaces the weekly hours; refused when upcoming appointments would fall outside them.</summary>
    public async Task<(Outcome Outcome, IReadOnlyList<StrandedAppointment> Stranded)> SaveHoursAsync(int id, WeeklyHoursForm form, CancellationToken cancellationToken)
    {
        var clinician = await db.Clinicians.Include(c => c.WorkingHours).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (clinician is null)
        {
            return (new Outcome.NotFound(), []);
        }

        var week = form.Intervals();
        var affected = await stranded.OutsideHoursAsync(id, week, cancellationToken);
        if (affected.Count > 0)
        {
            return (new Outcome.Refused("These upcoming appointments would fall outside the new working hours. Ask reception to move or cancel them first, or keep hours that cover them. Nothing was saved."), affected);
        }

        var before = HoursSummary(clinician.WorkingHours);
        db.WorkingHours.RemoveRange(clinician.WorkingHours);
        foreach (var (day, start, end) in week)
        {
            db.WorkingHours.Add(new WorkingHours { ClinicianId = id, DayOfWeek = day, Start = start, End = end });
        }

        var after = HoursSummary(week.Select(i => new WorkingHours { DayOfWeek = i.Day, Start = i.Start, End = i.End }));
        audit.Record(
            AuditActions.ClinicianHoursChanged,
            AuditEntityTypes.Clinician,
            id,
            patientId: null,
            $"Working hours of {clinician.DisplayName} changed",
            new { Hours = before },
            new { Hours = after });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Clinician {ClinicianId} working hours changed", id);
        return (new Outcome.Done("Working hours saved. Online and reception booking use them from now on."), []);
    }

    /// <summary>Adds whole days off; refused when they are past (a field refusal) or appointments fall in them.</summary>
    public async Task<(Outcome Outcome, IReadOnlyList<StrandedAppointment> Stranded)> AddTimeOffAsync(int id, TimeOffForm form, CancellationToken cancellationToken)
    {
        var name = await db.Clinicians.AsNoTracking().Where(c => c.Id == id).Select(c => c.DisplayName).FirstOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return (new Outcome.NotFound(), []);
        }

        TimeOffForm.TryDate(form.From, out var from);
        TimeOffForm.TryDate(form.To, out var to);
        var startUtc = ToUtc(from.ToDateTime(TimeOnly.MinValue));
        var endUtc = ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
        if (endUtc <= clock.UtcNow)
        {
            return (new Outcome.Refused("Those days have already passed.") { Field = nameof(form.To) }, []);
        }

        var affected = await stranded.InRangeAsync(id, startUtc, endUtc, cancellationToken);
        if (affected.Count > 0)
        {
            return (new Outcome.Refused($"{name} has appointments in that time. Ask reception to move or cancel them first. Nothing was saved."), affected);
        }

        var timeOff = new Domain.Clinicians.TimeOff { ClinicianId = id, StartUtc = startUtc, EndUtc = endUtc, Reason = form.Reason.Trim() };
        db.TimeOff.Add(timeOff);
        audit.Record(
            AuditActions.TimeBlocked,
            AuditEntityTypes.Clinician,
            id,
            patientId: null,
            $"Time off added for {name}",
            after: new { StartUtc = startUtc, EndUtc = endUtc, timeOff.Reason });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Time off {TimeOffId} added for clinician {ClinicianId}", timeOff.Id, id);
        return (new Outcome.Done($"Time off added: {DayRange(startUtc, endUtc)}."), []);
    }

    public async Task<Outcome> RemoveTimeOffAsync(int id, int timeOffId, CancellationToken cancellationToken)
    {
        var timeOff = await db.TimeOff.FirstOrDefaultAsync(t => t.Id == timeOffId && t.ClinicianId == id, cancellationToken);
        if (timeOff is null)
        {
            return new Outcome.NotFound();
        }

        var name = await db.Clinicians.Where(c => c.Id == id).Select(c => c.DisplayName).FirstAsync(cancellationToken);
        db.TimeOff.Remove(timeOff);
        audit.Record(
            AuditActions.TimeUnblocked,
            AuditEntityTypes.Clinician,
            id,
            patientId: null,
            $"Time off removed for {name}",
            before: new { timeOff.StartUtc, timeOff.EndUtc, timeOff.Reason });
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome.Done("Time off removed: that time can be booked again.");
    }

    public async Task<ClosuresViewModel> ClosuresAsync(ClosureForm form, string? problem, IReadOnlyList<StrandedAppointment> affected, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var upcoming = await db.ClinicClosures.AsNoTracking().Where(c => c.Date >= today).OrderBy(c => c.Date).ToListAsync(cancellationToken);
        return new ClosuresViewModel(form, upcoming.Select(c => new ClosureRow(c.Id, c.Date, c.Reason)).ToList(), problem, affected);
    }

    /// <summary>Closes the clinic for a day; refused when it is past or already closed (field refusals) or has appointments.</summary>
    public async Task<(Outcome Outcome, IReadOnlyList<StrandedAppointment> Stranded)> AddClosureAsync(ClosureForm form, CancellationToken cancellationToken)
    {
        TimeOffForm.TryDate(form.Date, out var date);
        if (date < clock.Today)
        {
            return (new Outcome.Refused("That day has already passed.") { Field = nameof(form.Date) }, []);
        }

        if (await db.ClinicClosures.AnyAsync(c => c.Date == date, cancellationToken))
        {
            return (new Outcome.Refused("The clinic is already closed that day.") { Field = nameof(form.Date) }, []);
        }

        var affected = await stranded.InRangeAsync(null, ToUtc(date.ToDateTime(TimeOnly.MinValue)), ToUtc(date.AddDays(1).ToDateTime(TimeOnly.MinValue)), cancellationToken);
        if (affected.Count > 0)
        {
            return (new Outcome.Refused("There are appointments that day. Ask reception to move or cancel them first. Nothing was saved."), affected);
        }

        var closure = new ClinicClosure { Date = date, Reason = form.Reason.Trim() };
        db.ClinicClosures.Add(closure);
        audit.Record(
            AuditActions.ClosureAdded,
            AuditEntityTypes.ClinicClosure,
            DateKey(date),
            patientId: null,
            $"Clinic closed on {DateLabel(date)}",
            after: new { Date = DateKey(date), closure.Reason });
        await db.SaveChangesAsync(cancellationToken);
        return (new Outcome.Done($"The clinic is closed on {DateLabel(date)}: nobody can book that day."), []);
    }

    public async Task<Outcome> RemoveClosureAsync(int id, CancellationToken cancellationToken)
    {
        var closure = await db.ClinicClosures.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (closure is null)
        {
            return new Outcome.NotFound();
        }

        db.ClinicClosures.Remove(closure);
        audit.Record(
            AuditActions.ClosureRemoved,
            AuditEntityTypes.ClinicClosure,
            DateKey(closure.Date),
            patientId: null,
            $"Clinic open again on {DateLabel(closure.Date)}",
            before: new { Date = DateKey(closure.Date), closure.Reason });
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome.Done($"The closure on {DateLabel(closure.Date)} is removed: that day can be booked again.");
    }

    private static string DateKey(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string DateLabel(DateOnly date) => date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string HoursSummary(IEnumerable<WorkingHours> hours)
    {
        var byDay = hours.ToLookup(h => h.DayOfWeek);
        var days = WeeklyHoursForm.Week
            .Where(d => byDay[d].Any())
            .Select(d => $"{CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(d)} {WeeklyHoursText.Format(byDay[d].Select(h => (h.Start, h.End)))}")
            .ToList();
        return days.Count == 0 ? "No working hours" : string.Join("; ", days);
    }

    // A wall-clock time skipped by a daylight-saving change has no UTC: take the moment the clock jumps to.
    private DateTime ToUtc(DateTime local) =>
        clock.TimeZone.IsInvalidTime(local) ? ToUtc(local.AddMinutes(30)) : TimeZoneInfo.ConvertTimeToUtc(local, clock.TimeZone);

    private string DayRange(DateTime startUtc, DateTime endUtc)
    {
        var first = DateOnly.FromDateTime(clock.ToClinicTime(startUtc));
        var last = DateOnly.FromDateTime(clock.ToClinicTime(endUtc).AddTicks(-1));
        var from = clock.ToClinicTime(startUtc);
        var to = clock.ToClinicTime(endUtc);
        if (from.TimeOfDay != TimeSpan.Zero || to.TimeOfDay != TimeSpan.Zero)
        {
            return $"{from.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture)} to {to.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture)}";
        }

        return first == last
            ? first.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture)
            : $"{first.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture)} to {last.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture)}";
    }
}
