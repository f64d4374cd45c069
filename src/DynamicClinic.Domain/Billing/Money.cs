using System.Globalization;

namespace DynamicClinic.Domain.Billing;

/// <summary>
/// An amount in Pakistani rupees. The clinic deals in whole rupees (no paisa at the desk), so every amount is rounded
/// to whole rupees by <see cref="Round"/>, the one rounding rule, and shown as <c>Rs 12,500</c>. Held as
/// <see cref="decimal"/>: never floating point.
/// </summary>
public readonly record struct Money : IComparable<Money>
{
    /// <summary>One crore: no single price, payment or invoice at the clinic comes near it, so more is a typing slip.</summary>
    public const decimal MaxRupees = 10_000_000m;

    private static readonly CultureInfo Pakistan = CultureInfo.InvariantCulture;

    private Money(decimal rupees) => Rupees = rupees;

    public decimal Rupees { get; }

    public static Money Zero => default;

    /// <summary>The amount, rounded to whole rupees by the one rule.</summary>
    public static Money Of(decimal rupees) => new(Round(rupees));

    /// <summary>The one rounding rule: to the nearest whole rupee, halves away from zero (Rs 12.50 is Rs 13).</summary>
    public static decimal Round(decimal rupees) => decimal.Round(rupees, 0, MidpointRounding.AwayFromZero);

    /// <summary>This share of the amount (e.g. 12.5 %), rounded by the one rule.</summary>
    public Money Percent(decimal percent) => Of(Rupees * percent / 100m);

    public static Money operator +(Money a, Money b) => new(a.Rupees + b.Rupees);

    public static Money operator -(Money a, Money b) => new(a.Rupees - b.Rupees);

    public static Money operator -(Money a) => new(-a.Rupees);

    public static Money operator *(Money a, int times) => new(a.Rupees * times);

    public static bool operator <(Money a, Money b) => a.Rupees < b.Rupees;

    public static bool operator >(Money a, Money b) => a.Rupees > b.Rupees;

    public static bool operator <=(Money a, Money b) => a.Rupees <= b.Rupees;

    public static bool operator >=(Money a, Money b) => a.Rupees >= b.Rupees;

    public static Money Min(Money a, Money b) => a <= b ? a : b;

    public static Money Sum(IEnumerable<Money> amounts) => Of(amounts.Sum(m => m.Rupees));

    public int CompareTo(Money other) => Rupees.CompareTo(other.Rupees);

    public bool IsNegative => Rupees < 0;

    public bool IsZero => Rupees == 0;

    /// <summary>As the clinic writes it: <c>Rs 12,500</c>, <c>-Rs 500</c>.</summary>
    public override string ToString() =>
        (Rupees < 0 ? "-Rs " : "Rs ") + Math.Abs(Rupees).ToString("#,##0", Pakistan);

    /// <summary>Digits only, for CSV and form fields: <c>12500</c>.</summary>
    public string ToPlain() => Rupees.ToString("0", Pakistan);

    /// <summary>
    /// Reads an amount typed at the desk: <c>12500</c>, <c>12,500</c> or <c>Rs 12,500</c>. Whole rupees, not negative,
    /// not above <see cref="MaxRupees"/>; otherwise the message to show beside the field.
    /// </summary>
    public static bool TryParse(string? text, out Money money, out string problem)
    {
        money = Zero;
        var cleaned = (text ?? "").Trim();
        if (cleaned.StartsWith("Rs", StringComparison.OrdinalIgnoreCase))
        {
            cleaned = cleaned[2..].TrimStart('.', ' ');
        }

        cleaned = cleaned.Replace(",", "", StringComparison.Ordinal);
        if (cleaned.Length == 0)
        {
            problem = "Enter an amount in rupees.";
            return false;
        }

        if (!decimal.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, Pakistan, out var rupees))
        {
            problem = "Enter the amount in figures, e.g. 12500.";
            return false;
        }

        if (rupees < 0)
        {
            problem = "The amount cannot be negative.";
            return false;
        }

        if (rupees != decimal.Truncate(rupees))
        {
            problem = "Enter whole rupees.";
            return false;
        }

        if (rupees > MaxRupees)
        {
            problem = $"That is more than {Of(MaxRupees)}; check the amount.";
            return false;
        }

        money = Of(rupees);
        problem = "";
        return true;
    }
}
