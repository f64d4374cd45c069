using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Web.Infrastructure.Settings;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Scheduling;

/// <summary>
/// Loads what the availability rules need for some clinicians and dates, in a fixed number of queries each
/// filtered by date on an index (never one query per day, never every appointment), and runs the rules.
/// </summary>
public sealed class AvailabilityQuery(ClinicDbContext db, ClinicClock clock, ClinicSettingsService settings)
{
    /// <summary>No appointment is longer than this; it lets the appointment query range-scan on its start time.</summary>
    private static readonly TimeSpan LongestAppointment = TimeSpan.FromHours(12);

    private AvailabilityCalculator? _calculator;

    /// <summary>The availability rules of the clinic's current settings (read once per request).</summary>
    public AvailabilityCalculator Calculator => _calculator ??= new(clock.TimeZone, settings.AvailabilityRules);

    public DateTime UtcNow => clock.UtcNow;

    public DateOnly Today => clock.Today;

    /// <summary>The last clinic-local date patients can book, from the horizon.</summary>
    public DateOnly LastBookableDate => DateOnly.FromDateTime(clock.ToClinicTime(clock.UtcNow + Calculator.Rules.Horizon));

    /// <summary>The room a treatment needs, if any (its appointments hold that room's time too).</summary>
    public async Task<int?> RoomOfTreatmentAsync(int treatmentId, CancellationToken cancellationToken) =>
        await db.Treatments.AsNoTracking().Where(t => t.Id == treatmentId).Select(t => t.RoomId).FirstOrDefaultAsync(cancellationToken);

    /// <param name="excludeAppointmentId">An appointment being moved: its own time does not count as busy.</param>
    /// <param name="roomId">The room the treatment needs: the times other appointments hold it are busy for everyone.</param>
    public async Task<AvailabilityData> LoadAsync(IReadOnlyCollection<int> clinicianIds, DateOnly from, DateOnly to, int? excludeAppointmentId = null, int? roomId = null, CancellationToken cancellationToken = default)
    {
        var ids = clinicianIds.ToList();
        if (!ClinicDates.IsSane(from) || !ClinicDates.IsSane(to))
        {
            // Callers check their dates; this keeps a date that slipped through from overflowing the window below.
            // Nothing is free outside the clinic's dates.
            return new AvailabilityData(ids.Select(id => new ClinicianSchedule(id, [], [])).ToList(), [], new HashSet<DateOnly>());
        }

        // One connection for the queries, as the calendar does: opening a pooled SQLite connection per query (five
        // times) was a visible share of a search's time.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await LoadOpenAsync(ids, from, to, excludeAppointmentId, roomId, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<AvailabilityData> LoadOpenAsync(List<int> ids, DateOnly from, DateOnly to, int? excludeAppointmentId, int? roomId, CancellationToken cancellationToken)
    {
        var window = Calculator.LoadWindowUtc(from, to);

        var hours = await db.WorkingHours.AsNoTracking()
            .Where(w => ids.Contains(w.ClinicianId))
            .Select(w => new { w.ClinicianId, w.DayOfWeek, w.Start, w.End })
            .ToListAsync(cancellationToken);

        var timeOff = await db.TimeOff.AsNoTracking()
            .Where(t => ids.Contains(t.ClinicianId) && t.StartUtc < window.EndUtc && t.EndUtc > window.StartUtc)
            .Select(t => new { t.ClinicianId, t.StartUtc, t.EndUtc })
            .ToListAsync(cancellationToken);

        var closures = await db.ClinicClosures.AsNoTracking()
            .Where(c => c.Date >= from.AddDays(-1) && c.Date <= to.AddDays(1))
            .Select(c => c.Date)
            .ToListAsync(cancellationToken);

        var earliestStart = window.StartUtc - LongestAppointment;
        var busy = await db.Appointments.AsNoTracking()
            .Where(a => ids.Contains(a.ClinicianId)
                && a.StartUtc >= earliestStart && a.StartUtc < window.EndUtc
                && a.EndUtc > window.StartUtc
                && a.Status != AppointmentStatus.Cancelled && a.Status != AppointmentStatus.NoShow
                && a.Id != (excludeAppointmentId ?? 0))
            .Select(a => new BusyTime(a.ClinicianId, a.StartUtc, a.EndUtc))
            .ToListAsync(cancellationToken);

        List<UtcRange>? roomBusy = null;
        if (roomId is { } room)
        {
            // The same range scan as the clinicians', on the (RoomId, StartUtc) index.
            roomBusy = await db.Appointments.AsNoTracking()
                .Where(a => a.RoomId == room
                    && a.StartUtc >= earliestStart && a.StartUtc < window.EndUtc
                    && a.EndUtc > window.StartUtc
                    && a.Status != AppointmentStatus.Cancelled && a.Status != AppointmentStatus.NoShow
                    && a.Id != (excludeAppointmentId ?? 0))
                .Select(a => new UtcRange(a.StartUtc, a.EndUtc))
                .ToListAsync(cancellationToken);
        }

        var schedules = ids.Select(id => new ClinicianSchedule(
            id,
            hours.Where(h => h.ClinicianId == id).Select(h => new WeeklyInterval(h.DayOfWeek, h.Start, h.End)).ToList(),
            timeOff.Where(t => t.ClinicianId == id).Select(t => new UtcRange(t.StartUtc, t.EndUtc)).ToList())).ToList();

        return new AvailabilityData(schedules, busy, closures.ToHashSet(), roomBusy);
    }
}
