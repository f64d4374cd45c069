using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.TimeOff;

/// <summary>
/// Blocked time for reception: a <see cref="Domain.Clinicians.TimeOff"/> row, the same table as an admin's time off,
/// which availability reads. Appointments inside the time are moved or cancelled by <see cref="AppointmentBooking"/>,
/// staged and saved with the time off in one save: all of it, or (a time taken meanwhile, an appointment changed) none.
/// </summary>
public sealed class BlockedTime(
    ClinicDbContext db, ClinicClock clock, AuditTrail audit, AppointmentBooking booking, AppointmentNotifications notifications,
    Scheduling.IFreedTimeListener freedTime, ILogger<BlockedTime> logger)
{
    public const string CancelPlan = "cancel";
    public const string MovePlan = "move:";

    /// <summary>The reason stored and sent: the patient is told the clinic cancelled, never why the clinician is away.</summary>
    public const string CancellationReason = "Clinic cancelled: the clinician is not available";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The empty form for a clinician and day (today when the date is missing or not a date).</summary>
    public BlockTimeForm NewForm(int? clinician, string? date) => new()
    {
        ClinicianId = clinician ?? 0,
        Date = BlockTimeForm.TryDate(date, out _) ? date! : clock.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        From = "13:00",
        To = "14:00",
    };

    /// <summary>The block page: active clinicians, and the chosen clinician's blocked time on the chosen day.</summary>
    public async Task<BlockTimeViewModel> PageAsync(BlockTimeForm form, IReadOnlyList<AffectedAppointment> affected, string? problem, CancellationToken cancellationToken)
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

        return new BlockTimeViewModel(form, clinicians.Select(c => (c.Id, c.DisplayName)).ToList(), existing, affected, problem);
    }

    /// <summary>
    /// Blocks the time of a form that passed its validator. Refused for an unknown or inactive clinician (a field
    /// refusal) or time already past. Appointments inside the time come back (<c>Affected</c>) until the form says what
    /// to do with each; then their moves and cancellations and the time off are one save.
    /// </summary>
    public async Task<(Outcome Outcome, IReadOnlyList<AffectedAppointment> Affected)> BlockAsync(BlockTimeForm form, CancellationToken cancellationToken)
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

        var block = new UtcRange(startUtc, endUtc);
        var inside = await db.Appointments.AsNoTracking()
            .Where(a => a.ClinicianId == clinician.Id && a.Status != AppointmentStatus.Cancelled && a.Status != AppointmentStatus.NoShow && a.StartUtc < endUtc && a.EndUtc > startUtc)
            .OrderBy(a => a.StartUtc)
            .Select(a => new Inside(a.Id, a.Reference, a.Version, a.ClinicianId, a.TreatmentId, a.RoomId, a.StartUtc, a.EndUtc, a.Patient!.FullName, a.Patient.Email != null))
            .ToListAsync(cancellationToken);
        var asking = $"{clinician.DisplayName} has appointments in that time. Choose for each: move it to the free time offered, or cancel it (the patient is emailed). Then save: the time off is saved with them.";
        if (inside.Count > 0 && !inside.All(a => form.Plan.ContainsKey(a.Reference)))
        {
            return (new Outcome.Refused(asking), await AffectedAsync(inside, clinician.Id, block, cancellationToken));
        }

        if (inside.Any(a => form.Version.GetValueOrDefault(a.Reference) != a.Version))
        {
            return (new Outcome.Refused("Someone changed one of these appointments a moment ago, so nothing was saved. Here they are as they stand now."),
                await AffectedAsync(inside, clinician.Id, block, cancellationToken));
        }

        foreach (var a in inside)
        {
            if (await StageAsync(a, form.Plan[a.Reference], clinician.Id, block, cancellationToken) is { } refusal)
            {
                db.ChangeTracker.Clear();
                return (new Outcome.Refused($"{a.Reference}: {refusal} Nothing was saved; choose again."), await AffectedAsync(inside, clinician.Id, block, cancellationToken));
            }
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
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (new Outcome.Refused(AppointmentBooking.ChangedMessage), await AffectedAsync(await ReloadAsync(inside, cancellationToken), clinician.Id, block, cancellationToken));
        }
        catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception))
        {
            // A time offered here was booked by someone else before the save: nothing of it was saved.
            db.ChangeTracker.Clear();
            return (new Outcome.Refused("One of the new times was taken a moment ago, so nothing was saved. New times are offered below."),
                await AffectedAsync(inside, clinician.Id, block, cancellationToken));
        }

        notifications.WakeSender();
        logger.LogInformation("Time off {TimeOffId} added for clinician {ClinicianId}, {Count} appointment(s) inside moved or cancelled", timeOff.Id, clinician.Id, inside.Count);
        var moved = inside.Count(a => form.Plan[a.Reference] != CancelPlan);
        var done = inside.Count == 0 ? "" : $" {moved} appointment(s) moved, {inside.Count - moved} cancelled; patients with an email are told.";
        return (new Outcome.Done($"Blocked {Label(startUtc, endUtc)} for {clinician.DisplayName}.{done}"), []);
    }

    private sealed record Inside(int Id, string Reference, Guid Version, int ClinicianId, int TreatmentId, int? RoomId, DateTime StartUtc, DateTime EndUtc, string PatientName, bool HasEmail);

    private async Task<List<Inside>> ReloadAsync(List<Inside> inside, CancellationToken cancellationToken)
    {
        var ids = inside.Select(a => a.Id).ToList();
        return await db.Appointments.AsNoTracking()
            .Where(a => ids.Contains(a.Id) && a.Status != AppointmentStatus.Cancelled)
            .OrderBy(a => a.StartUtc)
            .Select(a => new Inside(a.Id, a.Reference, a.Version, a.ClinicianId, a.TreatmentId, a.RoomId, a.StartUtc, a.EndUtc, a.Patient!.FullName, a.Patient.Email != null))
            .ToListAsync(cancellationToken);
    }

    // One appointment's plan staged through the booking core, not saved; a refusal in words, or null.
    private async Task<string?> StageAsync(Inside inside, string plan, int blockedClinicianId, UtcRange block, CancellationToken cancellationToken)
    {
        var appointment = await db.Appointments
            .Include(a => a.Patient).Include(a => a.Treatment).Include(a => a.Clinician)
            .AsSplitQuery()
            .FirstAsync(a => a.Id == inside.Id, cancellationToken);
        if (plan == CancelPlan)
        {
            return await booking.StageCancellationAsync(appointment, CancellationReason, "by staff (time blocked)", notifyPatient: true, cancellationToken);
        }

        if (!plan.StartsWith(MovePlan, StringComparison.Ordinal) || !SlotValue.TryParse(plan[MovePlan.Length..], out var wanted))
        {
            return "Choose to move or to cancel it.";
        }

        var slot = new Slot(wanted.ClinicianId, wanted.StartUtc, wanted.StartUtc + (inside.EndUtc - inside.StartUtc));
        if (slot.ClinicianId == blockedClinicianId && slot.StartUtc < block.EndUtc && slot.EndUtc > block.StartUtc)
        {
            return "That time is inside the time being blocked.";
        }

        return await booking.StageMoveAsync(appointment, slot, BookingRules.Desk, notifyPatient: true, cancellationToken);
    }

    /// <summary>
    /// The appointments inside the time, each with the nearest free time with a clinician who offers its treatment: not in
    /// the time being blocked, and not a time already offered to one listed before it (one save moves them all).
    /// </summary>
    private async Task<IReadOnlyList<AffectedAppointment>> AffectedAsync(IReadOnlyList<Inside> inside, int blockedClinicianId, UtcRange block, CancellationToken cancellationToken)
    {
        var treatmentIds = inside.Select(a => a.TreatmentId).Distinct().ToList();
        var offering = (await db.Clinicians.AsNoTracking()
            .Where(c => c.IsActive)
            .Select(c => new { c.Id, c.DisplayName, Treatments = c.Treatments.Where(t => treatmentIds.Contains(t.Id)).Select(t => t.Id).ToList() })
            .ToListAsync(cancellationToken))
            .SelectMany(c => c.Treatments.Select(t => new { ClinicianId = c.Id, c.DisplayName, TreatmentId = t }))
            .ToList();
        var offered = new List<Slot>();
        var affected = new List<AffectedAppointment>();
        foreach (var a in inside)
        {
            var ids = offering.Where(o => o.TreatmentId == a.TreatmentId).Select(o => o.ClinicianId).Distinct().ToList();
            var nearest = await booking.Slots.NearestAsync(new Slot(a.ClinicianId, a.StartUtc, a.EndUtc), ids, BookingRules.Desk, a.Id, a.RoomId, cancellationToken);
            var choice = nearest
                .Where(s => !(s.ClinicianId == blockedClinicianId && s.StartUtc < block.EndUtc && s.EndUtc > block.StartUtc)
                    && !offered.Any(o => o.ClinicianId == s.ClinicianId && o.StartUtc < s.EndUtc && o.EndUtc > s.StartUtc))
                .Select(s => (Slot?)s)
                .FirstOrDefault();
            string? moveLabel = null;
            if (choice is { } slot)
            {
                offered.Add(slot);
                var name = offering.First(o => o.ClinicianId == slot.ClinicianId).DisplayName;
                moveLabel = $"Move to {clock.ToClinicTime(slot.StartUtc).ToString("ddd d MMM HH:mm", Inv)} with {name}";
            }

            var label = $"{clock.ToClinicTime(a.StartUtc).ToString("HH:mm", Inv)} {a.PatientName} ({a.Reference})";
            affected.Add(new AffectedAppointment(a.Reference, a.Version, label, choice is { } c ? SlotValue.From(c).ToString() : null, moveLabel, a.HasEmail));
        }

        return affected;
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
