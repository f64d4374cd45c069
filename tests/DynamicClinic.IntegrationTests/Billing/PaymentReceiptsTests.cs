using System.Net;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Billing;
using DynamicClinic.Domain.Messaging;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.IntegrationTests.Infrastructure.Email;
using DynamicClinic.IntegrationTests.Infrastructure.Messaging;
using DynamicClinic.Web.Features;
using DynamicClinic.Web.Features.Billing;
using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DynamicClinic.IntegrationTests.Billing.BillingTestData;

namespace DynamicClinic.IntegrationTests.Billing;

/// <summary>
/// A payment's receipt sent to the patient by their channel through the outbox, exactly once per payment: on "Send
/// receipt", or with the payment when the admins switch that on; by WhatsApp as a short text with no clinical content.
/// </summary>
public class PaymentReceiptsTests : IClassFixture<PaymentReceiptsTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _site;

    public PaymentReceiptsTests(Factory site) => _site = site;

    public async Task InitializeAsync()
    {
        await _site.SeedDemoDataAsync();
        await EnsurePricesAsync(_site);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<(int Invoice, int Payment)> PaidAsync(ClinicAppFactory site, int total, int paid)
    {
        var invoice = await IssuedInvoiceAsync(site, total);
        await site.WithScopeAsync(async services =>
            Assert.IsType<Outcome.Done>(await services.GetRequiredService<BillingDesk>().TakePaymentAsync(invoice, new PaymentForm { MethodId = PaymentMethod.Cash, Amount = paid.ToString(System.Globalization.CultureInfo.InvariantCulture) }, CancellationToken.None)));
        return (invoice, (await PaymentsAsync(site, invoice)).Single().Id);
    }

    private Task<List<Data.Outbox.OutboxMessage>> ReceiptsAsync(string number) =>
        _site.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == EmailKinds.PaymentReceipt && (m.Subject.Contains(number) || m.TextBody.Contains(number))).ToListAsync());

    [Fact]
    public async Task SendReceiptQueuesOneEmailAndASecondRequestIsRefused()
    {
        var (invoiceId, paymentId) = await PaidAsync(_site, 5000, 2000);
        var number = (await InvoiceAsync(_site, invoiceId)).Number!;
        using var reception = await _site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);
        var page = $"/staff/billing/invoices/{invoiceId}";
        var action = $"{page}/payments/{paymentId}/receipt";

        var sent = await FollowAsync(reception, await PostFromPageAsync(reception, page, action, []));

        Assert.Contains("Receipt sent by email.", sent, StringComparison.Ordinal);
        Assert.Contains("(sent to the patient 27 Nov, ", sent, StringComparison.Ordinal);
        Assert.DoesNotContain(action, sent, StringComparison.Ordinal);
        var message = Assert.Single(await ReceiptsAsync(number));
        Assert.Equal(("patient.two@example.test", ContactChannel.Email), (message.ToAddress, message.Channel));
        Assert.Contains("Paid: Rs 2,000", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("By: Cash", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Left to pay: Rs 3,000", message.TextBody, StringComparison.Ordinal);
        Assert.NotNull((await PaymentsAsync(_site, invoiceId)).Single().ReceiptSentUtc);

        var again = await FollowAsync(reception, await PostWithTokenAsync(reception, action, []));
        Assert.Contains("it is sent once", again, StringComparison.Ordinal);
        Assert.Single(await ReceiptsAsync(number));
        Assert.Equal(1, await _site.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.ReceiptSent && e.EntityId == invoiceId.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task TwoDesksSendingAtOnceSendOneReceipt()
    {
        var (invoiceId, paymentId) = await PaidAsync(_site, 4000, 4000);
        var number = (await InvoiceAsync(_site, invoiceId)).Number!;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            Outcome? outcome = null;
            await _site.WithScopeAsync(async services => outcome = await services.GetRequiredService<PaymentReceipts>().SendAsync(invoiceId, paymentId, CancellationToken.None));
            return outcome!;
        })));

        Assert.Single(outcomes, o => o is Outcome.Done);
        Assert.All(outcomes.Where(o => o is not Outcome.Done), o => Assert.IsType<Outcome.Refused>(o));
        Assert.Single(await ReceiptsAsync(number));
    }

    [Fact]
    public async Task WithTheAdminsSettingTheReceiptGoesWithThePayment()
    {
        var invoiceId = await IssuedInvoiceAsync(_site, 6000);
        var number = (await InvoiceAsync(_site, invoiceId)).Number!;
        await SetSendOnPaymentAsync(_site, true);
        try
        {
            using var reception = await _site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);
            var page = $"/staff/billing/invoices/{invoiceId}";
            var bad = await PostFromPageAsync(reception, page, $"{page}/payments", new() { ["MethodId"] = "1", ["Amount"] = "7000" });
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Empty(await ReceiptsAsync(number));

            var paid = await FollowAsync(reception, await PostFromPageAsync(reception, page, $"{page}/payments", new() { ["MethodId"] = "1", ["Amount"] = "6000" }));

            Assert.Contains("Rs 6,000 taken. Paid in full. The receipt is on its way to the patient.", paid, StringComparison.Ordinal);
            Assert.Contains("Left to pay: Rs 0", Assert.Single(await ReceiptsAsync(number)).TextBody, StringComparison.Ordinal);
            Assert.NotNull((await PaymentsAsync(_site, invoiceId)).Single().ReceiptSentUtc);
            Assert.Contains("(sent to the patient", paid, StringComparison.Ordinal);
        }
        finally
        {
            await SetSendOnPaymentAsync(_site, false);
        }
    }

    [Fact]
    public async Task APatientWhoPrefersWhatsAppGetsAShortTextWithNothingClinical()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake);
        await site.SeedDemoDataAsync();
        await site.WithDbAsync(async db =>
        {
            var patient = await db.Patients.SingleAsync(p => p.PhoneE164 == "+923001110002");
            patient.PreferredChannel = ContactChannel.WhatsApp;
            return await db.SaveChangesAsync();
        });
        var (invoiceId, paymentId) = await PaidAsync(site, 9000, 5000);
        var number = (await InvoiceAsync(site, invoiceId)).Number!;

        await site.WithScopeAsync(async services =>
            Assert.Equal("Receipt sent by WhatsApp.", Assert.IsType<Outcome.Done>(await services.GetRequiredService<PaymentReceipts>().SendAsync(invoiceId, paymentId, CancellationToken.None)).Message));

        await Eventually.WaitForAsync(site.OutboxAsync, rows => rows.Any(r => r.Kind == EmailKinds.PaymentReceipt && r.SentUtc is not null), "the WhatsApp receipt");
        var sent = Assert.Single(fake.Messages, m => m.Template == "payment_receipt");
        Assert.Equal("+923001110002", sent.To);
        Assert.Equal(["Dynamic Clinic", number, "Rs 5,000", "Rs 4,000"], sent.Parameters);
        Assert.Empty(fake.Problems);
    }

    private static Task<int> SetSendOnPaymentAsync(ClinicAppFactory site, bool on) =>
        site.WithDbAsync(async db =>
        {
            var settings = await db.BillingSettings.SingleAsync();
            settings.SendReceiptOnPayment = on;
            return await db.SaveChangesAsync();
        });
}
