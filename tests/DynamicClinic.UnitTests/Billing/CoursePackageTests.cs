using DynamicClinic.Domain.Billing;

namespace DynamicClinic.UnitTests.Billing;

public class CoursePackageTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 5, 0, 0, DateTimeKind.Utc);

    private static CoursePackage Eight() => new() { SessionsBought = 8, PriceRupees = 64000 };

    [Fact]
    public void EachCompletedSessionDrawsOneOnce()
    {
        var course = Eight();
        for (var appointment = 1; appointment <= 5; appointment++)
        {
            Assert.Null(course.Draw(appointment, Now));
        }

        Assert.Equal("That session has already been drawn from the course.", course.Draw(5, Now));
        Assert.Equal("5 of 8 used", course.Progress);
        Assert.Equal(3, course.SessionsLeft);
    }

    [Fact]
    public void NothingIsDrawnOnceTheCourseIsUsedUp()
    {
        var course = Eight();
        for (var appointment = 1; appointment <= 8; appointment++)
        {
            Assert.Null(course.Draw(appointment, Now));
        }

        Assert.Equal("No prepaid sessions are left on this course.", course.Draw(9, Now));
        Assert.Equal("8 of 8 used", course.Progress);
    }

    [Fact]
    public void UnusedSessionsAreRefundedAtTheRulesShare()
    {
        var course = Eight();
        Assert.Null(course.Draw(1, Now));
        Assert.Null(course.Draw(2, Now));

        // Six unused of eight at Rs 8,000 each, 80 % back: Rs 38,400.
        Assert.Equal(Money.Of(38400), course.RefundableAmount(80));
        Assert.Null(course.RefundUnused());
        Assert.Equal(0, course.SessionsLeft);
        Assert.Equal(Money.Zero, course.RefundableAmount(80));
        Assert.Equal("No unused sessions are left to refund.", course.RefundUnused());
        Assert.Equal("No prepaid sessions are left on this course.", course.Draw(3, Now));
    }

    [Fact]
    public void ARefundOfAnUnevenPriceIsRoundedOnce()
    {
        var course = new CoursePackage { SessionsBought = 3, PriceRupees = 10000 };
        Assert.Null(course.Draw(1, Now));
        // Two thirds of Rs 10,000 is Rs 6,666.67: Rs 6,667.
        Assert.Equal(Money.Of(6667), course.RefundableAmount(100));
    }

    [Fact]
    public void SomeSessionsAreRefundedByTheRuleLessItsFeeAndNeverBelowNothing()
    {
        var course = Eight();
        Assert.Null(course.Draw(1, Now));
        var rule = new CourseRefundRule(80, 500);

        // Two of eight at Rs 64,000 is Rs 16,000; 80 % is Rs 12,800; less Rs 500: Rs 12,300.
        Assert.Equal(Money.Of(12300), course.RefundFor(2, rule));
        Assert.Equal(Money.Zero, course.RefundFor(8, rule));
        Assert.Equal(Money.Zero, course.RefundFor(0, rule));
        Assert.Equal(Money.Zero, new CoursePackage { SessionsBought = 4, PriceRupees = 1000 }.RefundFor(1, rule));
        Assert.Equal("sessions left × the price paid per session × 80 %, less a fee of Rs 500 (never below Rs 0)", rule.Describe());

        Assert.Equal("Choose from 1 to 7 unused sessions.", course.RefundUnused(8));
        Assert.Equal("Choose from 1 to 7 unused sessions.", course.RefundUnused(0));
        Assert.Null(course.RefundUnused(2));
        Assert.Equal((2, 5), (course.SessionsRefunded, course.SessionsLeft));
        Assert.Null(course.RefundUnused(5));
        Assert.Equal("No unused sessions are left to refund.", course.RefundUnused(1));
    }
}
