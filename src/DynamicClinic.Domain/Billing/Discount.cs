namespace DynamicClinic.Domain.Billing;

public enum DiscountKind
{
    None,
    Amount,
    Percent,
}

/// <summary>A discount on an invoice: an amount or a percentage of the lines, always with a reason.</summary>
public sealed record Discount(DiscountKind Kind, decimal Value, string Reason)
{
    public const int ReasonMaxLength = 200;

    public static Discount None { get; } = new(DiscountKind.None, 0, "");

    /// <summary>What the discount takes off these lines, rounded by the one rule.</summary>
    public Money On(Money subtotal) => Kind switch
    {
        DiscountKind.Amount => Money.Min(Money.Of(Value), subtotal),
        DiscountKind.Percent => subtotal.Percent(Value),
        _ => Money.Zero,
    };

    /// <summary>The discount as a share of the subtotal, for comparing with the limit admins set.</summary>
    public decimal PercentOf(Money subtotal) => Kind switch
    {
        DiscountKind.Percent => Value,
        DiscountKind.Amount when subtotal.Rupees > 0 => Value * 100m / subtotal.Rupees,
        DiscountKind.Amount => Value > 0 ? 100m : 0m,
        _ => 0m,
    };

    /// <summary>Why this discount cannot be given on these lines, or null. <paramref name="limitPercent"/> is null for an admin.</summary>
    public string? Refusal(Money subtotal, decimal? limitPercent)
    {
        if (Kind == DiscountKind.None)
        {
            return null;
        }

        if (Value <= 0)
        {
            return "A discount is more than nothing.";
        }

        if (Kind == DiscountKind.Percent && Value > 100)
        {
            return "A discount cannot be more than 100 %.";
        }

        if (Kind == DiscountKind.Amount && (Value != decimal.Truncate(Value) || Value > subtotal.Rupees))
        {
            return Value > subtotal.Rupees ? $"A discount cannot be more than the lines ({subtotal})." : "Enter whole rupees.";
        }

        if (string.IsNullOrWhiteSpace(Reason))
        {
            return "Give a reason for the discount.";
        }

        if (limitPercent is { } limit && PercentOf(subtotal) > limit)
        {
            return $"Discounts above {limit:0.##} % need an admin.";
        }

        return null;
    }
}
