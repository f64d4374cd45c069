using System.Globalization;
using System.Text;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Billing;
using DynamicClinic.Domain.SessionPlans;
using DynamicClinic.Web.Features.Admin;
using DynamicClinic.Web.Features.Billing;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Reports;

/// <summary>One bar of a chart and one row of the table beside it.</summary>
public sealed record ReportRow(string Label, decimal Value, string Shown);

/// <summary>A report shown as a bar chart (server-rendered SVG) with its data table, and in the CSV.</summary>
public sealed record Report(string Id, string Title, string ValueHeading, IReadOnlyList<ReportRow> Rows, string? Note = null);

public sealed record ReportsPage(DateOnly From, DateOnly To, string? OnlyClinician, IReadOnlyList<Report> Reports);

/// <summary>
/// The owner's reports for a period of clinic days: revenue by treatment and by clinician, takings by method,
/// outstanding balances, bookings by source and no-shows by clinician. Amounts are sums of whole rupees, read as
/// integers and added up here (SQLite keeps no decimal type, see MoneyConverters). A clinician sees only their own
/// figures (<paramref name="onlyClinicianId"/>).
/// </summary>
public sealed class OwnerReports(ClinicDbContext db, ClinicClock clock, Infrastructure.Settings.ClinicSettingsService settings)
{
    public async Task<ReportsPage> ForAsync(DateOnly from, DateOnly to, int? onlyClinicianId, CancellationToken cancellationToken)
    {
        var start = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), clock.TimeZone);
        var end = TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), clock.TimeZone);
        var clinicians = await db.Clinicians.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.DisplayName, cancellationToken);
        var treatments = await db.Treatments.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);

        var invoices = db.Invoices.AsNoTracking()
            .Where(i => i.Kind == InvoiceKind.Invoice && i.Status == InvoiceStatus.Issued && i.IssuedUtc >= start && i.IssuedUtc < end);
        if (onlyClinicianId is { } mine)
        {
            invoices = invoices.Where(i => i.ClinicianId == mine);
        }

        var reports = new List<Report>();
        var lines = await invoices.SelectMany(i => i.Lines.Select(l => new { l.TreatmentId, l.Kind, l.Quantity, l.UnitRupees }))
            .ToListAsync(cancellationToken);
        var discounts = Money.Sum((await invoices.Select(i => i.DiscountRupees).ToListAsync(cancellationToken)).Select(Money.Of));
        var byTreatment = lines
            .GroupBy(l => l.TreatmentId is { } t && l.Kind != InvoiceLineKind.Product && treatments.TryGetValue(t, out var name) ? name : "Products and other")
            .Select(g => Row(g.Key, Money.Sum(g.Select(l => Money.Of(l.UnitRupees) * l.Quantity))))
            .OrderByDescending(r => r.Value).ToList();
        reports.Add(new Report("revenue-treatment", "Revenue by treatment", "Invoiced", byTreatment,
            discounts.IsZero ? null : $"Before discounts, which came to {discounts} in all."));

        var totals = await invoices.Select(i => new { i.ClinicianId, i.TotalRupees, i.PaidRupees }).ToListAsync(cancellationToken);
        reports.Add(new Report("revenue-clinician", "Revenue by clinician", "Invoiced",
            totals.GroupBy(i => i.ClinicianId is { } c && clinicians.TryGetValue(c, out var name) ? name : "At the desk (no appointment)")
                .Select(g => Row(g.Key, Money.Sum(g.Select(i => Money.Of(i.TotalRupees))))).OrderByDescending(r => r.Value).ToList()));

        if (onlyClinicianId is null)
        {
            var payments = await db.Payments.AsNoTracking().Where(p => p.TakenUtc >= start && p.TakenUtc < end)
                .Select(p => new { Method = p.PaymentMethod!.Name, p.Kind, p.AmountRupees }).ToListAsync(cancellationToken);
            reports.Add(new Report("takings-method", "Takings by method", "Net taken",
                payments.GroupBy(p => p.Method).Select(g => Row(g.Key, Money.Sum(g.Select(p => p.Kind == PaymentKind.Refund ? -Money.Of(p.AmountRupees) : Money.Of(p.AmountRupees)))))
                    .OrderByDescending(r => r.Value).ToList()));
        }

        // Outstanding: every issued invoice with something still owed, whenever it was issued.
        var owing = db.Invoices.AsNoTracking().Where(i => i.Kind == InvoiceKind.Invoice && i.Status == InvoiceStatus.Issued);
        if (onlyClinicianId is { } own)
        {
            owing = owing.Where(i => i.ClinicianId == own);
        }

        var balances = (await owing.Select(i => new { i.IssuedUtc, TotalRupees = i.TotalRupees - i.ReleasedRupees, i.PaidRupees }).ToListAsync(cancellationToken))
            .Where(i => i.TotalRupees > i.PaidRupees).ToList();
        reports.Add(new Report("outstanding", "Outstanding balances by age", "Owed",
            balances.GroupBy(i => Age(i.IssuedUtc!.Value)).OrderBy(g => g.Key.Order)
                .Select(g => Row($"{g.Key.Label} ({g.Count()} invoice{(g.Count() == 1 ? "" : "s")})", Money.Sum(g.Select(i => Money.Of(i.TotalRupees - i.PaidRupees))))).ToList()));

        var appointments = db.Appointments.AsNoTracking().Where(a => a.StartUtc >= start && a.StartUtc < end);
        if (onlyClinicianId is { } me)
        {
            appointments = appointments.Where(a => a.ClinicianId == me);
        }

        var visits = await appointments.Select(a => new { a.Source, a.Status, a.ClinicianId, a.SessionPlanId, a.StartUtc }).ToListAsync(cancellationToken);
        reports.Add(new Report("bookings-source", "Bookings by source", "Bookings",
            visits.GroupBy(v => v.SessionPlanId is not null ? "Course session" : Describe(v.Source))
                .Select(g => new ReportRow(g.Key, g.Count(), g.Count().ToString("#,##0", CultureInfo.InvariantCulture))).OrderByDescending(r => r.Value).ToList()));
        reports.Add(new Report("no-shows", "No-show rate by clinician", "No-shows",
            visits.Where(v => v.Status is AppointmentStatus.NoShow or AppointmentStatus.Completed or AppointmentStatus.Arrived)
                .GroupBy(v => clinicians.GetValueOrDefault(v.ClinicianId, "Unknown"))
                .Select(g =>
                {
                    var rate = Math.Round(100m * g.Count(v => v.Status == AppointmentStatus.NoShow) / g.Count(), 1, MidpointRounding.AwayFromZero);
                    return new ReportRow(g.Key, rate, $"{rate.ToString("0.#", CultureInfo.InvariantCulture)} % of {g.Count()}");
                })
                .OrderByDescending(r => r.Value).ToList(),
            "Of the appointments that were due to happen (cancelled ones left out)."));

        reports.Add(new Report("no-shows-weekday", "No-show rate by weekday", "No-shows",
            visits.Where(v => v.Status is AppointmentStatus.NoShow or AppointmentStatus.Completed or AppointmentStatus.Arrived)
                .GroupBy(v => clock.ToClinicTime(v.StartUtc).DayOfWeek).OrderBy(g => ((int)g.Key + 6) % 7)
                .Select(g => Rate(g.Key.ToString(), g.Count(v => v.Status == AppointmentStatus.NoShow), g.Count())).ToList(),
            "Of the appointments that were due to happen, by the day of the week they fell on."));

        // Late: cancelled (by anyone) less than the clinic's cancellation cut-off before the start; the time of the
        // cancellation is its audit entry's.
        var cutoff = (await settings.GetAsync(cancellationToken)).CancellationCutoff;
        var cancelled = await appointments.Where(a => a.Status == AppointmentStatus.Cancelled)
            .Select(a => new
            {
                a.ClinicianId,
                a.StartUtc,
                CancelledUtc = db.AuditEntries.Where(e => e.Action == AuditActions.AppointmentCancelled && e.EntityType == AuditEntityTypes.Appointment && e.EntityId == a.Reference)
                    .Max(e => (DateTime?)e.OccurredUtc),
            })
            .ToListAsync(cancellationToken);
        var lateByClinician = cancelled.Where(c => c.CancelledUtc is { } at && c.StartUtc - at < cutoff).ToList();
        var lateNote = $"Cancelled less than {cutoff.TotalHours.ToString("0", CultureInfo.InvariantCulture)} hours before the start, of all appointments in the period.";
        reports.Add(new Report("late-cancellations", "Late-cancellation rate by clinician", "Late cancellations",
            visits.GroupBy(v => v.ClinicianId)
                .Select(g => Rate(clinicians.GetValueOrDefault(g.Key, "Unknown"), lateByClinician.Count(l => l.ClinicianId == g.Key), g.Count()))
                .OrderByDescending(r => r.Value).ThenBy(r => r.Label, StringComparer.Ordinal).ToList(),
            lateNote));
        reports.Add(new Report("late-cancellations-weekday", "Late-cancellation rate by weekday", "Late cancellations",
            visits.GroupBy(v => clock.ToClinicTime(v.StartUtc).DayOfWeek).OrderBy(g => ((int)g.Key + 6) % 7)
                .Select(g => Rate(g.Key.ToString(), lateByClinician.Count(l => clock.ToClinicTime(l.StartUtc).DayOfWeek == g.Key), g.Count())).ToList(),
            lateNote));

        // Courses started in the period and where they are now.
        var plans = db.SessionPlans.AsNoTracking().Where(p => p.StartDate >= from && p.StartDate <= to);
        if (onlyClinicianId is { } mine2)
        {
            plans = plans.Where(p => p.ClinicianId == mine2);
        }

        var courses = await plans.GroupBy(p => p.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(SessionPlanStatus status) => courses.Where(c => c.Status == status).Sum(c => c.Count);
        var started = courses.Sum(c => c.Count);
        reports.Add(new Report("course-completion", "Course completion", "Courses",
            started == 0 ? [] :
            [
                Whole("Started", started),
                Whole("Finished", Count(SessionPlanStatus.Completed)),
                Whole("Dropped (discontinued)", Count(SessionPlanStatus.Discontinued)),
                Whole("Still going", Count(SessionPlanStatus.Active)),
            ],
            "Courses that started in the period."));

        return new ReportsPage(from, to, onlyClinicianId is { } c ? clinicians.GetValueOrDefault(c) : null, reports);
    }

    /// <summary>The clinician linked to a staff account, for a clinician's own figures.</summary>
    public Task<int?> ClinicianOfAsync(string? staffUserId, CancellationToken cancellationToken) =>
        db.Clinicians.AsNoTracking().Where(c => c.StaffUserId == staffUserId).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);

    public static string Csv(ReportsPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var csv = new StringBuilder();
        csv.Append(AuditCsv.Line(["Report", "Item", "Value", "From", "To"]));
        foreach (var report in page.Reports)
        {
            foreach (var row in report.Rows)
            {
                csv.Append(AuditCsv.Line([report.Title, row.Label, row.Value.ToString("0.##", CultureInfo.InvariantCulture),
                    page.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), page.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]));
            }
        }

        return csv.ToString();
    }

    private static ReportRow Row(string label, Money amount) => new(label, amount.Rupees, amount.ToString());

    private static ReportRow Whole(string label, int count) => new(label, count, count.ToString("#,##0", CultureInfo.InvariantCulture));

    /// <summary>A percentage to one decimal place, halves away from zero, shown with what it is of.</summary>
    private static ReportRow Rate(string label, int count, int of)
    {
        var rate = of == 0 ? 0 : Math.Round(100m * count / of, 1, MidpointRounding.AwayFromZero);
        return new ReportRow(label, rate, $"{rate.ToString("0.#", CultureInfo.InvariantCulture)} % of {of}");
    }

    private static string Describe(AppointmentSource source) => source switch
    {
        AppointmentSource.WalkIn => "Walk-in",
        AppointmentSource.SessionPlan => "Course session",
        _ => source.ToString(),
    };

    private (int Order, string Label) Age(DateTime issuedUtc)
    {
        var days = clock.Today.DayNumber - DateOnly.FromDateTime(clock.ToClinicTime(issuedUtc)).DayNumber;
        return days switch
        {
            <= 30 => (0, "Up to 30 days"),
            <= 90 => (1, "31 to 90 days"),
            _ => (2, "Over 90 days"),
        };
    }
}
