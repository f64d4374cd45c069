using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Security;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.TimeOff;

public sealed record BlockedPeriod(int Id, string Label, string Reason);

public sealed record BlockTimeViewModel(
    BlockTimeForm Form,
    IReadOnlyList<(int Id, string Name)> Clinicians,
    IReadOnlyList<BlockedPeriod> Existing,
    IReadOnlyList<string> Clashes,
    string? Problem);

/// <summary>
/// Reception blocks a clinician's time (leave, training) with a reason. Time that appointments still hold is
/// refused, listing them, so nobody is stranded silently: they are moved or cancelled first.
/// </summary>
[Authorize(Policy = Policies.FrontDesk)]
public sealed class BlockTimeController(ClinicDbContext db, ClinicClock clock, AuditTrail audit, ILogger<BlockTimeController> logger) : StaffControllerBase
{
    [HttpGet("/staff/calendar/block")]
    public async Task<IActionResult> Block(int? clinician, string? date, CancellationToken cancellationToken)
    {
        var form = new BlockTimeForm
        {
            ClinicianId = clinician ?? 0,
            Date = BlockTimeForm.TryDate(date, out var d) ? date! : clock.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            From = "13:00",
            To = "14:00",
        };
        return View(await ModelAsync(form, [], null, cancellationToken));
    }

    [HttpPost("/staff/calendar/block")]
    public async Task<IActionResult> Block(BlockTimeForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(await ModelAsync(form, [], null, cancellationToken));
        }

        var clinician = await db.Clinicians.AsNoTracking().Where(c => c.Id == form.ClinicianId && c.IsActive).Select(c => new { c.Id, c.DisplayName }).FirstOrDefaultAsync(cancellationToken);
        if (clinician is null)
        {
            ModelState.AddModelError(nameof(form.ClinicianId), "Choose a clinician.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(await ModelAsync(form, [], null, cancellationToken));
        }

        var (startUtc, endUtc) = Range(form);
        if (endUtc <= clock.UtcNow)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(await ModelAsync(form, [], "That time has already passed.", cancellationToken));
        }

        var clashes = await db.Appointments.AsNoTracking()
            .Where(a => a.ClinicianId == clinician.Id && a.Status != AppointmentStatus.Cancelled && a.StartUtc < endUtc && a.EndUtc > startUtc)
            .OrderBy(a => a.StartUtc)
            .Select(a => new { a.Reference, a.StartUtc, a.Patient!.FullName })
            .ToListAsync(cancellationToken);
        if (clashes.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            var lines = clashes.Select(c => $"{clock.ToClinicTime(c.StartUtc).ToString("HH:mm", CultureInfo.InvariantCulture)} {c.FullName} ({c.Reference})").ToList();
            return View(await ModelAsync(form, lines, $"{clinician.DisplayName} has appointments in that time. Move or cancel them first, then block the time.", cancellationToken));
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

        TempData["Flash"] = $"Blocked {Label(startUtc, endUtc)} for {clinician.DisplayName}.";
        return Redirect($"/staff/calendar/block?clinician={clinician.Id}&date={form.Date}");
    }

    [HttpPost("/staff/calendar/block/{id:int}/remove")]
    public async Task<IActionResult> Remove(int id, CancellationToken cancellationToken)
    {
        var timeOff = await db.TimeOff.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (timeOff is null)
        {
            return NotFound();
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

        var date = DateOnly.FromDateTime(clock.ToClinicTime(timeOff.StartUtc)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        TempData["Flash"] = $"The blocked time {Label(timeOff.StartUtc, timeOff.EndUtc)} for {name} is free again.";
        return Redirect($"/staff/calendar/block?clinician={timeOff.ClinicianId}&date={date}");
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

    private async Task<BlockTimeViewModel> ModelAsync(BlockTimeForm form, IReadOnlyList<string> clashes, string? problem, CancellationToken cancellationToken)
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
}
