using DynamicClinic.Domain.Billing;

namespace DynamicClinic.UnitTests.Billing;

public class InvoiceTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 5, 0, 0, DateTimeKind.Utc);

    private static Invoice WithLines(params int[] prices)
    {
        var invoice = Invoice.Draft(1, null, null, Now);
        foreach (var price in prices)
        {
            Assert.Null(invoice.AddLine(new InvoiceLine { Description = "Line", UnitRupees = price }));
        }

        return invoice;
    }

    private static Invoice Issued(params int[] prices)
    {
        var invoice = WithLines(prices);
        Assert.Null(invoice.Issue(InvoiceNumbers.Format(2026, 1), Now, "Bilal"));
        return invoice;
    }

    [Fact]
    public void NumbersRunPerYearWithSixDigits()
    {
        Assert.Equal("DC-2026-000123", InvoiceNumbers.Format(2026, 123));
        Assert.Equal("DC-2027-000001", InvoiceNumbers.Format(2027, 1));
    }

    [Fact]
    public void APercentageDiscountIsTakenOffTheLinesAndRounded()
    {
        var invoice = WithLines(4999, 3000);
        Assert.Null(invoice.SetDiscount(new Discount(DiscountKind.Percent, 12.5m, "Returning patient"), null));

        Assert.Equal(Money.Of(7999), invoice.Subtotal);
        Assert.Equal(Money.Of(1000), invoice.DiscountAmount); // 999.875
        Assert.Equal(Money.Of(6999), invoice.Total);
    }

    [Fact]
    public void AnAmountDiscountNeedsAReasonAndCannotExceedTheLines()
    {
        var invoice = WithLines(5000);
        Assert.Equal("Give a reason for the discount.", invoice.SetDiscount(new Discount(DiscountKind.Amount, 500, " "), null));
        Assert.Equal("A discount cannot be more than the lines (Rs 5,000).", invoice.SetDiscount(new Discount(DiscountKind.Amount, 6000, "Kind"), null));
        Assert.Equal("A discount cannot be more than 100 %.", invoice.SetDiscount(new Discount(DiscountKind.Percent, 101, "Kind"), null));
        Assert.Equal("A discount is more than nothing.", invoice.SetDiscount(new Discount(DiscountKind.Percent, -5, "Kind"), null));
        Assert.Equal(Money.Of(5000), invoice.Total);
    }

    [Fact]
    public void ADiscountAboveTheLimitNeedsAnAdmin()
    {
        var invoice = WithLines(10000);
        Assert.Equal("Discounts above 10 % need an admin.", invoice.SetDiscount(new Discount(DiscountKind.Amount, 1500, "Friend"), 10));
        Assert.Null(invoice.SetDiscount(new Discount(DiscountKind.Amount, 1000, "Friend"), 10));
        Assert.Null(invoice.SetDiscount(new Discount(DiscountKind.Percent, 50, "Staff"), null));
        Assert.Equal(Money.Of(5000), invoice.Total);
    }

    [Fact]
    public void AnIssuedInvoiceIsNeverEdited()
    {
        var invoice = Issued(5000);
        const string Refusal = "An issued invoice cannot be changed; issue a credit note instead.";

        Assert.Equal(Refusal, invoice.AddLine(new InvoiceLine { Description = "More", UnitRupees = 100 }));
        Assert.Equal(Refusal, invoice.SetDiscount(new Discount(DiscountKind.Percent, 5, "Late"), null));
        Assert.Equal(Refusal, invoice.RemoveLine(invoice.Lines[0].Id));
        Assert.Equal("The invoice is already issued.", invoice.Issue("DC-2026-000002", Now, "Bilal"));
        Assert.Equal(Money.Of(5000), invoice.Total);
    }

    [Fact]
    public void PartialAndSplitPaymentsLeaveTheBalance()
    {
        var invoice = Issued(12500);
        Assert.Null(invoice.TakePayment(Money.Of(5000)));
        Assert.Null(invoice.TakePayment(Money.Of(2500)));

        Assert.Equal(Money.Of(5000), invoice.Balance);
        Assert.Equal("That is more than the balance (Rs 5,000).", invoice.TakePayment(Money.Of(5001)));
        Assert.Null(invoice.TakePayment(Money.Of(5000)));
        Assert.Equal("This invoice is paid in full.", invoice.TakePayment(Money.Of(1)));
    }

    [Fact]
    public void ADraftACreditedInvoiceAndACreditNoteAreNotPaid()
    {
        Assert.Equal("Issue the invoice before taking payment.", WithLines(100).PaymentRefusal(Money.Of(100)));
        var credited = Issued(100);
        var note = credited.CreditNote(Now, out var refusal);
        Assert.Null(refusal);
        Assert.Equal("This invoice was cancelled by a credit note; it cannot be paid.", credited.PaymentRefusal(Money.Of(100)));
        Assert.Equal("A credit note is not paid.", note!.PaymentRefusal(Money.Of(100)));
    }

    [Fact]
    public void ACreditNoteCopiesTheLinesAndCancelsTheInvoiceOnce()
    {
        var invoice = Issued(3000, 2000);
        Assert.Null(invoice.TakePayment(Money.Of(1000)));

        var note = invoice.CreditNote(Now, out _);

        Assert.Equal(InvoiceStatus.Credited, invoice.Status);
        Assert.Equal(Money.Zero, invoice.Balance);
        Assert.Equal(Money.Of(5000), note!.Total);
        Assert.Equal(InvoiceKind.CreditNote, note.Kind);
        Assert.Null(invoice.CreditNote(Now, out var again));
        Assert.Equal("This invoice already has a credit note.", again);
        Assert.Null(WithLines(100).CreditNote(Now, out var draft));
        Assert.Equal("A draft is edited, not credited.", draft);
    }

    [Fact]
    public void ARefundIsNeverMoreThanWasPaid()
    {
        var invoice = Issued(5000);
        Assert.Null(invoice.TakePayment(Money.Of(3000)));

        Assert.Equal("That is more than was paid (Rs 3,000).", invoice.Refund(Money.Of(3500), Money.Of(3000)));
        Assert.Equal("Enter an amount above nothing.", invoice.Refund(Money.Zero, Money.Of(3000)));
        Assert.Null(invoice.Refund(Money.Of(1000), Money.Of(3000)));
        Assert.Equal(Money.Of(2000), invoice.Paid);
        Assert.Equal(Money.Of(3000), invoice.Balance);
    }

    [Fact]
    public void EveryChangeRenewsTheVersion()
    {
        var invoice = Issued(5000);
        var before = invoice.Version;
        invoice.TakePayment(Money.Of(100));
        Assert.NotEqual(before, invoice.Version);
    }

    [Fact]
    public void ThePriceOnADayIsTheLatestThatStartedByThen()
    {
        var prices = new[]
        {
            new TreatmentPrice { Id = 1, TreatmentId = 1, Rupees = 8000, From = new DateOnly(2026, 1, 1) },
            new TreatmentPrice { Id = 2, TreatmentId = 1, Rupees = 9000, From = new DateOnly(2026, 12, 1) },
        };

        Assert.Null(TreatmentPrice.On(prices, new DateOnly(2025, 12, 31)));
        Assert.Equal(Money.Of(8000), TreatmentPrice.On(prices, new DateOnly(2026, 11, 30)));
        Assert.Equal(Money.Of(9000), TreatmentPrice.On(prices, new DateOnly(2026, 12, 1)));
    }

    [Fact]
    public void MoneyGivenBackForUnusedSessionsIsNoLongerOwed()
    {
        var invoice = Issued(64000);
        Assert.Equal("Take the balance (Rs 64,000) before refunding unused sessions.", invoice.RefundUnusedSessions(Money.Of(100)));
        Assert.Null(invoice.TakePayment(Money.Of(64000)));

        Assert.Equal("By the refund rule nothing is due back for these sessions.", invoice.RefundUnusedSessions(Money.Zero));
        Assert.Equal("That is more than was paid (Rs 64,000).", invoice.RefundUnusedSessions(Money.Of(64001)));
        Assert.Null(invoice.RefundUnusedSessions(Money.Of(31500)));

        Assert.Equal((Money.Of(32500), Money.Zero), (invoice.Paid, invoice.Balance));
        Assert.Equal("This invoice is paid in full.", invoice.PaymentRefusal(Money.Of(1)));
        Assert.Equal("Only a course on an issued invoice can be refunded.", WithLines(100).RefundUnusedSessions(Money.Of(1)));
    }
}
