using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DynamicClinic.Data;

/// <summary>
/// How billing's decimals are stored: as integers, because SQLite keeps a decimal as text, and text compares and sums
/// wrongly ("500" sorts after "4000") in check constraints, indexes and reports. Amounts are whole rupees already
/// (Money's one rounding rule); percentages and discount values keep two decimals as hundredths.
/// </summary>
public static class MoneyConverters
{
    public static ValueConverter<decimal, long> WholeRupees { get; } = new(v => (long)v, v => v);

    public static ValueConverter<decimal, long> Hundredths { get; } = new(v => (long)(v * 100), v => v / 100m);
}
