using DynamicClinic.Domain.Appointments;
using DynamicClinic.Web.Features.Calendar;

namespace DynamicClinic.UnitTests.Calendar;

public class CalendarGridTests
{
    private static readonly DateOnly Day = new(2026, 12, 1);
    private static readonly Dictionary<DateOnly, string?> NoClosures = [];

    private static CalendarColumn Column(
        CalendarBlock[] hours, CalendarBlock[]? off = null, CalendarAppointment[]? appointments = null) =>
        new(1, "Dr Test", Day, hours, off ?? [], appointments ?? []);

    private static CalendarBlock Block(int fromHour, int fromMinute, int toHour, int toMinute, string label = "Working") =>
        new(new TimeOnly(fromHour, fromMinute), new TimeOnly(toHour, toMinute), label);

    private static CalendarAppointment Appointment(int hour, int minute, int minutes, AppointmentStatus status = AppointmentStatus.Booked)
    {
        var start = new TimeOnly(hour, minute);
        return new CalendarAppointment(1, "DC-TEST01", start, start.AddMinutes(minutes), "P", "+92", "T", status, AppointmentSource.Phone);
    }

    private static TimeGrid Build(params CalendarColumn[] columns) => BuildAt(new DateTime(2026, 11, 27, 10, 0, 0), columns);

    private static TimeGrid BuildAt(DateTime localNow, params CalendarColumn[] columns) =>
        CalendarGrid.Build("test", columns, NoClosures, c => new GridHeading(c.ClinicianName, null, []), (c, t) => t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), localNow);

    [Fact]
    public void OnTheDayQuarterHoursThatHaveBegunAreNotFreeAndALineMarksNow()
    {
        // 10:40 on the day: 10:30 has begun, 10:45 is the first free time; the line sits 10 minutes into the 10:30 row.
        var grid = BuildAt(Day.ToDateTime(new TimeOnly(10, 40)), Column([Block(10, 0, 12, 0)]));
        var column = grid.Columns[0];

        Assert.Equal("10:45", column.Free[0].Time);
        Assert.Equal(5, column.Free.Count);
        Assert.Equal(3, column.NowRow);
        Assert.Equal(2, column.NowFifths);
        Assert.Null(Build(Column([Block(10, 0, 12, 0)])).Columns[0].NowRow);
        Assert.Empty(BuildAt(Day.AddDays(1).ToDateTime(TimeOnly.MinValue), Column([Block(10, 0, 12, 0)])).Columns[0].Free);
    }

    [Fact]
    public void SpanIsNineToSixWhenNobodyWorks()
    {
        Assert.Equal((9 * 60, 18 * 60), CalendarGrid.Span([Column([])]));
    }

    [Fact]
    public void SpanRunsFromEarliestStartToLatestEndAndTakesInAppointmentsOutsideIt()
    {
        var columns = new[]
        {
            Column([Block(10, 0, 13, 0)]),
            Column([Block(11, 0, 19, 10)], appointments: [Appointment(8, 50, 20)]),
        };

        // 08:50 rounds down to 08:45, 19:10 up to 19:15.
        Assert.Equal((8 * 60 + 45, 19 * 60 + 15), CalendarGrid.Span(columns));
    }

    [Fact]
    public void GapsBetweenWorkingIntervalsAreBreaksAndTheRestIsNotWorking()
    {
        var grid = Build(Column([Block(10, 0, 12, 0), Block(13, 0, 14, 0)]), Column([Block(9, 0, 15, 0)]));
        var column = grid.Columns[0];

        Assert.Equal(24, grid.Rows);
        Assert.Equal(
            [(1, 4, GridShade.NotWorking), (5, 8, GridShade.Working), (13, 4, GridShade.Break), (17, 4, GridShade.Working), (21, 4, GridShade.NotWorking)],
            column.Backgrounds.Select(b => (b.Row, b.Span, b.Shade)).ToList());
        Assert.Equal(12, column.Free.Count);
        Assert.Equal("10:00", column.Free[0].Href);
    }

    [Fact]
    public void TimeOffIsNamedAndOffersNoFreeTime()
    {
        var column = Build(Column([Block(10, 0, 12, 0)], off: [Block(11, 0, 11, 30, "Training")])).Columns[0];

        var away = Assert.Single(column.Backgrounds, b => b.Shade == GridShade.TimeOff);
        Assert.Equal("Away: Training", away.Label);
        Assert.Equal((5, 2), (away.Row, away.Span));
        Assert.DoesNotContain(column.Free, f => f.Time is "11:00" or "11:15");
    }

    [Fact]
    public void AppointmentsTakeTheirRowsAndACancelledOneGoesBesideItsReplacement()
    {
        var column = Build(Column(
            [Block(10, 0, 12, 0)],
            appointments: [Appointment(10, 0, 30, AppointmentStatus.Cancelled), Appointment(10, 0, 45), Appointment(11, 10, 20)])).Columns[0];

        Assert.Equal(2, column.Lanes);
        Assert.Equal(
            [(1, 2, 2), (1, 3, 1), (5, 2, 1)],
            column.Appointments.Select(a => (a.Row, a.Span, a.Lane)).OrderBy(a => a.Item1).ThenBy(a => a.Item2).ToList());
        Assert.Equal(["10:45", "11:30", "11:45"], column.Free.Select(f => f.Time).ToList());
    }
}
