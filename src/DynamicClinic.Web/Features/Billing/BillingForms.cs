using DynamicClinic.Domain.Billing;

namespace DynamicClinic.Web.Features.Billing;

/// <summary>A line added to a draft. Amounts arrive as typed, so a slip gets a message beside its field.</summary>
public sealed class LineForm
{
    public string Kind { get; set; } = nameof(InvoiceLineKind.Treatment);

    public int? TreatmentId { get; set; }

    public int? ProductId { get; set; }

    public string? Description { get; set; }

    public string? Quantity { get; set; } = "1";

    /// <summary>The price, for a custom line.</summary>
    public string? Amount { get; set; }

    /// <summary>How many sessions, for a course.</summary>
    public string? Sessions { get; set; }

    public string? Version { get; set; }
}

public sealed class DiscountForm
{
    public string Kind { get; set; } = nameof(DiscountKind.Percent);

    public string? DiscountValue { get; set; }

    public string? DiscountReason { get; set; }

    public string? Version { get; set; }
}

public sealed class PaymentForm
{
    public int MethodId { get; set; }

    public string? Amount { get; set; }

    public string? Reference { get; set; }

    /// <summary>The invoice's version when the form was shown: a payment taken since then at another desk refuses this one.</summary>
    public string? Version { get; set; }
}

public sealed class RefundForm
{
    public string? RefundAmount { get; set; }

    public string? RefundReason { get; set; }
}

public sealed class DrawerForm
{
    public string? Counted { get; set; }

    public string? Note { get; set; }
}

/// <summary>Unused sessions of a prepaid course given back at the desk.</summary>
public sealed class CourseRefundForm
{
    public string? Sessions { get; set; }

    public int MethodId { get; set; } = PaymentMethod.Cash;

    public string? Reason { get; set; }

    /// <summary>The course's version when the form was shown: a session drawn since then refuses this refund.</summary>
    public string? Version { get; set; }
}
