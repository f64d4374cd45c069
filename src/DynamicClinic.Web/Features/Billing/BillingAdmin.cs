using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Billing;
using DynamicClinic.Domain.Text;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Billing;

public sealed record PriceHistory(int TreatmentId, string Treatment, Money? Current, IReadOnlyList<TreatmentPrice> Prices);

/// <summary>The billing admin page: prices, products, payment methods and settings, with the forms as typed.</summary>
public sealed record BillingAdminPage(
    BillingSettings Settings,
    IReadOnlyList<PriceHistory> Prices,
    IReadOnlyList<Product> Products,
    IReadOnlyList<PaymentMethod> Methods,
    DateOnly Today)
{
    public PriceForm Price { get; init; } = new();

    public ProductForm Product { get; init; } = new();

    /// <summary>The product whose edit form came back with a message.</summary>
    public int? EditingProductId { get; init; }

    public MethodForm Method { get; init; } = new();

    public BillingSettingsForm Form { get; init; } = new();

    public CourseRefundRule Rule => CourseRefundRule.From(Settings);
}

public sealed class PriceForm
{
    public int? PriceTreatmentId { get; set; }

    public string? PriceAmount { get; set; }

    public string? PriceFrom { get; set; }
}

public sealed class ProductForm
{
    public string? ProductName { get; set; }

    public string? ProductPrice { get; set; }
}

public sealed class MethodForm
{
    public string? MethodName { get; set; }

    public bool MethodNeedsReference { get; set; }
}

public sealed class BillingSettingsForm
{
    public string? ConsultationFee { get; set; }

    public string? DiscountLimit { get; set; }

    public string? CourseRefundPercent { get; set; }

    public string? CourseRefundFee { get; set; }

    public bool LeadsMayRefund { get; set; }

    public bool ReceptionSeesMoney { get; set; }

    public bool SendReceiptOnPayment { get; set; }

    public string? Version { get; set; }

    public static BillingSettingsForm From(BillingSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new()
        {
            ConsultationFee = Money.Of(s.ConsultationFeeRupees).ToPlain(),
            DiscountLimit = s.DiscountLimitPercent.ToString("0.##", CultureInfo.InvariantCulture),
            CourseRefundPercent = s.CourseRefundPercent.ToString("0.##", CultureInfo.InvariantCulture),
            CourseRefundFee = Money.Of(s.CourseRefundFeeRupees).ToPlain(),
            LeadsMayRefund = s.FrontDeskLeadsMayRefund,
            ReceptionSeesMoney = s.ReceptionSeesMoney,
            SendReceiptOnPayment = s.SendReceiptOnPayment,
            Version = s.Version.ToString(),
        };
    }
}

/// <summary>
/// What admins keep for billing: treatment prices from a start date (a new row each time, so invoices already made keep
/// the price they copied), the product list, payment methods and the billing settings. Each change is one save with
/// its audit entry, or refused with a message beside its field and nothing written.
/// </summary>
public sealed class BillingAdmin(ClinicDbContext db, ClinicClock clock, AuditTrail audit)
{
    public async Task<BillingAdminPage> PageAsync(CancellationToken cancellationToken)
    {
        var settings = await db.BillingSettings.AsNoTracking().SingleAsync(cancellationToken);
        var today = clock.Today;
        var prices = await db.TreatmentPrices.AsNoTracking().ToListAsync(cancellationToken);
        var treatments = await db.Treatments.AsNoTracking().OrderBy(t => t.SortOrder).ThenBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        var history = treatments.Select(t =>
        {
            var own = prices.Where(p => p.TreatmentId == t.Id).OrderByDescending(p => p.From).ToList();
            return new PriceHistory(t.Id, t.Name, TreatmentPrice.On(own, today), own);
        }).ToList();
        var products = await db.Products.AsNoTracking().OrderByDescending(p => p.IsActive).ThenBy(p => p.Name).ToListAsync(cancellationToken);
        var methods = await db.PaymentMethods.AsNoTracking().OrderByDescending(m => m.IsActive).ThenBy(m => m.SortOrder).ThenBy(m => m.Name).ToListAsync(cancellationToken);
        return new BillingAdminPage(settings, history, products, methods, today)
        {
            Form = BillingSettingsForm.From(settings),
            Price = new PriceForm { PriceFrom = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
        };
    }

    /// <summary>A treatment's price from a day on: today or later, so nothing already invoiced or drafted at the old price changes.</summary>
    public async Task<Outcome> SetPriceAsync(PriceForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var treatment = await db.Treatments.AsNoTracking().Where(t => t.Id == form.PriceTreatmentId).Select(t => new { t.Id, t.Name }).SingleOrDefaultAsync(cancellationToken);
        if (treatment is null)
        {
            return new Outcome.Refused("Choose a treatment.") { Field = nameof(form.PriceTreatmentId) };
        }

        if (!Money.TryParse(form.PriceAmount, out var amount, out var problem))
        {
            return new Outcome.Refused(problem) { Field = nameof(form.PriceAmount) };
        }

        if (!DateOnly.TryParseExact(form.PriceFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
        {
            return new Outcome.Refused("Enter the first day of the price, e.g. 2027-01-01.") { Field = nameof(form.PriceFrom) };
        }

        if (from < clock.Today || from > clock.Today.AddYears(2))
        {
            return new Outcome.Refused("A new price starts today or on a day within two years.") { Field = nameof(form.PriceFrom) };
        }

        if (await db.TreatmentPrices.AnyAsync(p => p.TreatmentId == treatment.Id && p.From == from, cancellationToken))
        {
            return new Outcome.Refused($"{treatment.Name} already has a price starting that day.") { Field = nameof(form.PriceFrom) };
        }

        db.TreatmentPrices.Add(new TreatmentPrice { TreatmentId = treatment.Id, Rupees = amount.Rupees, From = from });
        var day = from.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        audit.Record(AuditActions.PriceSet, AuditEntityTypes.Treatment, treatment.Id, (int?)null, $"{treatment.Name}: {amount} from {day}", null,
            new { Rupees = amount.ToPlain(), From = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        return await SaveAsync($"{treatment.Name} costs {amount} from {day}.", nameof(form.PriceFrom), "That price was added at the same moment elsewhere.", cancellationToken);
    }

    public async Task<Outcome> AddProductAsync(ProductForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await ProductProblemAsync(form, null, cancellationToken) is { } refused)
        {
            return refused;
        }

        return await WithItsAuditAsync(async () =>
        {
            var product = new Product { Name = form.ProductName!.Trim(), Rupees = Money.Of(ParsedPrice(form)).Rupees };
            db.Products.Add(product);
            await db.SaveChangesAsync(cancellationToken);
            audit.Record(AuditActions.ProductSaved, AuditEntityTypes.Product, product.Id, (int?)null, $"Product {product.Name} added at {Money.Of(product.Rupees)}", null,
                new { product.Name, Rupees = Money.Of(product.Rupees).ToPlain() });
            await db.SaveChangesAsync(cancellationToken);
            return $"{product.Name} added.";
        }, nameof(form.ProductName), cancellationToken);
    }

    public async Task<Outcome> EditProductAsync(int id, ProductForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return new Outcome.NotFound();
        }

        if (await ProductProblemAsync(form, id, cancellationToken) is { } refused)
        {
            return refused;
        }

        var before = new { product.Name, Rupees = Money.Of(product.Rupees).ToPlain() };
        product.Name = form.ProductName!.Trim();
        product.Rupees = Money.Of(ParsedPrice(form)).Rupees;
        audit.Record(AuditActions.ProductSaved, AuditEntityTypes.Product, product.Id, (int?)null, $"Product {product.Name} changed", before,
            new { product.Name, Rupees = Money.Of(product.Rupees).ToPlain() });
        return await SaveAsync($"{product.Name} saved. Invoices already made keep the price they had.", nameof(form.ProductName), "", cancellationToken);
    }

    /// <summary>Retires a product (no longer offered on new invoices; old invoices keep their lines) or brings it back.</summary>
    public async Task<Outcome> SetProductActiveAsync(int id, bool active, CancellationToken cancellationToken)
    {
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return new Outcome.NotFound();
        }

        product.IsActive = active;
        audit.Record(AuditActions.ProductSaved, AuditEntityTypes.Product, product.Id, (int?)null, $"Product {product.Name} {(active ? "brought back" : "retired")}",
            new { IsActive = !active }, new { IsActive = active });
        return await SaveAsync(active ? $"{product.Name} is offered again." : $"{product.Name} retired.", null, "", cancellationToken);
    }

    public async Task<Outcome> AddMethodAsync(MethodForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var name = (form.MethodName ?? "").Trim();
        if (!TextRules.IsPlain(form.MethodName))
        {
            return new Outcome.Refused("Remove the control or direction characters from this text.") { Field = nameof(form.MethodName) };
        }

        if (name.Length is 0 or > PaymentMethod.NameMaxLength)
        {
            return new Outcome.Refused(name.Length == 0 ? "Name the payment method." : $"Keep the name under {PaymentMethod.NameMaxLength} characters.") { Field = nameof(form.MethodName) };
        }

        // A handful of rows: compared here, case-insensitively, the same way on both database providers.
        if ((await db.PaymentMethods.Select(m => m.Name).ToListAsync(cancellationToken)).Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return new Outcome.Refused($"There is already a method called {name}.") { Field = nameof(form.MethodName) };
        }

        return await WithItsAuditAsync(async () =>
        {
            var order = await db.PaymentMethods.MaxAsync(m => (int?)m.SortOrder, cancellationToken) ?? 0;
            var method = new PaymentMethod { Name = name, NeedsReference = form.MethodNeedsReference, SortOrder = order + 1 };
            db.PaymentMethods.Add(method);
            await db.SaveChangesAsync(cancellationToken);
            audit.Record(AuditActions.PaymentMethodSaved, AuditEntityTypes.PaymentMethod, method.Id, (int?)null, $"Payment method {name} added", null,
                new { method.Name, method.NeedsReference });
            await db.SaveChangesAsync(cancellationToken);
            return $"{name} added.";
        }, nameof(form.MethodName), cancellationToken);
    }

    /// <summary>Retires a method (payments already taken by it stay as they are) or brings it back. Cash is never retired: the drawer counts it.</summary>
    public async Task<Outcome> SetMethodActiveAsync(int id, bool active, CancellationToken cancellationToken)
    {
        var method = await db.PaymentMethods.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (method is null)
        {
            return new Outcome.NotFound();
        }

        if (method.IsCash && !active)
        {
            return new Outcome.Refused("Cash cannot be retired: the cash drawer is counted against it.");
        }

        method.IsActive = active;
        audit.Record(AuditActions.PaymentMethodSaved, AuditEntityTypes.PaymentMethod, method.Id, (int?)null, $"Payment method {method.Name} {(active ? "brought back" : "retired")}",
            new { IsActive = !active }, new { IsActive = active });
        return await SaveAsync(active ? $"{method.Name} can be used again." : $"{method.Name} retired.", null, "", cancellationToken);
    }

    public async Task<Outcome> SaveSettingsAsync(BillingSettingsForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var settings = await db.BillingSettings.SingleAsync(cancellationToken);
        if (!string.Equals(form.Version, settings.Version.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            return new Outcome.Changed("Another admin saved the billing settings a moment ago, so nothing was saved. Here they are as they stand now.");
        }

        if (!Money.TryParse(form.ConsultationFee, out var fee, out var problem))
        {
            return new Outcome.Refused(problem) { Field = nameof(form.ConsultationFee) };
        }

        if (Percent(form.DiscountLimit) is not { } limit)
        {
            return new Outcome.Refused("Enter a percentage from 0 to 100.") { Field = nameof(form.DiscountLimit) };
        }

        if (Percent(form.CourseRefundPercent) is not { } refund)
        {
            return new Outcome.Refused("Enter a percentage from 0 to 100.") { Field = nameof(form.CourseRefundPercent) };
        }

        if (!Money.TryParse(form.CourseRefundFee, out var refundFee, out problem))
        {
            return new Outcome.Refused(problem) { Field = nameof(form.CourseRefundFee) };
        }

        var before = BillingSettingsForm.From(settings);
        settings.ConsultationFeeRupees = fee.Rupees;
        settings.DiscountLimitPercent = limit;
        settings.CourseRefundPercent = refund;
        settings.CourseRefundFeeRupees = refundFee.Rupees;
        settings.FrontDeskLeadsMayRefund = form.LeadsMayRefund;
        settings.ReceptionSeesMoney = form.ReceptionSeesMoney;
        settings.SendReceiptOnPayment = form.SendReceiptOnPayment;
        settings.Version = Guid.NewGuid();
        var after = BillingSettingsForm.From(settings);
        audit.Record(AuditActions.BillingSettingsChanged, AuditEntityTypes.BillingSettings, BillingSettings.SingletonId, (int?)null, "Billing settings changed",
            Audited(before), Audited(after));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Outcome.Changed("Another admin saved the billing settings a moment ago, so nothing was saved. Here they are as they stand now.");
        }

        return new Outcome.Done("Billing settings saved.");
    }

    private static object Audited(BillingSettingsForm f) => new
    {
        f.ConsultationFee,
        f.DiscountLimit,
        f.CourseRefundPercent,
        f.CourseRefundFee,
        f.LeadsMayRefund,
        f.ReceptionSeesMoney,
        f.SendReceiptOnPayment,
    };

    /// <summary>A percentage typed at the desk: figures from 0 to 100, at most two decimal places (they are stored in hundredths).</summary>
    public static decimal? Percent(string? text) =>
        decimal.TryParse((text ?? "").Trim().TrimEnd('%').Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            && value is >= 0 and <= 100 && decimal.Round(value, 2) == value
            ? value
            : null;

    private static decimal ParsedPrice(ProductForm form) => Money.TryParse(form.ProductPrice, out var money, out _) ? money.Rupees : 0;

    private async Task<Outcome.Refused?> ProductProblemAsync(ProductForm form, int? id, CancellationToken cancellationToken)
    {
        if (!TextRules.IsPlain(form.ProductName))
        {
            return new Outcome.Refused("Remove the control or direction characters from this text.") { Field = nameof(form.ProductName) };
        }

        var name = (form.ProductName ?? "").Trim();
        if (name.Length is 0 or > Product.NameMaxLength)
        {
            return new Outcome.Refused(name.Length == 0 ? "Name the product." : $"Keep the name under {Product.NameMaxLength} characters.") { Field = nameof(form.ProductName) };
        }

        if (!Money.TryParse(form.ProductPrice, out _, out var problem))
        {
            return new Outcome.Refused(problem) { Field = nameof(form.ProductPrice) };
        }

        return (await db.Products.Where(p => p.Id != id).Select(p => p.Name).ToListAsync(cancellationToken)).Contains(name, StringComparer.OrdinalIgnoreCase)
            ? new Outcome.Refused($"There is already a product called {name}.") { Field = nameof(form.ProductName) }
            : null;
    }

    /// <summary>
    /// Adds a row and its audit entry (which names the new row's id) in one transaction: both are saved, or neither.
    /// A name taken at the same moment elsewhere is refused beside its field.
    /// </summary>
    private Task<Outcome> WithItsAuditAsync(Func<Task<string>> add, string field, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync<Outcome>(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                var message = await add();
                await transaction.CommitAsync(cancellationToken);
                return new Outcome.Done(message);
            }
            catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception))
            {
                db.ChangeTracker.Clear();
                return new Outcome.Refused("That name was taken at the same moment elsewhere.") { Field = field };
            }
        });

    private async Task<Outcome> SaveAsync(string message, string? field, string duplicate, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception) && field is not null)
        {
            db.ChangeTracker.Clear();
            return new Outcome.Refused(duplicate.Length > 0 ? duplicate : "That name was taken at the same moment elsewhere.") { Field = field };
        }

        return new Outcome.Done(message);
    }
}
