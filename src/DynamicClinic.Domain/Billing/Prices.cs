namespace DynamicClinic.Domain.Billing;

/// <summary>
/// A treatment's session price from a day on. A change adds a row with a later start; invoices copy the price when a
/// line is added, so a change never alters an invoice already made.
/// </summary>
public class TreatmentPrice
{
    public int Id { get; set; }

    public int TreatmentId { get; set; }

    public decimal Rupees { get; set; }

    /// <summary>The first clinic day the price applies.</summary>
    public DateOnly From { get; set; }

    /// <summary>The price on a day: the latest that started on or before it.</summary>
    public static Money? On(IEnumerable<TreatmentPrice> prices, DateOnly day) =>
        prices.Where(p => p.From <= day).OrderByDescending(p => p.From).ThenByDescending(p => p.Id).FirstOrDefault() is { } price
            ? Money.Of(price.Rupees)
            : null;
}

/// <summary>Something the clinic sells over the counter (shampoo, serum...).</summary>
public class Product
{
    public const int NameMaxLength = 100;

    public int Id { get; set; }

    public required string Name { get; set; }

    public decimal Rupees { get; set; }

    public bool IsActive { get; set; } = true;
}

/// <summary>The billing settings admins set: one row.</summary>
public class BillingSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>The fee for a first consultation.</summary>
    public decimal ConsultationFeeRupees { get; set; } = 3000;

    /// <summary>The largest discount (as a share of the lines) anyone but an admin may give.</summary>
    public decimal DiscountLimitPercent { get; set; } = 10;

    /// <summary>Unused prepaid sessions are refunded at this share of what each session cost.</summary>
    public decimal CourseRefundPercent { get; set; } = 80;

    /// <summary>A fixed fee kept from a course refund (after the percentage), never taking the refund below nothing.</summary>
    public decimal CourseRefundFeeRupees { get; set; }

    /// <summary>Reception (not only front desk leads) may see the money: takings, exports and the owner's reports.</summary>
    public bool ReceptionSeesMoney { get; set; }

    /// <summary>Send the patient a receipt as soon as a payment is taken, not only on "Send receipt".</summary>
    public bool SendReceiptOnPayment { get; set; }

    /// <summary>Whether front desk leads may refund as well as admins.</summary>
    public bool FrontDeskLeadsMayRefund { get; set; } = true;

    public Guid Version { get; set; } = Guid.NewGuid();
}
