using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.TimeOff;

/// <summary>
/// Blocked time for reception: a <see cref="Domain.Clinicians.TimeOff"/> row, the same table as an admin's time off,
/// which availability reads. It never creates, moves or cancels appointments (those go through
/// <see cref="AppointmentBooking"/>): time that appointments still hold is refused, listing them.
/// </summary>
public sealed class BlockedTime(ClinicDbContext db, ClinicClock clock, AuditTrail audit, Scheduling.IFreedTimeListener freedTime, ILogger<BlockedTime> logger)
{
    /// <summary>The empty form for a clinician and day (today when the date is missing or not a date).</summary>
    public BlockTimeForm NewForm(int? clinician, string? date) => new()
    {
        ClinicianId = clinician ?? 0,
        Date = BlockTimeForm.TryDate(date, out _) ? date! : clock.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        From = "13:00",
        To = "14:00",
    };

    /// <summary>The block page: active clinicians, and the chosen clinician's blocked time on the chosen day.</summary>
    public async Task<BlockTimeViewModel> PageAsync(BlockTimeForm form, IReadOnlyList<string> clashes, string? problem, CancellationToken cancellationToken)
    {
        var clinicians = await db.Clinicians.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.DisplayName).Select(c => new { c.Id, c.DisplayName }).ToListAsync(cancellationToken);
        var existing = new List<BlockedPeriod>();
        if (form.ClinicianId > 0 && BlockTimeForm.TryDate(form.Date, out var date))
        {
            var from = ToUtc(date.ToDateTime(TimeOnly.MinValue));
            var to = ToUtc(date.AddDays(1).ToDateTime(TimeOnly.MinValue));
            existing = (await db.TimeOff.AsNoTracking()
                .Where(t => t.ClinicianId == form.ClinicianId && t.StartUtc < to && t.EndUtc > from)
                .OrderBy(t => t.StartUtc)
                .ToListAsync(cancellationToken))
                .Select(t => new BlockedPeriod(t.Id, Label(t.StartUtc, t.EndUtc), t.Reason)).ToList();
        }

        return new BlockTimeViewModel(form, clinicians.Select(c => (c.Id, c.DisplayName)).ToList(), existing, clashes, problem);
    }

    /// <summary>
    /// Blocks the time of a form that passed its validator. Refused for an unknown or inactive clinician (a field
    /// refusal), time already past, or time appointments hold (<c>Clashes</c> lists them, one line each).
    /// </summary>
    public async Task<(Outcome Outcome, IReadOnlyList<string> Clashes)> BlockAsync(BlockTimeForm form, CancellationToken cancellationToken)
    {
        var clinician = await db.Clinicians.AsNoTracking().Where(c => c.Id == form.ClinicianId && c.IsActive).Select(c => new { c.Id, c.DisplayName }).FirstOrDefaultAsync(cancellationToken);
        if (clinician is null)
        {
            return (new Outcome.Refused("Choose a clinician.") { Field = nameof(form.ClinicianId) }, []);
        }

        var (startUtc, endUtc) = Range(form);
        if (endUtc <= clock.UtcNow)
        {
            return (new Outcome.Refused("That time has already passed."), []);
        }

        var clashes = await db.Appointments.AsNoTracking()
            .Where(a => a.ClinicianId == clinician.Id && a.Status != AppointmentStatus.Cancelled && a.StartUtc < endUtc && a.EndUtc > startUtc)
            .OrderBy(a => a.StartUtc)
            .Select(a => new { a.Reference, a.StartUtc, a.Patient!.FullName })
            .ToListAsync(cancellationToken);
        if (clashes.Count > 0)
        {
            var lines = clashes.Select(c => $"{clock.ToClinicTime(c.StartUtc).ToString("HH:mm", CultureInfo.InvariantCulture)} {c.FullName} ({c.Reference})").ToList();
            return (new Outcome.Refused($"{clinician.DisplayName} has appointments in that time. Move or cancel them first, then block the time."), lines);
        }

        var timeOff = new Domain.Clinicians.TimeOff { ClinicianId = clinician.Id, StartUtc = startUtc, EndUtc = endUtc, Reason = form.Reason.Trim() };
        db.TimeOff.Add(timeOff);
        audit.Record(
            AuditActions.TimeBlocked,
            AuditEntityTypes.Clinician,
            clinician.Id,
            patientId: null,
            $"Time blocked for {clinician.DisplayName}",
            after: new { StartUtc = startUtc, EndUtc = endUtc, timeOff.Reason });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Time off {TimeOffId} added for clinician {ClinicianId}", timeOff.Id, clinician.Id);
        return (new Outcome.Done($"Blocked {Label(startUtc, endUtc)} for {clinician.DisplayName}."), []);
    }

    /// <summary>Frees blocked time; also says whose and which day it was (clinic time, yyyy-MM-dd), the page to show next.</summary>
    public async Task<(Outcome Outcome, int ClinicianId, string Date)> RemoveAsync(int id, CancellationToken cancellationToken)
    {
        var timeOff = await db.TimeOff.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (timeOff is null)
        {
            return (new Outcome.NotFound(), 0, "");
        }

        var name = await db.Clinicians.Where(c => c.Id == timeOff.ClinicianId).Select(c => c.DisplayName).FirstAsync(cancellationToken);
        db.TimeOff.Remove(timeOff);
        audit.Record(
            AuditActions.TimeUnblocked,
            AuditEntityTypes.Clinician,
            timeOff.ClinicianId,
            patientId: null,
            $"Blocked time removed for {name}",
            before: new { timeOff.StartUtc, timeOff.EndUtc, timeOff.Reason });
        await db.SaveChangesAsync(cancellationToken);
        await freedTime.FreedAsync(new Scheduling.FreedTime(timeOff.ClinicianId, timeOff.StartUtc, timeOff.EndUtc, null), cancellationToken);

        var date = DateOnly.FromDateTime(clock.ToClinicTime(timeOff.StartUtc)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (new Outcome.Done($"The blocked time {Label(timeOff.StartUtc, timeOff.EndUtc)} for {name} is free again."), timeOff.ClinicianId, date);
    }

    private (DateTime StartUtc, DateTime EndUtc) Range(BlockTimeForm form)
    {
        BlockTimeForm.TryDate(form.Date, out var date);
        if (form.AllDay)
        {
            return (ToUtc(date.ToDateTime(TimeOnly.MinValue)), ToUtc(date.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        }

        BlockTimeForm.TryTime(form.From, out var from);
        BlockTimeForm.TryTime(form.To, out var to);
        return (ToUtc(date.ToDateTime(from)), ToUtc(date.ToDateTime(to)));
    }

    // A wall-clock time skipped by a daylight-saving change has no UTC: take the moment the clock jumps to.
    private DateTime ToUtc(DateTime local) =>
        clock.TimeZone.IsInvalidTime(local) ? ToUtc(local.AddMinutes(30)) : TimeZoneInfo.ConvertTimeToUtc(local, clock.TimeZone);

    private string Label(DateTime startUtc, DateTime endUtc) =>
        $"{clock.ToClinicTime(startUtc).ToString("d MMM HH:mm", CultureInfo.InvariantCulture)} to {clock.ToClinicTime(endUtc).ToString("d MMM HH:mm", CultureInfo.InvariantCulture)}";
}
