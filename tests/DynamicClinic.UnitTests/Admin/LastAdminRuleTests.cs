using DynamicClinic.Web.Features.Admin;

namespace DynamicClinic.UnitTests.Admin;

public class LastAdminRuleTests
{
    [Fact]
    public void RefusesTheOnlyActiveAdminLosingAdminOrActive() =>
        Assert.False(LastAdminRule.Allows(["a"], "a", staysActiveAdmin: false));

    [Fact]
    public void AllowsAnAdminToStepDownWhenAnotherIsActive() =>
        Assert.True(LastAdminRule.Allows(["a", "b"], "a", staysActiveAdmin: false));

    [Fact]
    public void AllowsChangesThatKeepTheOnlyAdminAnActiveAdmin() =>
        Assert.True(LastAdminRule.Allows(["a"], "a", staysActiveAdmin: true));

    [Fact]
    public void AllowsAnyChangeToAnAccountThatIsNotAnActiveAdmin() =>
        Assert.True(LastAdminRule.Allows(["a"], "b", staysActiveAdmin: false));

    [Fact]
    public void DoesNotCountTheSameAccountTwice() =>
        Assert.False(LastAdminRule.Allows(["a", "a"], "a", staysActiveAdmin: false));
}
