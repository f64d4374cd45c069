using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Calendar;

/// <param name="Started">Its start time has passed (a no-show can be marked; it can no longer be moved by dragging).</param>
/// <param name="Note">The patient's message or reception's note, for the printed list.</param>
/// <param name="ConfirmedByPatient">The patient confirmed by replying to the reminder (WhatsApp or SMS).</param>
public sealed record CalendarAppointment(
    int Id, string Reference, TimeOnly Start, TimeOnly End, string PatientName, string PatientPhone, string TreatmentName,
    AppointmentStatus Status, AppointmentSource Source, Guid Version = default, bool Started = false, string? Note = null,
    bool ConfirmedByPatient = false);

public sealed record CalendarBlock(TimeOnly Start, TimeOnly End, string Label);

public sealed record CalendarColumn(
    int ClinicianId, string ClinicianName, DateOnly Date, IReadOnlyList<CalendarBlock> WorkingHours,
    IReadOnlyList<CalendarBlock> TimeOff, IReadOnlyList<CalendarAppointment> Appointments);

public sealed record CalendarDay(DateOnly Date, bool ClinicClosed, string? ClosureReason, IReadOnlyList<CalendarColumn> Columns);

/// <summary>One clinician's seven days, Monday to Sunday.</summary>
public sealed record CalendarWeek(DateOnly Monday, int ClinicianId, string ClinicianName, IReadOnlyList<CalendarDay> Days);

public sealed record RangeClinician(int Id, string DisplayName);

public sealed record RangeWorkingHours(int ClinicianId, DayOfWeek DayOfWeek, TimeOnly Start, TimeOnly End);

public sealed record RangeTimeOff(int ClinicianId, DateTime StartUtc, DateTime EndUtc, string Reason);

public sealed record RangeAppointment(
    int Id, string Reference, int ClinicianId, DateTime StartUtc, DateTime EndUtc, AppointmentStatus Status, AppointmentSource Source,
    string PatientName, string PatientPhone, string TreatmentName, Guid Version = default, string? Note = null,
    bool ConfirmedByPatient = false);

/// <summary>
/// Everything the calendar shows for some clinicians over whole clinic days <see cref="From"/> (inclusive) to
/// <see cref="To"/> (exclusive), as loaded: UTC times, not yet cut into days.
/// </summary>
public sealed record CalendarRange(
    DateOnly From, DateOnly To, DateTime FromUtc, DateTime ToUtc,
    IReadOnlyList<RangeClinician> Clinicians, IReadOnlyList<RangeWorkingHours> WorkingHours, IReadOnlyList<RangeTimeOff> TimeOff,
    IReadOnlyList<RangeAppointment> Appointments, IReadOnlyDictionary<DateOnly, string> Closures);

/// <summary>
/// The calendar's reads: days, a clinician's week and the JSON feed, in clinic time. Every read is the same five
/// queries (clinicians, working hours, time off, appointments, closures) whatever the range or the number of
/// appointments: never a query per clinician, day or appointment. All projections, no tracking.
/// </summary>
public sealed class CalendarQuery(ClinicDbContext db, ClinicClock clock)
{
    public TimeZoneInfo TimeZone => clock.TimeZone;

    public DateOnly Today => clock.Today;

    public DateTime LocalNow => clock.LocalNow;

    public DateTime UtcNow => clock.UtcNow;

    public DateTimeOffset ToClinicOffset(DateTime utc) => clock.ToClinicOffset(utc);

    /// <summary>The clinician linked to a staff account, if any.</summary>
    public Task<int?> ClinicianForStaffUserAsync(string? staffUserId, CancellationToken cancellationToken) =>
        staffUserId is null
            ? Task.FromResult<int?>(null)
            : db.Clinicians.AsNoTracking().Where(c => c.StaffUserId == staffUserId).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Active clinicians for pickers, by name.</summary>
    public async Task<IReadOnlyList<RangeClinician>> CliniciansAsync(CancellationToken cancellationToken) =>
        await db.Clinicians.AsNoTracking()
            .Where(c => c.IsActive)
            .OrderBy(c => c.DisplayName)
            .Select(c => new RangeClinician(c.Id, c.DisplayName))
            .ToListAsync(cancellationToken);

    public async Task<CalendarDay> DayAsync(DateOnly date, int? onlyClinicianId, CancellationToken cancellationToken)
    {
        var range = await LoadAsync(date, date.AddDays(1), onlyClinicianId, cancellationToken);
        return DayOf(range, date, range.Clinicians);
    }

    /// <summary>The Monday-to-Sunday week holding <paramref name="date"/> for one clinician; null if no such active clinician.</summary>
    public async Task<CalendarWeek?> WeekAsync(DateOnly date, int clinicianId, CancellationToken cancellationToken)
    {
        var monday = MondayOf(date);
        var range = await LoadAsync(monday, monday.AddDays(7), clinicianId, cancellationToken);
        if (range.Clinicians.Count == 0)
        {
            return null;
        }

        var clinician = range.Clinicians[0];
        var days = Enumerable.Range(0, 7).Select(i => DayOf(range, monday.AddDays(i), range.Clinicians)).ToList();
        return new CalendarWeek(monday, clinician.Id, clinician.DisplayName, days);
    }

    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>
    /// A short stamp of everything that can change on one day's grid: each appointment's version (every change makes a
    /// new one), time off and a closure. Desks watching the calendar ask for it every few seconds (with ETag, so an
    /// unchanged day costs a 304); only when it differs do they fetch the day again. Two small indexed reads.
    /// </summary>
    public async Task<string> DayStampAsync(DateOnly date, int? onlyClinicianId, CancellationToken cancellationToken)
    {
        var fromUtc = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue), clock.TimeZone);
        var toUtc = TimeZoneInfo.ConvertTimeToUtc(date.AddDays(1).ToDateTime(TimeOnly.MinValue), clock.TimeZone);
        var versions = await db.Appointments.AsNoTracking()
            .Where(a => a.StartUtc >= fromUtc && a.StartUtc < toUtc && (onlyClinicianId == null || a.ClinicianId == onlyClinicianId))
            .OrderBy(a => a.Id)
            .Select(a => a.Version)
            .ToListAsync(cancellationToken);
        var off = await db.TimeOff.AsNoTracking()
            .Where(t => t.StartUtc < toUtc && t.EndUtc > fromUtc && (onlyClinicianId == null || t.ClinicianId == onlyClinicianId))
            .OrderBy(t => t.Id)
            .Select(t => new { t.Id, t.StartUtc, t.EndUtc })
            .ToListAsync(cancellationToken);
        var closed = await db.ClinicClosures.AsNoTracking().AnyAsync(c => c.Date == date, cancellationToken);

        var buffer = new byte[(versions.Count * 16) + (off.Count * 20) + 1];
        var at = 0;
        foreach (var v in versions)
        {
            v.TryWriteBytes(buffer.AsSpan(at));
            at += 16;
        }

        foreach (var t in off)
        {
            BitConverter.TryWriteBytes(buffer.AsSpan(at), t.Id);
            BitConverter.TryWriteBytes(buffer.AsSpan(at + 4), t.StartUtc.Ticks);
            BitConverter.TryWriteBytes(buffer.AsSpan(at + 12), t.EndUtc.Ticks);
            at += 20;
        }

        buffer[at] = closed ? (byte)1 : (byte)0;
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(buffer), 0, 12);
    }

    /// <summary>The five queries behind every calendar read; <paramref name="to"/> is exclusive.</summary>
    public async Task<CalendarRange> LoadAsync(DateOnly from, DateOnly to, int? onlyClinicianId, CancellationToken cancellationToken)
    {
        var fromUtc = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), clock.TimeZone);
        var toUtc = TimeZoneInfo.ConvertTimeToUtc(to.ToDateTime(TimeOnly.MinValue), clock.TimeZone);

        // One connection for the five queries: opening a pooled SQLite connection takes the pool's lock and
        // re-registers functions, and under load that was a large share of each feed request.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await LoadOpenAsync(from, to, fromUtc, toUtc, onlyClinicianId, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<CalendarRange> LoadOpenAsync(
        DateOnly from, DateOnly to, DateTime fromUtc, DateTime toUtc, int? onlyClinicianId, CancellationToken cancellationToken)
    {
        var clinicians = await ListAsync(CliniciansQuery(db, onlyClinicianId), cancellationToken);
        var hours = await ListAsync(WorkingHoursQuery(db, onlyClinicianId), cancellationToken);
        var timeOff = await ListAsync(TimeOffQuery(db, onlyClinicianId, fromUtc, toUtc), cancellationToken);
        var appointments = await ListAsync(AppointmentsQuery(db, onlyClinicianId, fromUtc, toUtc), cancellationToken);
        var closures = await ListAsync(ClosuresQuery(db, from, to), cancellationToken);

        return new CalendarRange(from, to, fromUtc, toUtc, clinicians, hours, timeOff, appointments,
            closures.GroupBy(c => c.Date).ToDictionary(g => g.Key, g => g.First().Reason));
    }

    // The five reads are compiled once: the calendar is the staff pages' busiest read, and building, parameterising and
    // looking up each LINQ query again on every request was a visible share of the feed's time and allocations.
    // Each filters clinicians by the same subquery rather than by a list of ids: a list parameter is expanded into one
    // SQL parameter per id, so EF Core would rebuild the SQL text on every request.
    private static readonly Func<ClinicDbContext, int?, IAsyncEnumerable<RangeClinician>> CliniciansQuery =
        EF.CompileAsyncQuery((ClinicDbContext db, int? only) => db.Clinicians.AsNoTracking()
            .Where(c => c.IsActive && (only == null || c.Id == only))
            .OrderBy(c => c.DisplayName)
            .Select(c => new RangeClinician(c.Id, c.DisplayName)));

    private static readonly Func<ClinicDbContext, int?, IAsyncEnumerable<RangeWorkingHours>> WorkingHoursQuery =
        EF.CompileAsyncQuery((ClinicDbContext db, int? only) => db.WorkingHours.AsNoTracking()
            .Where(w => db.Clinicians.Where(c => c.IsActive && (only == null || c.Id == only)).Select(c => c.Id).Contains(w.ClinicianId))
            .OrderBy(w => w.Start)
            .Select(w => new RangeWorkingHours(w.ClinicianId, w.DayOfWeek, w.Start, w.End)));

    private static readonly Func<ClinicDbContext, int?, DateTime, DateTime, IAsyncEnumerable<RangeTimeOff>> TimeOffQuery =
        EF.CompileAsyncQuery((ClinicDbContext db, int? only, DateTime fromUtc, DateTime toUtc) => db.TimeOff.AsNoTracking()
            .Where(t => db.Clinicians.Where(c => c.IsActive && (only == null || c.Id == only)).Select(c => c.Id).Contains(t.ClinicianId)
                && t.StartUtc < toUtc && t.EndUtc > fromUtc)
            .OrderBy(t => t.StartUtc)
            .Select(t => new RangeTimeOff(t.ClinicianId, t.StartUtc, t.EndUtc, t.Reason)));

    // Uses the (ClinicianId, StartUtc) index; patient and treatment come in the same query by join.
    private static readonly Func<ClinicDbContext, int?, DateTime, DateTime, IAsyncEnumerable<RangeAppointment>> AppointmentsQuery =
        EF.CompileAsyncQuery((ClinicDbContext db, int? only, DateTime fromUtc, DateTime toUtc) => db.Appointments.AsNoTracking()
            .Where(a => db.Clinicians.Where(c => c.IsActive && (only == null || c.Id == only)).Select(c => c.Id).Contains(a.ClinicianId)
                && a.StartUtc >= fromUtc && a.StartUtc < toUtc)
            .OrderBy(a => a.StartUtc)
            .Select(a => new RangeAppointment(
                a.Id, a.Reference, a.ClinicianId, a.StartUtc, a.EndUtc, a.Status, a.Source,
                a.Patient!.FullName, a.Patient.PhoneE164, a.Treatment!.Name, a.Version, a.PatientMessage, a.PatientConfirmedUtc != null)));

    private static readonly Func<ClinicDbContext, DateOnly, DateOnly, IAsyncEnumerable<RangeClosure>> ClosuresQuery =
        EF.CompileAsyncQuery((ClinicDbContext db, DateOnly from, DateOnly to) => db.ClinicClosures.AsNoTracking()
            .Where(c => c.Date >= from && c.Date < to)
            .Select(c => new RangeClosure(c.Date, c.Reason)));

    private sealed record RangeClosure(DateOnly Date, string Reason);

    private static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            list.Add(row);
        }

        return list;
    }

    /// <summary>Cuts one clinic day out of a loaded range, a column per clinician.</summary>
    public CalendarDay DayOf(CalendarRange range, DateOnly date, IEnumerable<RangeClinician> clinicians)
    {
        var startUtc = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue), clock.TimeZone);
        var endUtc = TimeZoneInfo.ConvertTimeToUtc(date.AddDays(1).ToDateTime(TimeOnly.MinValue), clock.TimeZone);

        TimeOnly Local(DateTime utc, bool end)
        {
            // Anything that runs past midnight is shown to the end of the day.
            if (end && utc >= endUtc)
            {
                return TimeOnly.MaxValue;
            }

            return utc <= startUtc ? TimeOnly.MinValue : TimeOnly.FromDateTime(clock.ToClinicTime(utc));
        }

        var closed = range.Closures.TryGetValue(date, out var reason);
        var now = clock.UtcNow;
        var columns = clinicians.Select(c => new CalendarColumn(
            c.Id,
            c.DisplayName,
            date,
            range.WorkingHours.Where(h => h.ClinicianId == c.Id && h.DayOfWeek == date.DayOfWeek).Select(h => new CalendarBlock(h.Start, h.End, "Working")).ToList(),
            range.TimeOff.Where(t => t.ClinicianId == c.Id && t.StartUtc < endUtc && t.EndUtc > startUtc)
                .Select(t => new CalendarBlock(Local(t.StartUtc, false), Local(t.EndUtc, true), t.Reason)).ToList(),
            range.Appointments.Where(a => a.ClinicianId == c.Id && a.StartUtc >= startUtc && a.StartUtc < endUtc)
                .Select(a => new CalendarAppointment(
                    a.Id, a.Reference, Local(a.StartUtc, false), Local(a.EndUtc, true), a.PatientName, a.PatientPhone, a.TreatmentName, a.Status, a.Source,
                    a.Version, a.StartUtc <= now, a.Note, a.ConfirmedByPatient))
                .ToList()))
            .ToList();

        return new CalendarDay(date, closed, closed ? reason : null, columns);
    }
}
