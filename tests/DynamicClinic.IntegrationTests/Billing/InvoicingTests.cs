using System.Net;
using System.Text.RegularExpressions;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Billing;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Features.Billing;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DynamicClinic.IntegrationTests.Billing.BillingTestData;

namespace DynamicClinic.IntegrationTests.Billing;

/// <summary>
/// Invoices at the desk over HTTP with antiforgery tokens: drafted when an appointment is completed, edited while a
/// draft, issued, paid in parts and by several methods, refunded, credited; bad input gets a message beside its field
/// and writes nothing.
/// </summary>
public class InvoicingTests : IClassFixture<InvoicingTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _site;

    public InvoicingTests(Factory site) => _site = site;

    public async Task InitializeAsync()
    {
        await _site.SeedDemoDataAsync();
        await EnsurePricesAsync(_site);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpClient> ReceptionAsync() => _site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);

    private Task<HttpClient> AdminAsync() => _site.SignedInClientAsync(DemoDataSeeder.AdminEmail);

    private static string Page(int id) => $"/staff/billing/invoices/{id}";

    private Task<List<AuditEntry>> AuditAsync(int invoiceId) =>
        _site.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.EntityType == AuditEntityTypes.Invoice && e.EntityId == invoiceId.ToString(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task CompletingAConsultationDraftsItsInvoiceWhichIsIssuedAndPaidSplitBetweenCashAndCard()
    {
        var reference = await AppointmentAsync(_site, Utc(11, 27, 9, 0));
        using var client = await ReceptionAsync();
        var appointmentPage = $"/staff/appointments/{reference}";

        await FollowAsync(client, await PostFromPageAsync(client, appointmentPage, $"{appointmentPage}/status", new() { ["Status"] = "Completed" }));

        var draft = await _site.WithDbAsync(db => db.Invoices.AsNoTracking().Include(i => i.Lines).SingleAsync(i => i.AppointmentId == db.Appointments.Single(a => a.Reference == reference).Id));
        Assert.Equal(InvoiceStatus.Draft, draft.Status);
        Assert.Null(draft.Number);
        var line = Assert.Single(draft.Lines);
        Assert.Equal(InvoiceLineKind.Consultation, line.Kind);
        Assert.Equal(Money.Of(ConsultationFee), draft.Total);

        // The appointment's page leads the desk to its invoice, a draft and then by its number.
        Assert.Contains($"<a href=\"{Page(draft.Id)}\">Draft invoice</a>", WebUtility.HtmlDecode(await client.GetStringAsync(appointmentPage)), StringComparison.Ordinal);
        var issued = await FollowAsync(client, await PostFromPageAsync(client, Page(draft.Id), $"{Page(draft.Id)}/issue", []));
        Assert.Matches(@"Issued as DC-2026-\d{6}\.", issued);
        var number = (await InvoiceAsync(_site, draft.Id)).Number;
        Assert.Contains($"<a href=\"{Page(draft.Id)}\">Invoice {number}</a>", WebUtility.HtmlDecode(await client.GetStringAsync(appointmentPage)), StringComparison.Ordinal);
        Assert.Contains("<dd>Issued</dd>", issued, StringComparison.Ordinal);
        Assert.Contains("Rs 3,000", issued, StringComparison.Ordinal);

        var cash = await FollowAsync(client, await PostFromPageAsync(client, Page(draft.Id), $"{Page(draft.Id)}/payments", new() { ["MethodId"] = "1", ["Amount"] = "1,000" }));
        Assert.Contains("Rs 1,000 taken. Rs 2,000 still to pay.", cash, StringComparison.Ordinal);
        var card = await FollowAsync(client, await PostFromPageAsync(client, Page(draft.Id), $"{Page(draft.Id)}/payments", new() { ["MethodId"] = "2", ["Amount"] = "2000", ["Reference"] = "TID 00412" }));
        Assert.Contains("Rs 2,000 taken. Paid in full.", card, StringComparison.Ordinal);
        Assert.Contains("<dt>Status</dt><dd>Paid in full</dd>", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Take the payment", card, StringComparison.Ordinal);

        var payments = await PaymentsAsync(_site, draft.Id);
        Assert.Equal([1000m, 2000m], payments.Select(p => p.AmountRupees));
        Assert.Equal([1, 2], payments.Select(p => p.PaymentMethodId));
        Assert.Equal("TID 00412", payments[1].Reference);
        Assert.All(payments, p => Assert.Equal("Bilal Ahmed (reception)", p.TakenByName));
        Assert.Equal(Money.Zero, (await InvoiceAsync(_site, draft.Id)).Balance);
        Assert.Equal([AuditActions.InvoiceIssued, AuditActions.PaymentTaken, AuditActions.PaymentTaken], (await AuditAsync(draft.Id)).Select(e => e.Action));

        var receipt = WebUtility.HtmlDecode(await client.GetStringAsync($"{Page(draft.Id)}/print?paper=80mm&payment={payments[1].Id}"));
        Assert.Contains("print-paper--80mm", receipt, StringComparison.Ordinal);
        Assert.Contains("Received with thanks: <strong>Rs 2,000</strong>", receipt, StringComparison.Ordinal);
        Assert.Contains("Card (TID 00412)", receipt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAppointmentCompletedAgainKeepsItsOneInvoice()
    {
        var reference = await AppointmentAsync(_site, Utc(11, 26, 9, 0));
        using var client = await ReceptionAsync();
        var page = $"/staff/appointments/{reference}";
        await FollowAsync(client, await PostFromPageAsync(client, page, $"{page}/status", new() { ["Status"] = "Completed" }));

        // The completion handler run a second time (a retried request, a second path to "completed") drafts nothing more.
        await _site.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<ClinicDbContext>();
            var appointment = await db.Appointments.SingleAsync(a => a.Reference == reference);
            await services.GetRequiredService<BillingDesk>().OnCompletedAsync(appointment, CancellationToken.None);
            await db.SaveChangesAsync();
        });

        Assert.Equal(1, await _site.WithDbAsync(db => db.Invoices.CountAsync(i => i.AppointmentId == db.Appointments.Single(a => a.Reference == reference).Id)));
    }

    [Fact]
    public async Task APriceChangeNeverAltersAnInvoiceAlreadyMade()
    {
        using var client = await ReceptionAsync();
        var id = await DraftAsync(_site);
        var meso = await _site.WithDbAsync(db => db.Treatments.Where(t => t.Slug == "mesotherapy").Select(t => t.Id).SingleAsync());
        await FollowAsync(client, await PostFromPageAsync(client, Page(id), $"{Page(id)}/lines", new() { ["Kind"] = "Treatment", ["TreatmentId"] = meso.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        await FollowAsync(client, await PostFromPageAsync(client, Page(id), $"{Page(id)}/issue", []));

        await _site.WithDbAsync(async db =>
        {
            db.TreatmentPrices.Add(new TreatmentPrice { TreatmentId = meso, Rupees = 12000, From = new DateOnly(2026, 11, 27) });
            return await db.SaveChangesAsync();
        });

        var invoice = await InvoiceAsync(_site, id);
        Assert.Equal(Money.Of(MesotherapyPrice), invoice.Total);
        Assert.Equal(MesotherapyPrice, invoice.Lines.Single().UnitRupees);
        await _site.WithDbAsync(db => db.TreatmentPrices.Where(p => p.Rupees == 12000).ExecuteDeleteAsync());
    }

    [Theory]
    [InlineData("abc", "Enter the amount in figures, e.g. 12500.")]
    [InlineData("-500", "The amount cannot be negative.")]
    [InlineData("12.75", "Enter whole rupees.")]
    [InlineData("50000000", "That is more than Rs 10,000,000; check the amount.")]
    [InlineData("5001", "That is more than the balance (Rs 5,000).")]
    [InlineData("0", "Enter an amount above nothing.")]
    public async Task ABadPaymentGetsAMessageBesideTheAmountAndWritesNothing(string amount, string message)
    {
        var id = await IssuedInvoiceAsync(_site, 5000);
        using var client = await ReceptionAsync();

        var response = await PostFromPageAsync(client, Page(id), $"{Page(id)}/payments", new() { ["MethodId"] = "1", ["Amount"] = amount });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Matches($"<span [^>]*id=\"Amount-error\"[^>]*>{Regex.Escape(message)}</span>", html);
        Assert.Contains($"value=\"{amount}\"", html, StringComparison.Ordinal);
        Assert.Empty(await PaymentsAsync(_site, id));
        Assert.Equal(0m, (await InvoiceAsync(_site, id)).PaidRupees);
    }

    [Fact]
    public async Task ACardPaymentNeedsItsTerminalReference()
    {
        var id = await IssuedInvoiceAsync(_site, 5000);
        using var client = await ReceptionAsync();

        var response = await PostFromPageAsync(client, Page(id), $"{Page(id)}/payments", new() { ["MethodId"] = "2", ["Amount"] = "5000", ["Reference"] = " " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Enter the Card reference.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await PaymentsAsync(_site, id));
    }

    [Fact]
    public async Task TwoDesksPayingTheWholeBalanceAtOnceTakeItOnce()
    {
        var id = await IssuedInvoiceAsync(_site, 5000);
        using var first = await ReceptionAsync();
        using var second = await AdminAsync();
        var action = $"{Page(id)}/payments";
        // Both desks have the invoice open, then both take the whole balance at the same moment.
        var forms = new[] { HtmlForms.HiddenFields(await first.GetStringAsync(Page(id)), action), HtmlForms.HiddenFields(await second.GetStringAsync(Page(id)), action) };
        foreach (var form in forms)
        {
            form["MethodId"] = "1";
            form["Amount"] = "5000";
        }

        var responses = await Task.WhenAll(Task.Run(() => first.PostAsync(action, forms[0])), Task.Run(() => second.PostAsync(action, forms[1])));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var payment = Assert.Single(await PaymentsAsync(_site, id));
        Assert.Equal(5000m, payment.AmountRupees);
        Assert.Equal(5000m, (await InvoiceAsync(_site, id)).PaidRupees);
    }

    [Fact]
    public async Task ManyPartPaymentsRacingNeverTakeMoreThanIsOwed()
    {
        var id = await IssuedInvoiceAsync(_site, 5000);
        // Twenty part payments of Rs 1,000 straight at the desk service, each from a fresh read (no form version):
        // only the database's guards stand between them and the total.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            DynamicClinic.Web.Features.Outcome? outcome = null;
            await _site.WithScopeAsync(async services =>
                outcome = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<DynamicClinic.Web.Features.Billing.BillingDesk>(services)
                    .TakePaymentAsync(id, new() { MethodId = 1, Amount = "1000" }, CancellationToken.None));
            return outcome!;
        })));

        var invoice = await InvoiceAsync(_site, id);
        var payments = await PaymentsAsync(_site, id);
        Assert.True(invoice.PaidRupees <= 5000m);
        Assert.Equal(invoice.PaidRupees, payments.Sum(p => p.AmountRupees));
        Assert.Equal(outcomes.Count(o => o is DynamicClinic.Web.Features.Outcome.Done), payments.Count);
    }

    [Fact]
    public async Task ADiscountAboveTheLimitNeedsAnAdminAndOneOverAHundredPercentIsRefused()
    {
        var id = await DraftAsync(_site, 10000);
        using var reception = await ReceptionAsync();
        using var admin = await AdminAsync();
        var action = $"{Page(id)}/discount";

        var tooMuch = await PostFromPageAsync(reception, Page(id), action, new() { ["Kind"] = "Percent", ["DiscountValue"] = "20", ["DiscountReason"] = "Family" });
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        Assert.Contains("Discounts above 10 % need an admin.", await tooMuch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var overAll = await PostFromPageAsync(admin, Page(id), action, new() { ["Kind"] = "Percent", ["DiscountValue"] = "150", ["DiscountReason"] = "Family" });
        Assert.Equal(HttpStatusCode.BadRequest, overAll.StatusCode);
        Assert.Contains("A discount cannot be more than 100 %.", WebUtility.HtmlDecode(await overAll.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var noReason = await PostFromPageAsync(admin, Page(id), action, new() { ["Kind"] = "Amount", ["DiscountValue"] = "500", ["DiscountReason"] = "" });
        Assert.Contains("id=\"DiscountReason-error\">Give a reason for the discount.", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(10000m, (await InvoiceAsync(_site, id)).TotalRupees);

        await FollowAsync(admin, await PostFromPageAsync(admin, Page(id), action, new() { ["Kind"] = "Percent", ["DiscountValue"] = "20", ["DiscountReason"] = "Family" }));
        var invoice = await InvoiceAsync(_site, id);
        Assert.Equal(8000m, invoice.TotalRupees);
        Assert.Equal("Family", invoice.DiscountReason);
    }

    [Fact]
    public async Task RefundsNeedAnAdminAReasonAndNoMoreThanWasPaidAndAreAudited()
    {
        var id = await IssuedInvoiceAsync(_site, 5000);
        using var reception = await ReceptionAsync();
        using var admin = await AdminAsync();
        await FollowAsync(reception, await PostFromPageAsync(reception, Page(id), $"{Page(id)}/payments", new() { ["MethodId"] = "4", ["Amount"] = "3000", ["Reference"] = "JC-7781" }));
        var paymentId = (await PaymentsAsync(_site, id)).Single().Id;
        var action = $"{Page(id)}/payments/{paymentId}/refund";
        Assert.DoesNotContain(action, await reception.GetStringAsync(Page(id)), StringComparison.Ordinal);

        var tokens = HtmlForms.HiddenFields(await reception.GetStringAsync(Page(id)), $"{Page(id)}/payments");
        tokens["RefundAmount"] = "1000";
        tokens["RefundReason"] = "Asked";
        var byReception = await reception.PostAsync(action, tokens);
        Assert.Equal(HttpStatusCode.Forbidden, byReception.StatusCode);
        var tooMuch = await PostFromPageAsync(admin, Page(id), action, new() { ["RefundAmount"] = "3500", ["RefundReason"] = "Overcharged" });
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        Assert.Contains("That is more than was paid (Rs 3,000).", WebUtility.HtmlDecode(await tooMuch.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var noReason = await PostFromPageAsync(admin, Page(id), action, new() { ["RefundAmount"] = "500", ["RefundReason"] = "" });
        Assert.Contains("id=\"RefundReason-error\">Give a reason for the refund.", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await PaymentsAsync(_site, id));

        var refunded = await FollowAsync(admin, await PostFromPageAsync(admin, Page(id), action, new() { ["RefundAmount"] = "1000", ["RefundReason"] = "Serum returned" }));
        Assert.Contains("Rs 1,000 refunded.", refunded, StringComparison.Ordinal);
        Assert.Contains("(up to Rs 2,000)", refunded, StringComparison.Ordinal);
        var invoice = await InvoiceAsync(_site, id);
        Assert.Equal(2000m, invoice.PaidRupees);
        Assert.Equal(Money.Of(3000), invoice.Balance);
        var refund = (await PaymentsAsync(_site, id)).Last();
        Assert.Equal((PaymentKind.Refund, 1000m, "Serum returned", (int?)paymentId, 4), (refund.Kind, refund.AmountRupees, refund.Reason, refund.RefundOfPaymentId, refund.PaymentMethodId));
        var audit = (await AuditAsync(id)).Last();
        Assert.Equal(AuditActions.PaymentRefunded, audit.Action);
        Assert.StartsWith("Sana Malik", audit.ActorName, StringComparison.Ordinal);
        Assert.Contains("Serum returned", audit.Summary, StringComparison.Ordinal);

        var twice = await PostFromPageAsync(admin, Page(id), action, new() { ["RefundAmount"] = "2500", ["RefundReason"] = "Again" });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("That is more than was paid (Rs 2,000).", WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACreditNoteCancelsAnIssuedInvoiceUnderTheNextNumberAndItCanNoLongerBePaidOrChanged()
    {
        var id = await IssuedInvoiceAsync(_site, 4000);
        using var reception = await ReceptionAsync();
        var number = (await InvoiceAsync(_site, id)).Number!;
        var form = HtmlForms.HiddenFields(await reception.GetStringAsync(Page(id)), $"{Page(id)}/payments");

        var credited = await FollowAsync(reception, await PostFromPageAsync(reception, Page(id), $"{Page(id)}/credit", []));

        var note = await _site.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.CreditsInvoiceId == id));
        Assert.Contains($"Credit note {note.Number} issued.", credited, StringComparison.Ordinal);
        Assert.Equal((InvoiceKind.CreditNote, InvoiceStatus.Issued, 4000m), (note.Kind, note.Status, note.TotalRupees));
        Assert.True(string.CompareOrdinal(note.Number, number) > 0);
        Assert.Equal(InvoiceStatus.Credited, (await InvoiceAsync(_site, id)).Status);
        Assert.Contains("Cancelled by credit note " + note.Number, credited, StringComparison.Ordinal);

        // A payment form opened before the credit note was issued: refused, nothing written.
        form["MethodId"] = "1";
        form["Amount"] = "4000";
        var pay = await reception.PostAsync($"{Page(id)}/payments", form);
        Assert.True(pay.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Redirect);
        Assert.Empty(await PaymentsAsync(_site, id));
        form.Remove("Version");
        form["Kind"] = "Custom";
        form["Description"] = "Extra";
        form["Amount"] = "100";
        var line = await reception.PostAsync($"{Page(id)}/lines", form);
        Assert.Equal(HttpStatusCode.BadRequest, line.StatusCode);
        Assert.Contains("An issued invoice cannot be changed; issue a credit note instead.", await line.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(4000m, (await InvoiceAsync(_site, id)).TotalRupees);
        Assert.Single((await InvoiceAsync(_site, id)).Lines);
    }

    [Fact]
    public async Task APrepaidCourseIsDrawnDownByCompletedPlanSessionsAndShownOnTheRecordAndThePlan()
    {
        var patientId = await PatientIdAsync(_site);
        var meso = await _site.WithDbAsync(db => db.Treatments.Where(t => t.Slug == "mesotherapy").Select(t => t.Id).SingleAsync());
        using var client = await ReceptionAsync();
        var record = $"/staff/patients/{patientId}";
        var started = await PostFromPageAsync(client, record, $"/staff/billing/patients/{patientId}/invoices", []);
        var invoicePage = started.Headers.Location!.OriginalString;
        var id = int.Parse(invoicePage[(invoicePage.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

        var noSessions = await PostFromPageAsync(client, invoicePage, $"{invoicePage}/lines", new() { ["Kind"] = "Course", ["TreatmentId"] = meso.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Sessions"] = "eight" });
        Assert.Equal(HttpStatusCode.BadRequest, noSessions.StatusCode);
        Assert.Contains("A course has from 2 to 30 sessions.", await noSessions.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await FollowAsync(client, await PostFromPageAsync(client, invoicePage, $"{invoicePage}/lines", new() { ["Kind"] = "Course", ["TreatmentId"] = meso.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Sessions"] = "8" }));
        await FollowAsync(client, await PostFromPageAsync(client, invoicePage, $"{invoicePage}/issue", []));
        Assert.Equal(Money.Of(8 * MesotherapyPrice), (await InvoiceAsync(_site, id)).Total);

        var session = await AppointmentAsync(_site, Utc(11, 25, 9, 0), planSession: true);
        var page = $"/staff/appointments/{session}";
        await FollowAsync(client, await PostFromPageAsync(client, page, $"{page}/status", new() { ["Status"] = "Completed" }));

        var package = await _site.WithDbAsync(db => db.CoursePackages.AsNoTracking().Include(p => p.Uses).SingleAsync(p => p.InvoiceId == id));
        Assert.Equal((8, 1, 64000m), (package.SessionsBought, package.SessionsUsed, package.PriceRupees));
        Assert.False(await _site.WithDbAsync(db => db.Invoices.AnyAsync(i => i.AppointmentId == db.Appointments.Single(a => a.Reference == session).Id)));
        var recordHtml = WebUtility.HtmlDecode(await client.GetStringAsync(record));
        Assert.Contains("Mesotherapy course</a>: 1 of 8 used", recordHtml, StringComparison.Ordinal);
        Assert.Contains("Rs 64,000, Rs 64,000 owed", recordHtml, StringComparison.Ordinal);
        var planId = await _site.WithDbAsync(db => db.Appointments.Where(a => a.Reference == session).Select(a => a.SessionPlanId!.Value).SingleAsync());
        Assert.Contains("Mesotherapy course: 1 of 8 used", WebUtility.HtmlDecode(await client.GetStringAsync($"/staff/plans/{planId}")), StringComparison.Ordinal);
    }
}
