namespace DynamicClinic.Domain.Billing;

/// <summary>A way patients pay: cash, card, bank transfer, JazzCash, Easypaisa, and any an admin adds.</summary>
public class PaymentMethod
{
    public const int NameMaxLength = 50;

    public const int Cash = 1;

    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Card terminal, transfer and wallet payments carry the reference the patient or terminal gives.</summary>
    public bool NeedsReference { get; set; }

    /// <summary>Counted in the cash drawer.</summary>
    public bool IsCash { get; set; }

    public bool IsActive { get; set; } = true;

    public int SortOrder { get; set; }
}

public enum PaymentKind
{
    Payment,
    Refund,
}

/// <summary>Money taken for an invoice, or given back (a refund, always with a reason). Amounts are positive.</summary>
public class Payment
{
    public const int ReferenceMaxLength = 60;
    public const int ReasonMaxLength = 300;
    public const int TakenByMaxLength = 200;

    public int Id { get; set; }

    public int InvoiceId { get; set; }

    public Invoice? Invoice { get; set; }

    public int PaymentMethodId { get; set; }

    public PaymentMethod? PaymentMethod { get; set; }

    public PaymentKind Kind { get; set; }

    public decimal AmountRupees { get; set; }

    public string? Reference { get; set; }

    /// <summary>For a refund: why, and which payment it gives back.</summary>
    public string? Reason { get; set; }

    public int? RefundOfPaymentId { get; set; }

    public DateTime TakenUtc { get; set; }

    public string? TakenByUserId { get; set; }

    public string TakenByName { get; set; } = "";

    /// <summary>When the receipt went to the patient's outbox: once per payment.</summary>
    public DateTime? ReceiptSentUtc { get; set; }

    public Money Amount => Money.Of(AmountRupees);

    /// <summary>What it adds to the takings: a refund counts against them.</summary>
    public Money NetEffect => Kind == PaymentKind.Refund ? -Amount : Amount;
}

/// <summary>The cash drawer counted at the day's close: what was there against what the payments say.</summary>
public class CashDrawerClose
{
    public const int NoteMaxLength = 300;

    public int Id { get; set; }

    /// <summary>The clinic day closed.</summary>
    public DateOnly Day { get; set; }

    public decimal ExpectedRupees { get; set; }

    public decimal CountedRupees { get; set; }

    public decimal DifferenceRupees { get; set; }

    public string? Note { get; set; }

    public DateTime ClosedUtc { get; set; }

    public string? ClosedByUserId { get; set; }

    public string ClosedByName { get; set; } = "";
}
