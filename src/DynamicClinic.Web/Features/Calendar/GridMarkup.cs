using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using DynamicClinic.Domain.Appointments;
using Microsoft.AspNetCore.Html;

namespace DynamicClinic.Web.Features.Calendar;

/// <summary>
/// The markup of the day's many small items (grid appointments, free quarter hours, list entries), written as one
/// compact string per column. A busy day has hundreds of them: written from Razor, each carried its template's
/// indentation and every non-ASCII character as an entity, which made 10 clinicians with 300 appointments 300 KB of
/// HTML and most of the day view's rendering time (docs/benchmarks.md). The page looks the same.
/// </summary>
public static class GridMarkup
{
    // Names in Urdu or with accents stay as they are (UTF-8) instead of one entity per letter.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The free quarter hours and appointments of one grid column.</summary>
    public static IHtmlContent Items(TimeGrid grid, GridColumn column)
    {
        var sb = new StringBuilder(256 + (column.Appointments.Count * 220) + (column.Free.Count * 140));
        foreach (var f in column.Free)
        {
            var tag = f.Href is null ? "span" : "a";
            sb.Append('<').Append(tag).Append(" class=\"cal-free cal-r-").Append(f.Row).Append(" cal-s-1");
            Lane(sb, column, f.Lane);
            sb.Append('"');
            if (f.Href is not null)
            {
                sb.Append(" href=\"").Append(Encoder.Encode(f.Href)).Append('"');
            }

            sb.Append('>').Append(f.Time).Append(" free");
            if (f.Href is not null)
            {
                sb.Append("<span class=\"cal-sr\">, book</span>");
            }

            sb.Append("</").Append(tag).Append('>');
        }

        foreach (var g in column.Appointments)
        {
            Appointment(sb, grid, column, g);
        }

        return new HtmlString(sb.ToString());
    }

    private static void Appointment(StringBuilder sb, TimeGrid grid, GridColumn column, GridAppointment g)
    {
        var a = g.Appointment;
        var movable = grid.LinkAppointments && a.Status is AppointmentStatus.Booked or AppointmentStatus.Arrived;
        var v = CalendarGrid.ShortVersion(a.Version);
        sb.Append("<div class=\"cal-appt cal-appt--").Append(CalendarGrid.StatusClass(a.Status))
            .Append(" cal-r-").Append(g.Row).Append(" cal-s-").Append(g.Span);
        Lane(sb, column, g.Lane);
        sb.Append('"');
        if (movable)
        {
            // The actions (calendar.js writes them as links from these: each opens a one-button confirmation) and drag
            // to move: the reference, the version the grid showed (so the confirmation can say if someone changed the
            // appointment meanwhile), and the status changes offered now besides cancel and move. Without script the
            // appointment's own page has the same actions.
            sb.Append(" data-ref=\"").Append(Encoder.Encode(a.Reference)).Append("\" data-v=\"").Append(v).Append('"');
            var first = true;
            foreach (var next in AppointmentStatusRules.OfferedNow(a.Status, column.Date, grid.Today, a.Started))
            {
                sb.Append(first ? " data-acts=\"" : " ").Append(next);
                first = false;
            }

            if (!first)
            {
                sb.Append('"');
            }
        }

        sb.Append('>');
        if (grid.LinkAppointments)
        {
            sb.Append("<a href=\"/staff/appointments/").Append(Encoder.Encode(a.Reference)).Append("\">");
        }

        sb.Append("<b>");
        Time(sb, a.Start, a.End);
        sb.Append("</b> <b>").Append(Encoder.Encode(a.PatientName)).Append("</b> <i>").Append(CalendarGrid.StatusText(a.Status))
            .Append("</i>");
        Confirmed(sb, a);
        sb.Append(' ').Append(Encoder.Encode(a.TreatmentName));
        if (grid.LinkAppointments)
        {
            sb.Append("</a>");
        }

        sb.Append("</div>");
    }

    /// <summary>One clinician's appointments as list entries (the week view's list, read day by day).</summary>
    public static IHtmlContent ListItems(IReadOnlyList<CalendarAppointment> appointments, bool linkAppointments)
    {
        var sb = new StringBuilder(appointments.Count * 160);
        foreach (var a in appointments)
        {
            sb.Append("<li class=\"ci ci--").Append(CalendarGrid.StatusClass(a.Status)).Append("\"><b>");
            Time(sb, a.Start, a.End);
            sb.Append("</b> ");
            if (linkAppointments)
            {
                sb.Append("<a href=\"/staff/appointments/").Append(Encoder.Encode(a.Reference)).Append("\">")
                    .Append(Encoder.Encode(a.PatientName)).Append("</a>");
            }
            else
            {
                sb.Append("<span>").Append(Encoder.Encode(a.PatientName)).Append("</span>");
            }

            sb.Append(" <span>").Append(Encoder.Encode(a.TreatmentName)).Append("</span> <span>")
                .Append(CalendarGrid.StatusText(a.Status)).Append("</span>");
            Confirmed(sb, a);
            sb.Append("</li>");
        }

        return new HtmlString(sb.ToString());
    }

    // A tick after the status marks an appointment the patient confirmed by replying to the reminder; screen readers
    // hear "confirmed by patient" instead.
    private static void Confirmed(StringBuilder sb, CalendarAppointment a)
    {
        if (a.ConfirmedByPatient)
        {
            sb.Append("<span class=\"cal-confirmed\" title=\"Confirmed by patient\"><span aria-hidden=\"true\">✓</span><span class=\"cal-sr\">, confirmed by patient</span></span>");
        }
    }

    // Lanes only matter where items overlap; a one-lane column places everything in its only column.
    private static void Lane(StringBuilder sb, GridColumn column, int lane)
    {
        if (column.Lanes > 1)
        {
            sb.Append(" cal-lane-").Append(lane);
        }
    }

    private static void Time(StringBuilder sb, TimeOnly start, TimeOnly end)
    {
        sb.Append(start.ToString("HH:mm", Inv)).Append('–').Append(end == TimeOnly.MaxValue ? "24:00" : end.ToString("HH:mm", Inv));
    }
}
