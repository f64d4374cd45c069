using System.Globalization;
using System.Text;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Billing;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Domain.SessionPlans;
using DynamicClinic.Web.Features.Admin;
using DynamicClinic.Web.Features.Billing;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DynamicClinic.Web.Features.Reports;

/// <summary>One bar of a chart and one row of the table beside it.</summary>
public sealed record ReportRow(string Label, decimal Value, string Shown);

/// <summary>A report shown as a bar chart (server-rendered SVG) with its data table, and in the CSV.</summary>
/// <param name="IsRate">The values are percentages: the chart draws them against 100 %, not against the largest one
/// (5.6 % utilisation drawn as a full bar misled).</param>
public sealed record Report(string Id, string Title, string ValueHeading, IReadOnlyList<ReportRow> Rows, string? Note = null, bool IsRate = false);

public sealed record ReportsPage(DateOnly From, DateOnly To, string? OnlyClinician, IReadOnlyList<Report> Reports);

/// <summary>
/// The owner's reports for a period of clinic days: revenue by treatment and by clinician, takings by method,
/// outstanding balances, bookings by source, no-shows and late cancellations, utilisation and course completion.
/// The counting and adding up is done by the database (GROUP BY), in queries both providers translate; only a few
/// rows per report come back. A clinician sees only their own figures (<c>onlyClinicianId</c>).
/// </summary>
public sealed class OwnerReports(ClinicDbContext db, ClinicClock clock, Infrastructure.Settings.ClinicSettingsService settings, IServiceScopeFactory scopes)
{
    public async Task<ReportsPage> ForAsync(DateOnly from, DateOnly to, int? onlyClinicianId, CancellationToken cancellationToken)
    {
        var start = StartOfDayUtc(from);
        var end = StartOfDayUtc(to.AddDays(1));

        // The dearest read, the period's invoice lines by treatment and price, runs on a second connection while this
        // one reads everything else: the owner waits for the longer of the two, not for their sum (a year of 100,000
        // invoices: about 100 ms of the report's 400, bench/reports.sh). On its own thread, because SQLite's "async"
        // commands run synchronously.
        var linesTask = Task.Run(() => LinesByTreatmentAsync(start, end, onlyClinicianId, cancellationToken), cancellationToken);
        var clinicians = await db.Clinicians.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.DisplayName, cancellationToken);
        var treatments = await db.Treatments.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);

        var invoices = PeriodInvoices(db, start, end, onlyClinicianId);
        var reports = new List<Report>();

        // Totals and discounts by clinician in one pass over the period's invoices (from their index alone).
        var totals = await invoices.GroupBy(i => i.ClinicianId)
            .Select(g => new { ClinicianId = g.Key, Total = g.Sum(i => i.TotalRupees), Discounts = g.Sum(i => i.DiscountRupees) })
            .ToListAsync(cancellationToken);
        var discounts = Money.Sum(totals.Select(t => Money.Of(t.Discounts)));

        reports.Add(new Report("revenue-clinician", "Revenue by clinician", "Invoiced",
            totals.GroupBy(i => i.ClinicianId is { } c && clinicians.TryGetValue(c, out var name) ? name : "At the desk (no appointment)")
                .Select(g => Row(g.Key, Money.Sum(g.Select(i => Money.Of(i.Total))))).OrderByDescending(r => r.Value).ToList()));

        if (onlyClinicianId is null)
        {
            // Grouped by the method's id (no join per payment); the few methods are named here.
            var methods = await db.PaymentMethods.AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.Name, cancellationToken);
            var payments = await db.Payments.AsNoTracking().Where(p => p.TakenUtc >= start && p.TakenUtc < end)
                .GroupBy(p => new { p.PaymentMethodId, p.Kind })
                .Select(g => new { g.Key.PaymentMethodId, g.Key.Kind, Amount = g.Sum(p => p.AmountRupees) }).ToListAsync(cancellationToken);
            reports.Add(new Report("takings-method", "Takings by method", "Net taken",
                payments.GroupBy(p => methods[p.PaymentMethodId]).Select(g => Row(g.Key, Money.Sum(g.Select(p => p.Kind == PaymentKind.Refund ? -Money.Of(p.Amount) : Money.Of(p.Amount)))))
                    .OrderByDescending(r => r.Value).ToList()));
        }

        // Outstanding: every issued invoice with something still owed, whenever it was issued, in three bands of age
        // (clinic days since it was issued: up to 30, 31 to 90, over 90).
        var owing = db.Invoices.AsNoTracking().Where(i => i.Kind == InvoiceKind.Invoice && i.Status == InvoiceStatus.Issued && i.TotalRupees - i.ReleasedRupees > i.PaidRupees);
        if (onlyClinicianId is { } own)
        {
            owing = owing.Where(i => i.ClinicianId == own);
        }

        var within30 = StartOfDayUtc(clock.Today.AddDays(-30));
        var within90 = StartOfDayUtc(clock.Today.AddDays(-90));
        var balances = await owing.GroupBy(i => i.IssuedUtc >= within30 ? 0 : i.IssuedUtc >= within90 ? 1 : 2)
            .Select(g => new { Band = g.Key, Count = g.Count(), Owed = g.Sum(i => i.TotalRupees - i.ReleasedRupees - i.PaidRupees) })
            .ToListAsync(cancellationToken);
        reports.Add(new Report("outstanding", "Outstanding balances by age", "Owed",
            balances.OrderBy(b => b.Band)
                .Select(b => Row($"{AgeBands[b.Band]} ({b.Count} invoice{(b.Count == 1 ? "" : "s")})", Money.Of(b.Owed))).ToList()));

        var appointments = db.Appointments.AsNoTracking().Where(a => a.StartUtc >= start && a.StartUtc < end);
        if (onlyClinicianId is { } me)
        {
            appointments = appointments.Where(a => a.ClinicianId == me);
        }

        // Two passes over the period's appointments, both from the StartUtc index alone and with no date arithmetic in
        // the database (working out each row's clinic day there cost more than everything else together):
        // - by status, source and clinician: a few hundred rows at most, for sources, the rates by clinician and the
        //   booked time of utilisation (summed in whole seconds by ClinicDbFunctions: neither provider subtracts two
        //   times from plain C#). Status leads the key: grouped by clinician first, SQLite would rather skip through
        //   the clinician index and fetch every row;
        // - by start time: one row per distinct start (the clinicians share the diary's times), whose clinic weekday is
        //   worked out here, exactly, whatever the time zone's rules, for the rates by weekday.
        var byClinician = await appointments.GroupBy(a => new { a.Status, a.Source, Course = a.SessionPlanId != null, a.ClinicianId })
            .Select(g => new
            {
                g.Key.Status,
                g.Key.Source,
                g.Key.Course,
                g.Key.ClinicianId,
                Count = g.Count(),
                Seconds = g.Sum(a => ClinicDbFunctions.SecondsBetween(a.StartUtc, a.EndUtc)),
            })
            .ToListAsync(cancellationToken);
        var byStart = (await appointments.GroupBy(a => a.StartUtc)
                .Select(g => new Tally(g.Key, g.Count(),
                    g.Count(a => a.Status == AppointmentStatus.NoShow || a.Status == AppointmentStatus.Completed || a.Status == AppointmentStatus.Arrived),
                    g.Count(a => a.Status == AppointmentStatus.NoShow)))
                .ToListAsync(cancellationToken))
            .GroupBy(t => clock.ToClinicTime(t.StartUtc).DayOfWeek)
            .Select(g => new { Weekday = g.Key, All = g.Sum(t => t.All), Due = g.Sum(t => t.Due), NoShows = g.Sum(t => t.NoShows) })
            .OrderBy(w => ((int)w.Weekday + 6) % 7).ToList();

        reports.Add(new Report("bookings-source", "Bookings by source", "Bookings",
            byClinician.GroupBy(s => s.Course ? "Course session" : Describe(s.Source))
                .Select(g => Whole(g.Key, g.Sum(s => s.Count))).OrderByDescending(r => r.Value).ToList()));

        static bool IsDue(AppointmentStatus status) => status is AppointmentStatus.NoShow or AppointmentStatus.Completed or AppointmentStatus.Arrived;
        var perClinician = byClinician.GroupBy(c => c.ClinicianId)
            .Select(g => new
            {
                ClinicianId = g.Key,
                All = g.Sum(c => c.Count),
                Due = g.Where(c => IsDue(c.Status)).Sum(c => c.Count),
                NoShows = g.Where(c => c.Status == AppointmentStatus.NoShow).Sum(c => c.Count),
            })
            .ToList();
        reports.Add(new Report("no-shows", "No-show rate by clinician", "No-shows",
            perClinician.Where(t => t.Due > 0).GroupBy(t => clinicians.GetValueOrDefault(t.ClinicianId, "Unknown"))
                .Select(g => Rate(g.Key, g.Sum(t => t.NoShows), g.Sum(t => t.Due)))
                .OrderByDescending(r => r.Value).ThenBy(r => r.Label, StringComparer.Ordinal).ToList(),
            "Of the appointments that were due to happen (cancelled ones left out).", IsRate: true));

        reports.Add(new Report("no-shows-weekday", "No-show rate by weekday", "No-shows",
            byStart.Where(w => w.Due > 0).Select(w => Rate(w.Weekday.ToString(), w.NoShows, w.Due)).ToList(),
            "Of the appointments that were due to happen, by the day of the week they fell on.", IsRate: true));

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
            perClinician
                .Select(t => Rate(clinicians.GetValueOrDefault(t.ClinicianId, "Unknown"), lateByClinician.Count(l => l.ClinicianId == t.ClinicianId), t.All))
                .OrderByDescending(r => r.Value).ThenBy(r => r.Label, StringComparer.Ordinal).ToList(),
            lateNote, IsRate: true));
        reports.Add(new Report("late-cancellations-weekday", "Late-cancellation rate by weekday", "Late cancellations",
            byStart.Select(w => Rate(w.Weekday.ToString(), lateByClinician.Count(l => clock.ToClinicTime(l.StartUtc).DayOfWeek == w.Weekday), w.All)).ToList(),
            lateNote, IsRate: true));

        // Booked time counts the appointments that hold time and were not missed.
        var booked = byClinician.Where(c => c.Status is AppointmentStatus.Booked or AppointmentStatus.Arrived or AppointmentStatus.Completed)
            .GroupBy(c => c.ClinicianId).ToDictionary(g => g.Key, g => g.Sum(c => c.Seconds) / 60.0);
        reports.Add(await UtilisationAsync(from, to, start, end, onlyClinicianId, clinicians, booked, cancellationToken));

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

        // Revenue by treatment comes first on the page; its figures come from the second connection.
        var byTreatment = (await linesTask)
            .GroupBy(l => l.TreatmentId is { } t && treatments.TryGetValue(t, out var name) ? name : "Products and other")
            .Select(g => Row(g.Key, Money.Sum(g.Select(l => Money.Of(l.UnitRupees) * l.Quantity))))
            .OrderByDescending(r => r.Value).ToList();
        reports.Insert(0, new Report("revenue-treatment", "Revenue by treatment", "Invoiced", byTreatment,
            discounts.IsZero ? null : $"Before discounts, which came to {discounts} in all."));

        return new ReportsPage(from, to, onlyClinicianId is { } c ? clinicians.GetValueOrDefault(c) : null, reports);
    }

    private static IQueryable<Invoice> PeriodInvoices(ClinicDbContext context, DateTime start, DateTime end, int? onlyClinicianId)
    {
        var invoices = context.Invoices.AsNoTracking()
            .Where(i => i.Kind == InvoiceKind.Invoice && i.Status == InvoiceStatus.Issued && i.IssuedUtc >= start && i.IssuedUtc < end);
        return onlyClinicianId is { } mine ? invoices.Where(i => i.ClinicianId == mine) : invoices;
    }

    /// <summary>
    /// Sums of whole rupees in the database: the amounts are stored as integers (MoneyConverters), which both providers
    /// add up exactly. A line's value is its unit price times its quantity, so lines are grouped by price and their
    /// quantities summed (SQLite would multiply a decimal as text); the few groups are priced by the caller. Reads on
    /// a context of its own (a scope of its own), so it can run beside the request's.
    /// </summary>
    private async Task<List<LineSum>> LinesByTreatmentAsync(DateTime start, DateTime end, int? onlyClinicianId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var other = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        return await PeriodInvoices(other, start, end, onlyClinicianId).SelectMany(i => i.Lines)
            .GroupBy(l => new { TreatmentId = l.Kind == InvoiceLineKind.Product ? null : l.TreatmentId, l.UnitRupees })
            .Select(g => new LineSum(g.Key.TreatmentId, g.Key.UnitRupees, g.Sum(l => l.Quantity)))
            .ToListAsync(cancellationToken);
    }

    private sealed record LineSum(int? TreatmentId, decimal UnitRupees, int Quantity);

    /// <summary>
    /// Utilisation per clinician: the hours booked (appointments that hold time and were not missed: booked, arrived,
    /// completed) over the hours they were due to work (their week, less closures and time off, see
    /// <see cref="WorkingTime"/>). Booked time outside working hours still counts, so an overbooked day can pass 100 %.
    /// <paramref name="booked"/> holds the booked minutes per clinician.
    /// </summary>
    private async Task<Report> UtilisationAsync(DateOnly from, DateOnly to, DateTime start, DateTime end, int? onlyClinicianId,
        Dictionary<int, string> clinicians, Dictionary<int, double> booked, CancellationToken cancellationToken)
    {
        var weekly = await db.WorkingHours.AsNoTracking().Where(h => onlyClinicianId == null || h.ClinicianId == onlyClinicianId)
            .Select(h => new { h.ClinicianId, h.DayOfWeek, h.Start, h.End }).ToListAsync(cancellationToken);
        var timeOff = await db.TimeOff.AsNoTracking().Where(t => t.EndUtc > start && t.StartUtc < end && (onlyClinicianId == null || t.ClinicianId == onlyClinicianId))
            .Select(t => new { t.ClinicianId, t.StartUtc, t.EndUtc }).ToListAsync(cancellationToken);
        var closures = (await db.ClinicClosures.AsNoTracking().Where(c => c.Date >= from && c.Date <= to).Select(c => c.Date).ToListAsync(cancellationToken)).ToHashSet();

        var rows = new List<ReportRow>();
        foreach (var id in weekly.Select(h => h.ClinicianId).Concat(booked.Keys).Distinct())
        {
            var schedule = new ClinicianSchedule(id,
                [.. weekly.Where(h => h.ClinicianId == id).Select(h => new WeeklyInterval(h.DayOfWeek, h.Start, h.End))],
                [.. timeOff.Where(t => t.ClinicianId == id).Select(t => new UtcRange(t.StartUtc, t.EndUtc))]);
            var working = WorkingTime.Between(schedule, from, to, closures, clock.TimeZone).TotalMinutes;
            var bookedMinutes = booked.GetValueOrDefault(id);
            if (working == 0 && bookedMinutes == 0)
            {
                continue;
            }

            var rate = working == 0 ? 0 : Math.Round(100m * (decimal)bookedMinutes / (decimal)working, 1, MidpointRounding.AwayFromZero);
            rows.Add(new ReportRow(clinicians.GetValueOrDefault(id, "Unknown"), rate,
                $"{rate.ToString("0.#", CultureInfo.InvariantCulture)} % ({Hours(bookedMinutes)} of {Hours(working)} h)"));
        }

        return new Report("utilisation", "Utilisation by clinician", "Booked of working hours",
            [.. rows.OrderByDescending(r => r.Value).ThenBy(r => r.Label, StringComparer.Ordinal)],
            "Hours booked (booked, arrived and completed appointments) of the hours each clinician was due to work: their weekly hours less clinic closures and time off.",
            IsRate: true);
    }

    /// <summary>Minutes as hours to one decimal place (short enough to sit beside the bar).</summary>
    private static string Hours(double minutes) =>
        Math.Round((decimal)minutes / 60, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture);

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

    private static readonly string[] AgeBands = ["Up to 30 days", "31 to 90 days", "Over 90 days"];

    private DateTime StartOfDayUtc(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), clock.TimeZone);

    /// <summary>Appointments starting at one time: in all, due to happen (not cancelled), missed.</summary>
    private sealed record Tally(DateTime StartUtc, int All, int Due, int NoShows);
}
