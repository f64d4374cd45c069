using System.Globalization;
using DynamicClinic.Domain.Appointments;

namespace DynamicClinic.Web.Features.Calendar;

/// <summary>What a stretch of a column's background is: the pattern and the words say the same thing.</summary>
public enum GridShade
{
    Working,
    Break,
    TimeOff,
    NotWorking,
    Closed,
}

public sealed record GridBackground(int Row, int Span, GridShade Shade, string Label);

public sealed record GridFree(int Row, int Lane, string Time, string? Href);

public sealed record GridAppointment(int Row, int Span, int Lane, CalendarAppointment Appointment);

/// <param name="SpokenNote">Said after the title to screen readers only (e.g. the clinician's working hours), where the
/// grid's shading shows it to the eye.</param>
public sealed record GridHeading(string Title, string? TitleHref, IReadOnlyList<GridLink> Links, string? SpokenNote = null);

public sealed record GridLink(string Text, string Href);

/// <param name="NowRow">The row holding the current time when the column is today and the time is on the grid.</param>
/// <param name="NowFifths">How far into that row "now" is, in fifths of the quarter hour (0–2, i.e. 0, 5 or 10 minutes).</param>
public sealed record GridColumn(
    string Id, GridHeading Heading, int Lanes, IReadOnlyList<GridBackground> Backgrounds, IReadOnlyList<GridFree> Free,
    IReadOnlyList<GridAppointment> Appointments, DateOnly Date = default, int? NowRow = null, int NowFifths = 0);

public sealed record GridTimeLabel(int Row, int Span, string Label);

/// <param name="LinkAppointments">Whether appointments link to their page and carry actions (front desk only).</param>
/// <param name="Today">The clinic's date now: which actions an appointment offers depends on it.</param>
public sealed record TimeGrid(
    string Caption, bool LinkAppointments, int Rows, IReadOnlyList<GridTimeLabel> TimeLabels, IReadOnlyList<GridColumn> Columns,
    DateOnly Today = default);

/// <summary>
/// Lays calendar columns out on a 15-minute grid. Rows are numbered from 1 at the grid's first quarter hour;
/// the view places each item with the classes <c>cal-r-{row}</c> (first row) and <c>cal-s-{span}</c> (rows
/// covered), defined once in site.css for a whole day (the CSP forbids inline styles, so positions cannot be
/// written into the page). Items that overlap in time (a cancelled appointment and the booking that took its
/// place) go side by side in lanes, <c>cal-lane-{n}</c>, at most <see cref="MaxLanes"/>.
/// </summary>
public static class CalendarGrid
{
    public const int RowMinutes = 15;
    public const int MaxLanes = 3;
    public const int MaxRows = 24 * 60 / RowMinutes;

    private static readonly TimeOnly DefaultStart = new(9, 0);
    private static readonly TimeOnly DefaultEnd = new(18, 0);

    /// <summary>
    /// The grid's span: earliest working start to latest working end among the columns (09:00–18:00 if nobody
    /// works), widened to take in any appointment outside it. In whole quarter hours, as minutes since midnight.
    /// </summary>
    public static (int Start, int End) Span(IReadOnlyCollection<CalendarColumn> columns)
    {
        var hours = columns.SelectMany(c => c.WorkingHours).ToList();
        var start = hours.Count == 0 ? Minutes(DefaultStart) : hours.Min(h => Minutes(h.Start));
        var end = hours.Count == 0 ? Minutes(DefaultEnd) : hours.Max(h => EndMinutes(h.End));
        foreach (var a in columns.SelectMany(c => c.Appointments))
        {
            start = Math.Min(start, Minutes(a.Start));
            end = Math.Max(end, EndMinutes(a.End));
        }

        start = start / RowMinutes * RowMinutes;
        end = Math.Max(start + RowMinutes, (end + RowMinutes - 1) / RowMinutes * RowMinutes);
        return (start, Math.Min(end, 24 * 60));
    }

    /// <param name="heading">The heading of each column (a clinician's name, or a day of the week).</param>
    /// <param name="newBookingHref">The link for a free quarter hour, or null where staff may not book (clinicians).</param>
    /// <param name="localNow">Now in clinic time: quarter hours that have begun are not offered as free, and today's column gets a line at now.</param>
    public static TimeGrid Build(
        string caption, IReadOnlyList<CalendarColumn> columns, IReadOnlyDictionary<DateOnly, string?> closures,
        Func<CalendarColumn, GridHeading> heading, Func<CalendarColumn, TimeOnly, string?>? newBookingHref, DateTime localNow)
    {
        var (start, end) = Span(columns);
        var rows = (end - start) / RowMinutes;
        var labels = new List<GridTimeLabel>();
        for (var m = start; m < end; m += RowMinutes)
        {
            if (m % 30 == 0)
            {
                labels.Add(new GridTimeLabel(RowOf(m, start), Math.Min(2, (end - m) / RowMinutes), Clock(m)));
            }
        }

        var built = columns.Select(c => BuildColumn(c, start, end, closures.GetValueOrDefault(c.Date), closures.ContainsKey(c.Date), heading(c), newBookingHref, localNow)).ToList();
        return new TimeGrid(caption, newBookingHref is not null, rows, labels, built, DateOnly.FromDateTime(localNow));
    }

    private static GridColumn BuildColumn(
        CalendarColumn column, int start, int end, string? closureReason, bool closed, GridHeading heading,
        Func<CalendarColumn, TimeOnly, string?>? newBookingHref, DateTime localNow)
    {
        // Minutes of the day that have passed in this column: everything before is not free any more.
        var today = DateOnly.FromDateTime(localNow);
        // A quarter hour that starts this very minute, seconds ago, has begun too (the booking core would refuse it).
        var nowMinutes = column.Date < today ? 24 * 60 : column.Date > today ? -1 : (int)Math.Ceiling(TimeOnly.FromDateTime(localNow).ToTimeSpan().TotalMinutes);
        var working = column.WorkingHours.Select(h => (Start: Minutes(h.Start), End: EndMinutes(h.End))).ToList();
        var firstWork = working.Count == 0 ? 0 : working.Min(w => w.Start);
        var lastWork = working.Count == 0 ? 0 : working.Max(w => w.End);
        var holding = column.Appointments.Where(a => a.Status is not (AppointmentStatus.Cancelled or AppointmentStatus.NoShow))
            .Select(a => (Start: Minutes(a.Start), End: EndMinutes(a.End))).ToList();

        var backgrounds = new List<GridBackground>();
        var free = new List<(int Row, string Time, string? Href)>();
        for (var m = start; m < end; m += RowMinutes)
        {
            var slotEnd = m + RowMinutes;
            var off = column.TimeOff.FirstOrDefault(t => Minutes(t.Start) < slotEnd && EndMinutes(t.End) > m);
            var (shade, label) =
                off is not null ? (GridShade.TimeOff, string.IsNullOrWhiteSpace(off.Label) ? "Away" : "Away: " + off.Label)
                : closed ? (GridShade.Closed, string.IsNullOrWhiteSpace(closureReason) ? "Clinic closed" : "Clinic closed: " + closureReason)
                : working.Any(w => w.Start <= m && m < w.End) ? (GridShade.Working, "Working")
                : working.Count > 0 && m >= firstWork && m < lastWork ? (GridShade.Break, "Break")
                : (GridShade.NotWorking, "Not working");

            var last = backgrounds.Count == 0 ? null : backgrounds[^1];
            if (last is not null && last.Shade == shade && last.Label == label)
            {
                backgrounds[^1] = last with { Span = last.Span + 1 };
            }
            else
            {
                backgrounds.Add(new GridBackground(RowOf(m, start), 1, shade, label));
            }

            if (shade == GridShade.Working && m >= nowMinutes && !holding.Any(h => h.Start < slotEnd && h.End > m))
            {
                var time = TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(m));
                free.Add((RowOf(m, start), Clock(m), newBookingHref?.Invoke(column, time)));
            }
        }

        // Lanes: free quarter hours and appointments that hold time never overlap, so they share lane 1; a cancelled
        // appointment or a no-show (which gave its time back) goes beside whatever now fills its time.
        var items = free.Select(f => (f.Row, Span: 1, Order: 0, Free: ((int Row, string Time, string? Href)?)f, Appointment: (CalendarAppointment?)null))
            .Concat(column.Appointments.Select(a => (
                Row: RowOf(Minutes(a.Start), start),
                Span: SpanOf(Minutes(a.Start), EndMinutes(a.End), start),
                Order: a.Status is AppointmentStatus.Cancelled or AppointmentStatus.NoShow ? 1 : 0,
                Free: ((int Row, string Time, string? Href)?)null,
                Appointment: (CalendarAppointment?)a)))
            .OrderBy(i => i.Row).ThenBy(i => i.Order)
            .ToList();
        var laneEnds = new List<int>();
        var placedFree = new List<GridFree>();
        var placedAppointments = new List<GridAppointment>();
        foreach (var item in items)
        {
            var lane = laneEnds.FindIndex(e => e <= item.Row);
            if (lane < 0)
            {
                laneEnds.Add(0);
                lane = laneEnds.Count - 1;
            }

            laneEnds[lane] = item.Row + item.Span;
            var shownLane = Math.Min(lane + 1, MaxLanes);
            if (item.Free is { } f)
            {
                placedFree.Add(new GridFree(f.Row, shownLane, f.Time, f.Href));
            }
            else
            {
                placedAppointments.Add(new GridAppointment(item.Row, item.Span, shownLane, item.Appointment!));
            }
        }

        var lanes = Math.Clamp(laneEnds.Count, 1, MaxLanes);
        var onGrid = column.Date == today && nowMinutes >= start && nowMinutes < end;
        return new GridColumn(
            $"{column.ClinicianId}-{column.Date:yyyyMMdd}", heading, lanes, backgrounds, placedFree, placedAppointments, column.Date,
            onGrid ? RowOf(nowMinutes, start) : null, onGrid ? (nowMinutes - start) % RowMinutes / 5 : 0);
    }

    public static string StatusText(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Booked => "Booked",
        AppointmentStatus.Arrived => "Arrived",
        AppointmentStatus.Completed => "Completed",
        AppointmentStatus.NoShow => "No-show",
        _ => "Cancelled",
    };

    /// <summary>The words of a grid action that changes status to <paramref name="to"/>.</summary>
    public static string ActionText(AppointmentStatus to) => to switch
    {
        AppointmentStatus.Arrived => "Arrived",
        AppointmentStatus.Completed => "Completed",
        AppointmentStatus.NoShow => "No-show",
        _ => "Cancel",
    };

    /// <summary>
    /// The first eight hex digits of an appointment's version: enough for the grid's links to tell whether the appointment
    /// changed since the grid was drawn, at a tenth of a whole version's bytes (the confirmation form carries the whole one).
    /// </summary>
    public static string ShortVersion(Guid version) => version.ToString("N")[..8];

    public static string StatusClass(AppointmentStatus status) => status.ToString().ToLowerInvariant();

    public static string ShadeClass(GridShade shade) => shade switch
    {
        GridShade.Working => "working",
        GridShade.Break => "break",
        GridShade.TimeOff => "off",
        GridShade.Closed => "closed",
        _ => "notworking",
    };

    private static int RowOf(int minutes, int start) => Math.Max(0, minutes - start) / RowMinutes + 1;

    private static int SpanOf(int from, int to, int start)
    {
        var first = Math.Max(0, from - start) / RowMinutes;
        var last = (Math.Max(0, to - start) + RowMinutes - 1) / RowMinutes;
        return Math.Max(1, last - first);
    }

    private static int Minutes(TimeOnly t) => (t.Hour * 60) + t.Minute;

    private static int EndMinutes(TimeOnly t) => t == TimeOnly.MaxValue ? 24 * 60 : Minutes(t);

    private static string Clock(int minutes) =>
        TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(minutes % (24 * 60))).ToString("HH:mm", CultureInfo.InvariantCulture);
}
