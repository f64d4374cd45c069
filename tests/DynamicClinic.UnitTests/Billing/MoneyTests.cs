using DynamicClinic.Domain.Billing;

namespace DynamicClinic.UnitTests.Billing;

public class MoneyTests
{
    [Theory]
    [InlineData(12500, "Rs 12,500")]
    [InlineData(0, "Rs 0")]
    [InlineData(1250000, "Rs 1,250,000")]
    [InlineData(-500, "-Rs 500")]
    public void IsShownAsTheClinicWritesIt(int rupees, string shown) =>
        Assert.Equal(shown, Money.Of(rupees).ToString());

    [Theory]
    [InlineData("12.5", "13")]
    [InlineData("12.49", "12")]
    [InlineData("-12.5", "-13")]
    [InlineData("13.5", "14")]
    public void RoundsToWholeRupeesHalvesAwayFromZero(string rupees, string rounded) =>
        Assert.Equal(decimal.Parse(rounded, System.Globalization.CultureInfo.InvariantCulture),
            Money.Of(decimal.Parse(rupees, System.Globalization.CultureInfo.InvariantCulture)).Rupees);

    [Fact]
    public void APercentageIsRoundedByTheSameRule()
    {
        // 12.5 % of Rs 4,999 is Rs 624.875: Rs 625.
        Assert.Equal(Money.Of(625), Money.Of(4999).Percent(12.5m));
        // A third of Rs 100, three times, is Rs 99 not Rs 100: each share is rounded once, where it is made.
        Assert.Equal(Money.Of(33), Money.Of(100).Percent(100m / 3));
    }

    [Fact]
    public void SumsAndDifferencesStayExact()
    {
        var total = Money.Sum([Money.Of(0.1m * 10), Money.Of(2), Money.Of(12500)]);
        Assert.Equal(Money.Of(12503), total);
        Assert.Equal(Money.Of(3), total - Money.Of(12500));
    }

    [Theory]
    [InlineData("12500", 12500)]
    [InlineData("12,500", 12500)]
    [InlineData("Rs 12,500", 12500)]
    [InlineData(" rs. 700 ", 700)]
    [InlineData("0", 0)]
    public void ReadsWhatTheDeskTypes(string typed, int rupees)
    {
        Assert.True(Money.TryParse(typed, out var money, out var problem), problem);
        Assert.Equal(Money.Of(rupees), money);
    }

    [Theory]
    [InlineData("", "Enter an amount in rupees.")]
    [InlineData("twelve", "Enter the amount in figures, e.g. 12500.")]
    [InlineData("1e5", "Enter the amount in figures, e.g. 12500.")]
    [InlineData("-500", "The amount cannot be negative.")]
    [InlineData("12.50", "Enter whole rupees.")]
    [InlineData("99999999", "That is more than Rs 10,000,000; check the amount.")]
    [InlineData("NaN", "Enter the amount in figures, e.g. 12500.")]
    public void RefusesNegativeAbsurdAndNonNumericAmounts(string typed, string message)
    {
        Assert.False(Money.TryParse(typed, out var money, out var problem));
        Assert.Equal(message, problem);
        Assert.Equal(Money.Zero, money);
    }
}
