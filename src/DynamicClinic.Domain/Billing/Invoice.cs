namespace DynamicClinic.Domain.Billing;

public enum InvoiceKind
{
    Invoice,

    /// <summary>Cancels an issued invoice in full; it has a number of its own from the same sequence.</summary>
    CreditNote,
}

public enum InvoiceStatus
{
    /// <summary>Being prepared at the desk; no number yet, lines and discount may change.</summary>
    Draft,

    /// <summary>Numbered and final: never edited again, only paid, refunded or credited.</summary>
    Issued,

    /// <summary>An issued invoice cancelled by a credit note.</summary>
    Credited,
}

/// <summary>
/// An invoice (or credit note) for a patient. A draft is edited freely; issuing fixes its lines, prices and total and
/// gives it the next number of the year (see <see cref="InvoiceNumbers"/>); afterwards only payments, refunds and a
/// credit note touch it. Amounts are whole rupees.
/// </summary>
public class Invoice
{
    public const int NumberMaxLength = 20;
    public const int NameMaxLength = 200;

    public int Id { get; set; }

    /// <summary><c>DC-2026-000123</c>, given at issue; null for a draft.</summary>
    public string? Number { get; private set; }

    public InvoiceKind Kind { get; private set; }

    public InvoiceStatus Status { get; private set; }

    public int PatientId { get; private set; }

    /// <summary>The completed appointment it bills, if any.</summary>
    public int? AppointmentId { get; private set; }

    /// <summary>The clinician whose work it bills (for revenue by clinician), if any.</summary>
    public int? ClinicianId { get; private set; }

    /// <summary>For a credit note: the invoice it cancels.</summary>
    public int? CreditsInvoiceId { get; private set; }

    public List<InvoiceLine> Lines { get; } = [];

    public DiscountKind DiscountKind { get; private set; }

    public decimal DiscountValue { get; private set; }

    public string? DiscountReason { get; private set; }

    public decimal SubtotalRupees { get; private set; }

    public decimal DiscountRupees { get; private set; }

    public decimal TotalRupees { get; private set; }

    /// <summary>Taken less refunded; the database holds it between 0 and the total.</summary>
    public decimal PaidRupees { get; private set; }

    /// <summary>Given back for unused prepaid course sessions: no longer owed, so it comes off the balance.</summary>
    public decimal ReleasedRupees { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public DateTime? IssuedUtc { get; private set; }

    public string? IssuedByName { get; private set; }

    /// <summary>Renewed on every change: two desks paying at once cannot both save (optimistic concurrency).</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public Money Subtotal => Money.Of(SubtotalRupees);

    public Money DiscountAmount => Money.Of(DiscountRupees);

    public Money Total => Money.Of(TotalRupees);

    public Money Paid => Money.Of(PaidRupees);

    public Money Balance => Status == InvoiceStatus.Issued && Kind == InvoiceKind.Invoice ? Total - Money.Of(ReleasedRupees) - Paid : Money.Zero;

    public Discount Discount => new(DiscountKind, DiscountValue, DiscountReason ?? "");

    private Invoice()
    {
    }

    public static Invoice Draft(int patientId, int? appointmentId, int? clinicianId, DateTime nowUtc) => new()
    {
        Kind = InvoiceKind.Invoice,
        Status = InvoiceStatus.Draft,
        PatientId = patientId,
        AppointmentId = appointmentId,
        ClinicianId = clinicianId,
        CreatedUtc = nowUtc,
    };

    /// <summary>A line on a draft; refused once issued.</summary>
    public string? AddLine(InvoiceLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (Status != InvoiceStatus.Draft)
        {
            return "An issued invoice cannot be changed; issue a credit note instead.";
        }

        if (line.Quantity is < 1 or > InvoiceLine.MaxQuantity)
        {
            return $"The quantity is between 1 and {InvoiceLine.MaxQuantity}.";
        }

        if (line.UnitRupees < 0 || line.UnitRupees > Money.MaxRupees || line.UnitRupees != decimal.Truncate(line.UnitRupees))
        {
            return "Enter the price in whole rupees.";
        }

        if (Subtotal.Rupees + line.Amount.Rupees > Money.MaxRupees)
        {
            return "That would make the invoice larger than any the clinic makes; check the amount.";
        }

        Lines.Add(line);
        return Recalculate();
    }

    public string? RemoveLine(int lineId)
    {
        if (Status != InvoiceStatus.Draft)
        {
            return "An issued invoice cannot be changed; issue a credit note instead.";
        }

        Lines.RemoveAll(l => l.Id == lineId);
        return Recalculate();
    }

    /// <param name="limitPercent">The most reception may give; null for an admin, who has no limit.</param>
    public string? SetDiscount(Discount discount, decimal? limitPercent)
    {
        ArgumentNullException.ThrowIfNull(discount);
        if (Status != InvoiceStatus.Draft)
        {
            return "An issued invoice cannot be changed; issue a credit note instead.";
        }

        if (discount.Refusal(Subtotal, limitPercent) is { } refusal)
        {
            return refusal;
        }

        DiscountKind = discount.Kind;
        DiscountValue = discount.Kind == DiscountKind.None ? 0 : discount.Value;
        DiscountReason = discount.Kind == DiscountKind.None ? null : discount.Reason.Trim();
        return Recalculate();
    }

    /// <summary>Fixes the invoice under its number; the number comes from the year's counter in the same save.</summary>
    public string? Issue(string number, DateTime nowUtc, string issuedBy)
    {
        if (Status != InvoiceStatus.Draft)
        {
            return "The invoice is already issued.";
        }

        if (Lines.Count == 0)
        {
            return "Add at least one line before issuing.";
        }

        Number = number;
        Status = InvoiceStatus.Issued;
        IssuedUtc = nowUtc;
        IssuedByName = issuedBy;
        Touch();
        return null;
    }

    /// <summary>Why a payment of this amount cannot be taken, or null.</summary>
    public string? PaymentRefusal(Money amount) => this switch
    {
        { Kind: InvoiceKind.CreditNote } => "A credit note is not paid.",
        { Status: InvoiceStatus.Draft } => "Issue the invoice before taking payment.",
        { Status: InvoiceStatus.Credited } => "This invoice was cancelled by a credit note; it cannot be paid.",
        _ when Balance.IsZero => "This invoice is paid in full.",
        _ when amount <= Money.Zero => "Enter an amount above nothing.",
        _ when amount > Balance => $"That is more than the balance ({Balance}).",
        _ => null,
    };

    public string? TakePayment(Money amount)
    {
        if (PaymentRefusal(amount) is { } refusal)
        {
            return refusal;
        }

        PaidRupees += amount.Rupees;
        Touch();
        return null;
    }

    /// <summary>Gives back part of what was paid (<paramref name="ofPayment"/> left unrefunded on that payment).</summary>
    public string? Refund(Money amount, Money ofPayment)
    {
        if (amount <= Money.Zero)
        {
            return "Enter an amount above nothing.";
        }

        if (amount > ofPayment || amount > Paid)
        {
            return $"That is more than was paid ({Money.Min(ofPayment, Paid)}).";
        }

        PaidRupees -= amount.Rupees;
        Touch();
        return null;
    }

    /// <summary>
    /// Gives back money for unused sessions of a course this invoice sold: the amount leaves what was paid and is no
    /// longer owed either, so the balance stays as it was (nothing). Only a course paid in full is refunded.
    /// </summary>
    public string? RefundUnusedSessions(Money amount)
    {
        if (Kind != InvoiceKind.Invoice || Status != InvoiceStatus.Issued)
        {
            return "Only a course on an issued invoice can be refunded.";
        }

        if (!Balance.IsZero)
        {
            return $"Take the balance ({Balance}) before refunding unused sessions.";
        }

        if (amount <= Money.Zero)
        {
            return "By the refund rule nothing is due back for these sessions.";
        }

        if (amount > Paid)
        {
            return $"That is more than was paid ({Paid}).";
        }

        PaidRupees -= amount.Rupees;
        ReleasedRupees += amount.Rupees;
        Touch();
        return null;
    }

    /// <summary>
    /// The credit note that cancels this issued invoice in full; the invoice becomes Credited. Anything paid stays
    /// paid until refunded.
    /// </summary>
    public Invoice? CreditNote(DateTime nowUtc, out string? refusal)
    {
        refusal = Kind != InvoiceKind.Invoice ? "A credit note cannot itself be credited."
            : Status == InvoiceStatus.Draft ? "A draft is edited, not credited."
            : Status == InvoiceStatus.Credited ? "This invoice already has a credit note."
            : null;
        if (refusal is not null)
        {
            return null;
        }

        var note = new Invoice
        {
            Kind = InvoiceKind.CreditNote,
            Status = InvoiceStatus.Draft,
            PatientId = PatientId,
            ClinicianId = ClinicianId,
            CreditsInvoiceId = Id,
            CreatedUtc = nowUtc,
        };
        foreach (var line in Lines)
        {
            note.Lines.Add(line.Copy());
        }

        note.DiscountKind = DiscountKind;
        note.DiscountValue = DiscountValue;
        note.DiscountReason = DiscountReason;
        note.Recalculate();
        Status = InvoiceStatus.Credited;
        Touch();
        return note;
    }

    private string? Recalculate()
    {
        SubtotalRupees = Money.Sum(Lines.Select(l => l.Amount)).Rupees;
        var discount = Discount.On(Subtotal);
        DiscountRupees = discount.Rupees;
        TotalRupees = (Subtotal - discount).Rupees;
        Touch();
        return null;
    }

    private void Touch() => Version = Guid.NewGuid();
}

public enum InvoiceLineKind
{
    Consultation,
    Treatment,
    Product,

    /// <summary>A prepaid course: issuing the invoice makes a package of its sessions.</summary>
    Course,
    Custom,
}

/// <summary>One line of an invoice; its price is copied in when added, so a later price change never alters it.</summary>
public class InvoiceLine
{
    public const int DescriptionMaxLength = 200;
    public const int MaxQuantity = 100;

    public int Id { get; set; }

    public int InvoiceId { get; set; }

    public InvoiceLineKind Kind { get; set; }

    public required string Description { get; set; }

    public int Quantity { get; set; } = 1;

    public decimal UnitRupees { get; set; }

    public int? TreatmentId { get; set; }

    public int? ProductId { get; set; }

    /// <summary>For a course: how many sessions it prepays.</summary>
    public int? CourseSessions { get; set; }

    public Money Amount => Money.Of(UnitRupees) * Quantity;

    public InvoiceLine Copy() => new()
    {
        Kind = Kind,
        Description = Description,
        Quantity = Quantity,
        UnitRupees = UnitRupees,
        TreatmentId = TreatmentId,
        ProductId = ProductId,
        CourseSessions = CourseSessions,
    };
}

/// <summary>Invoice numbers: <c>DC-2026-000123</c>, one gap-free sequence per year.</summary>
public static class InvoiceNumbers
{
    public static string Format(int year, int sequence) => $"DC-{year:0000}-{sequence:000000}";
}

/// <summary>The last number given in a year; incremented in the same transaction as the invoice it numbers.</summary>
public class InvoiceNumberCounter
{
    public int Year { get; set; }

    public int LastNumber { get; set; }
}
