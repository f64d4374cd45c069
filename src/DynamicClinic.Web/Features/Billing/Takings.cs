using System.Globalization;
using System.Text;
using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Billing;
using DynamicClinic.Domain.Text;
using DynamicClinic.Web.Features.Admin;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Billing;

public sealed record TakingsLine(string Name, Money Taken, Money Refunded)
{
    public Money Net => Taken - Refunded;
}

public sealed record DrawerCloseRow(Money Expected, Money Counted, Money Difference, string ClosedBy, DateTime ClosedLocal, string? Note);

public sealed record TakingsPage(DateOnly Day, IReadOnlyList<TakingsLine> ByMethod, IReadOnlyList<TakingsLine> ByStaff, Money ExpectedCash, IReadOnlyList<DrawerCloseRow> Closes)
{
    public Money Total => Money.Sum(ByMethod.Select(m => m.Net));

    public DrawerForm Form { get; init; } = new();
}

/// <summary>
/// The day's takings per payment method and per member of staff (refunds count against them, on the day they were
/// given), the cash drawer's close, and the accountant's CSV of invoices and payments.
/// </summary>
public sealed class Takings(ClinicDbContext db, ClinicClock clock, AuditTrail audit, IHttpContextAccessor http)
{
    public async Task<TakingsPage> DayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var (from, to) = UtcRange(day, day);
        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.TakenUtc >= from && p.TakenUtc < to)
            .Select(p => new { p.Kind, p.AmountRupees, Method = p.PaymentMethod!.Name, p.PaymentMethod.IsCash, p.TakenByName })
            .ToListAsync(cancellationToken);
        static List<TakingsLine> Group(IEnumerable<IGrouping<string, (PaymentKind Kind, Money Amount)>> groups) =>
            groups.Select(g => new TakingsLine(g.Key, Money.Sum(g.Where(x => x.Kind == PaymentKind.Payment).Select(x => x.Amount)), Money.Sum(g.Where(x => x.Kind == PaymentKind.Refund).Select(x => x.Amount))))
                .OrderBy(l => l.Name, StringComparer.Ordinal).ToList();
        var byMethod = Group(payments.GroupBy(p => p.Method, p => (p.Kind, Money.Of(p.AmountRupees))));
        var byStaff = Group(payments.GroupBy(p => p.TakenByName, p => (p.Kind, Money.Of(p.AmountRupees))));
        var expected = Money.Sum(payments.Where(p => p.IsCash).Select(p => p.Kind == PaymentKind.Refund ? -Money.Of(p.AmountRupees) : Money.Of(p.AmountRupees)));
        var closes = (await db.CashDrawerCloses.AsNoTracking().Where(c => c.Day == day).OrderBy(c => c.Id).ToListAsync(cancellationToken))
            .Select(c => new DrawerCloseRow(Money.Of(c.ExpectedRupees), Money.Of(c.CountedRupees), Money.Of(c.DifferenceRupees), c.ClosedByName, clock.ToClinicTime(c.ClosedUtc), c.Note))
            .ToList();
        return new TakingsPage(day, byMethod, byStaff, expected, closes);
    }

    /// <summary>Records the cash counted against what the day's cash payments say should be there.</summary>
    public async Task<Outcome> CloseDrawerAsync(DateOnly day, DrawerForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (day > clock.Today)
        {
            return new Outcome.Refused("A day is closed on the day or after, not before.");
        }

        if (!Money.TryParse(form.Counted, out var counted, out var problem))
        {
            return new Outcome.Refused(problem) { Field = "Counted" };
        }

        var note = string.IsNullOrWhiteSpace(form.Note) ? null : form.Note.Trim();
        if (!TextRules.IsPlain(note) || note?.Length > CashDrawerClose.NoteMaxLength)
        {
            return new Outcome.Refused($"Keep the note to plain text under {CashDrawerClose.NoteMaxLength} characters.") { Field = "Note" };
        }

        var expected = (await DayAsync(day, cancellationToken)).ExpectedCash;
        var actor = BillingActor.From(http.HttpContext?.User);
        var close = new CashDrawerClose
        {
            Day = day,
            ExpectedRupees = expected.Rupees,
            CountedRupees = counted.Rupees,
            DifferenceRupees = (counted - expected).Rupees,
            Note = note,
            ClosedUtc = clock.UtcNow,
            ClosedByUserId = actor.UserId,
            ClosedByName = actor.Name,
        };
        db.CashDrawerCloses.Add(close);
        var dayText = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        audit.Record(AuditActions.DrawerClosed, AuditEntityTypes.CashDrawer, dayText, (int?)null,
            $"Drawer closed for {dayText}: counted {counted}, expected {expected}", null,
            new { Expected = expected.ToPlain(), Counted = counted.ToPlain(), Difference = (counted - expected).ToPlain() });
        await db.SaveChangesAsync(cancellationToken);
        var difference = counted - expected;
        return new Outcome.Done(difference.IsZero ? "Drawer closed: it balances." : $"Drawer closed: {(difference.IsNegative ? "short by " + (-difference) : "over by " + difference)}.");
    }

    /// <summary>Issued invoices and credit notes of the clinic days from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public async Task<string> InvoicesCsvAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var (start, end) = UtcRange(from, to);
        var rows = await db.Invoices.AsNoTracking()
            .Where(i => i.IssuedUtc >= start && i.IssuedUtc < end)
            .OrderBy(i => i.IssuedUtc).ThenBy(i => i.Id)
            .Select(i => new { i.Number, i.Kind, i.Status, i.IssuedUtc, i.PatientId, i.SubtotalRupees, i.DiscountRupees, i.TotalRupees, i.PaidRupees, i.ReleasedRupees, Credits = db.Invoices.Where(c => c.Id == i.CreditsInvoiceId).Select(c => c.Number).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var csv = new StringBuilder();
        csv.Append(AuditCsv.Line(["Number", "Kind", "Status", "Issued (clinic time)", "Patient id", "Subtotal", "Discount", "Total", "Paid", "Balance", "Cancels"]));
        foreach (var r in rows)
        {
            var balance = r.Kind == InvoiceKind.Invoice && r.Status == InvoiceStatus.Issued ? r.TotalRupees - r.ReleasedRupees - r.PaidRupees : 0;
            csv.Append(AuditCsv.Line(
            [
                r.Number ?? "", r.Kind.ToString(), r.Status.ToString(), clock.ToClinicTime(r.IssuedUtc!.Value).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                Plain(r.PatientId), Plain(r.SubtotalRupees), Plain(r.DiscountRupees), Plain(r.TotalRupees), Plain(r.PaidRupees), Plain(balance), r.Credits ?? "",
            ]));
        }

        return csv.ToString();
    }

    public async Task<string> PaymentsCsvAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var (start, end) = UtcRange(from, to);
        var rows = await db.Payments.AsNoTracking()
            .Where(p => p.TakenUtc >= start && p.TakenUtc < end)
            .OrderBy(p => p.TakenUtc).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Kind, p.TakenUtc, Invoice = p.Invoice!.Number, Method = p.PaymentMethod!.Name, p.AmountRupees, p.Reference, p.TakenByName, p.Reason })
            .ToListAsync(cancellationToken);
        var csv = new StringBuilder();
        csv.Append(AuditCsv.Line(["Payment id", "Kind", "When (clinic time)", "Invoice", "Method", "Amount", "Reference", "Taken by", "Refund reason"]));
        foreach (var r in rows)
        {
            csv.Append(AuditCsv.Line(
            [
                Plain(r.Id), r.Kind.ToString(), clock.ToClinicTime(r.TakenUtc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                r.Invoice ?? "", r.Method, Plain(r.AmountRupees), r.Reference ?? "", r.TakenByName, r.Reason ?? "",
            ]));
        }

        return csv.ToString();
    }

    private static string Plain(decimal value) => value.ToString("0", CultureInfo.InvariantCulture);

    /// <summary>The UTC instants that bound these clinic days (from the first's midnight to the midnight after the last).</summary>
    private (DateTime From, DateTime To) UtcRange(DateOnly from, DateOnly to) =>
        (TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), clock.TimeZone),
         TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), clock.TimeZone));
}
