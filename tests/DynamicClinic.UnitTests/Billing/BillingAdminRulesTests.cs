using DynamicClinic.Web.Features.Billing;

namespace DynamicClinic.UnitTests.Billing;

public class BillingAdminRulesTests
{
    [Theory]
    [InlineData("10", 10)]
    [InlineData(" 12.5 % ", 12.5)]
    [InlineData("0", 0)]
    [InlineData("100", 100)]
    public void APercentageIsReadFromWhatTheAdminTyped(string typed, double expected) =>
        Assert.Equal((decimal)expected, BillingAdmin.Percent(typed));

    [Theory]
    [InlineData("100.01")]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("12.345")]
    [InlineData("")]
    [InlineData(null)]
    public void APercentageOutsideNoughtToAHundredOrTooPreciseIsRefused(string? typed) =>
        Assert.Null(BillingAdmin.Percent(typed));
}
