using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Billing;
using DynamicClinic.Web.Infrastructure;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Billing;

public sealed record PaymentRow(int Id, PaymentKind Kind, string Method, Money Amount, string? Reference, string? Reason, DateTime TakenLocal, string TakenBy, Money Refundable)
{
    /// <summary>When the receipt went to the patient (clinic time), if it has.</summary>
    public DateTime? ReceiptSentLocal { get; init; }
}

public sealed record Choice(int Id, string Name, Money? Price);

/// <summary>Everything the invoice page shows, and the forms as typed when one comes back with a message.</summary>
public sealed record InvoicePage(
    Invoice Invoice,
    string PatientName,
    string? PatientEmail,
    string? AppointmentReference,
    string? CreditNoteNumber,
    string? CreditsNumber,
    IReadOnlyList<PaymentRow> Payments,
    IReadOnlyList<PaymentMethod> Methods,
    IReadOnlyList<Choice> Treatments,
    IReadOnlyList<Choice> Products,
    bool CanRefund,
    DateTime? IssuedLocal,
    string ClinicName)
{
    public LineForm Line { get; init; } = new();

    public DiscountForm Discount { get; init; } = new();

    public PaymentForm Payment { get; init; } = new();

    public RefundForm Refund { get; init; } = new();

    /// <summary>The payment whose refund form came back with a message.</summary>
    public int? RefundPaymentId { get; init; }

    public string Title => Invoice.Kind == InvoiceKind.CreditNote ? "Credit note" : Invoice.Status == InvoiceStatus.Draft ? "Draft invoice" : "Invoice";
}

/// <summary>Reads what the billing pages show.</summary>
public sealed class BillingPages(ClinicDbContext db, ClinicClock clock, Microsoft.Extensions.Options.IOptions<ClinicOptions> clinic)
{
    public async Task<InvoicePage?> InvoiceAsync(int id, BillingActor actor, CancellationToken cancellationToken)
    {
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (invoice is null)
        {
            return null;
        }

        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == invoice.PatientId).Select(p => new { p.FullName, p.Email }).SingleAsync(cancellationToken);
        var reference = invoice.AppointmentId is { } a
            ? await db.Appointments.Where(x => x.Id == a).Select(x => x.Reference).SingleAsync(cancellationToken)
            : null;
        var creditNote = await db.Invoices.Where(i => i.CreditsInvoiceId == id).Select(i => i.Number).FirstOrDefaultAsync(cancellationToken);
        var credits = invoice.CreditsInvoiceId is { } c ? await db.Invoices.Where(i => i.Id == c).Select(i => i.Number).SingleAsync(cancellationToken) : null;
        var payments = await db.Payments.AsNoTracking().Include(p => p.PaymentMethod).Where(p => p.InvoiceId == id).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var rows = payments.Select(p => new PaymentRow(
            p.Id, p.Kind, p.PaymentMethod!.Name, p.Amount, p.Reference, p.Reason, clock.ToClinicTime(p.TakenUtc), p.TakenByName,
            p.Kind == PaymentKind.Payment ? p.Amount - Money.Sum(payments.Where(r => r.RefundOfPaymentId == p.Id).Select(r => r.Amount)) : Money.Zero)
        {
            ReceiptSentLocal = p.ReceiptSentUtc is { } sent ? clock.ToClinicTime(sent) : null,
        }).ToList();
        var methods = await db.PaymentMethods.AsNoTracking().Where(m => m.IsActive).OrderBy(m => m.SortOrder).ThenBy(m => m.Name).ToListAsync(cancellationToken);
        var today = clock.Today;
        var prices = await db.TreatmentPrices.AsNoTracking().Where(p => p.From <= today).ToListAsync(cancellationToken);
        var treatments = (await db.Treatments.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.SortOrder).ThenBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken))
            .Select(t => new Choice(t.Id, t.Name, TreatmentPrice.On(prices.Where(p => p.TreatmentId == t.Id), today))).ToList();
        var products = (await db.Products.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Name).ToListAsync(cancellationToken))
            .Select(p => new Choice(p.Id, p.Name, Money.Of(p.Rupees))).ToList();
        var settings = await db.BillingSettings.AsNoTracking().SingleAsync(cancellationToken);
        return new InvoicePage(invoice, patient.FullName, patient.Email, reference, creditNote, credits, rows, methods, treatments, products,
            actor.IsAdmin || (actor.IsLead && settings.FrontDeskLeadsMayRefund),
            invoice.IssuedUtc is { } issued ? clock.ToClinicTime(issued) : null,
            clinic.Value.Name)
        {
            Payment = new PaymentForm { Amount = invoice.Balance.IsZero ? null : invoice.Balance.ToPlain(), MethodId = PaymentMethod.Cash, Version = invoice.Version.ToString() },
            Line = new LineForm { Version = invoice.Version.ToString() },
            Discount = new DiscountForm { Version = invoice.Version.ToString() },
        };
    }

    /// <summary>A prepaid course: what is used and left, and what refunding the rest would pay back by the admins' rule.</summary>
    public async Task<CoursePage?> CourseAsync(int id, BillingActor actor, CancellationToken cancellationToken)
    {
        var package = await db.CoursePackages.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (package is null)
        {
            return null;
        }

        var treatment = await db.Treatments.Where(t => t.Id == package.TreatmentId).Select(t => t.Name).SingleAsync(cancellationToken);
        var patient = await db.Patients.Where(p => p.Id == package.PatientId).Select(p => p.FullName).SingleAsync(cancellationToken);
        var invoice = await db.Invoices.Where(i => i.Id == package.InvoiceId).Select(i => i.Number).SingleAsync(cancellationToken);
        var settings = await db.BillingSettings.AsNoTracking().SingleAsync(cancellationToken);
        var methods = await db.PaymentMethods.AsNoTracking().Where(m => m.IsActive).OrderBy(m => m.SortOrder).ThenBy(m => m.Name).ToListAsync(cancellationToken);
        var rule = CourseRefundRule.From(settings);
        return new CoursePage(package, treatment, patient, invoice, rule, package.RefundFor(package.SessionsLeft, rule), methods,
            actor.IsAdmin || (actor.IsLead && settings.FrontDeskLeadsMayRefund))
        {
            Form = new CourseRefundForm { Sessions = package.SessionsLeft.ToString(CultureInfo.InvariantCulture), Version = package.Version.ToString() },
        };
    }

    /// <summary>A patient's invoices, balance and prepaid courses, for their record and plan pages.</summary>
    public async Task<PatientMoney> PatientAsync(int patientId, CancellationToken cancellationToken)
    {
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.PatientId == patientId).OrderByDescending(i => i.Id)
            .Select(i => new { i.Id, i.Number, i.Kind, i.Status, i.TotalRupees, i.PaidRupees, i.ReleasedRupees, i.CreatedUtc }).ToListAsync(cancellationToken);
        var courses = await db.CoursePackages.AsNoTracking().Where(p => p.PatientId == patientId).OrderByDescending(p => p.Id)
            .Join(db.Treatments, p => p.TreatmentId, t => t.Id, (p, t) => new CourseRow(p.Id, t.Name, p.SessionsBought, p.SessionsUsed, p.SessionsRefunded))
            .ToListAsync(cancellationToken);
        var rows = invoices.Select(i => new InvoiceRow(i.Id, i.Number, i.Kind, i.Status, Money.Of(i.TotalRupees),
            i.Status == InvoiceStatus.Issued && i.Kind == InvoiceKind.Invoice ? Money.Of(i.TotalRupees - i.ReleasedRupees - i.PaidRupees) : Money.Zero,
            DateOnly.FromDateTime(clock.ToClinicTime(i.CreatedUtc)))).ToList();
        return new PatientMoney(patientId, rows, courses, Money.Sum(rows.Select(r => r.Balance)));
    }
}

public sealed record InvoiceRow(int Id, string? Number, InvoiceKind Kind, InvoiceStatus Status, Money Total, Money Balance, DateOnly Date);

public sealed record CourseRow(int Id, string Treatment, int Bought, int Used, int Refunded)
{
    public string Progress => $"{Used} of {Bought} used" + (Refunded > 0 ? $", {Refunded} refunded" : "");
}

public sealed record CoursePage(
    CoursePackage Package, string Treatment, string PatientName, string? InvoiceNumber, CourseRefundRule Rule, Money RefundForAllLeft,
    IReadOnlyList<PaymentMethod> Methods, bool CanRefund)
{
    public CourseRefundForm Form { get; init; } = new();
}

public sealed record PatientMoney(int PatientId, IReadOnlyList<InvoiceRow> Invoices, IReadOnlyList<CourseRow> Courses, Money Balance);
