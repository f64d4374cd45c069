using System.Globalization;
using System.Net;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Billing;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Features;
using DynamicClinic.Web.Features.Billing;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DynamicClinic.IntegrationTests.Billing.BillingTestData;

namespace DynamicClinic.IntegrationTests.Billing;

/// <summary>
/// The billing admin page over HTTP ("today" is Friday 27 November 2026): prices from a start date, products, payment
/// methods and settings; each change audited, bad input a message beside its field with nothing written.
/// </summary>
public class BillingAdminTests : IClassFixture<BillingAdminTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private const string Page = "/staff/admin/billing";

    private readonly Factory _site;

    public BillingAdminTests(Factory site) => _site = site;

    public async Task InitializeAsync()
    {
        await _site.SeedDemoDataAsync();
        await EnsurePricesAsync(_site);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpClient> AdminAsync() => _site.SignedInClientAsync(DemoDataSeeder.AdminEmail);

    private static async Task AssertFieldMessageAsync(HttpResponseMessage response, string field, string message)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Matches($"id=\"{field}-error\"[^>]*>{System.Text.RegularExpressions.Regex.Escape(message)}<", html);
        Assert.Contains($"aria-describedby=\"{field}-error", html, StringComparison.Ordinal);
    }

    private Task<int> AuditCountAsync(string action) => _site.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == action));

    [Fact]
    public async Task ANewPriceStartsOnItsDayShowsInTheHistoryAndLeavesIssuedInvoicesAsTheyWere()
    {
        using var admin = await AdminAsync();
        var prp = await _site.WithDbAsync(db => db.Treatments.Where(t => t.Slug == "prp-therapy").Select(t => t.Id).SingleAsync());
        var action = Page + "/prices";
        var id = prp.ToString(CultureInfo.InvariantCulture);

        await AssertFieldMessageAsync(await PostFromPageAsync(admin, Page, action, new() { ["PriceTreatmentId"] = id, ["PriceAmount"] = "fifteen thousand", ["PriceFrom"] = "2026-11-27" }),
            "PriceAmount", "Enter the amount in figures, e.g. 12500.");
        await AssertFieldMessageAsync(await PostFromPageAsync(admin, Page, action, new() { ["PriceTreatmentId"] = id, ["PriceAmount"] = "-100", ["PriceFrom"] = "2026-11-27" }),
            "PriceAmount", "The amount cannot be negative.");
        await AssertFieldMessageAsync(await PostFromPageAsync(admin, Page, action, new() { ["PriceTreatmentId"] = id, ["PriceAmount"] = "15000", ["PriceFrom"] = "2026-11-26" }),
            "PriceFrom", "A new price starts today or on a day within two years.");
        await AssertFieldMessageAsync(await PostFromPageAsync(admin, Page, action, new() { ["PriceAmount"] = "15000", ["PriceFrom"] = "2026-11-27" }),
            "PriceTreatmentId", "Choose a treatment.");
        Assert.False(await _site.WithDbAsync(db => db.TreatmentPrices.AnyAsync(p => p.TreatmentId == prp)));

        var saved = await FollowAsync(admin, await PostFromPageAsync(admin, Page, action, new() { ["PriceTreatmentId"] = id, ["PriceAmount"] = "15,000", ["PriceFrom"] = "2026-11-27" }));
        Assert.Contains("PRP therapy costs Rs 15,000 from 27 Nov 2026.", saved, StringComparison.Ordinal);

        // An invoice made at today's price, issued; then a dearer price from tomorrow.
        var invoiceId = await DraftAsync(_site);
        await _site.WithScopeAsync(async services =>
        {
            var desk = services.GetRequiredService<BillingDesk>();
            Assert.IsType<Outcome.Done>(await desk.AddLineAsync(invoiceId, new LineForm { Kind = "Treatment", TreatmentId = prp }, CancellationToken.None));
            Assert.IsType<Outcome.Done>(await desk.IssueAsync(invoiceId, null, CancellationToken.None));
        });
        await FollowAsync(admin, await PostFromPageAsync(admin, Page, action, new() { ["PriceTreatmentId"] = id, ["PriceAmount"] = "18000", ["PriceFrom"] = "2026-11-28" }));
        await AssertFieldMessageAsync(await PostFromPageAsync(admin, Page, action, new() { ["PriceTreatmentId"] = id, ["PriceAmount"] = "19000", ["PriceFrom"] = "2026-11-28" }),
            "PriceFrom", "PRP therapy already has a price starting that day.");

        var page = WebUtility.HtmlDecode(await admin.GetStringAsync(Page));
        Assert.Contains("<th scope=\"row\">PRP therapy</th>\n                        <td>Rs 15,000</td>\n                        <td>Rs 18,000 from 28 Nov 2026; Rs 15,000 from 27 Nov 2026</td>", page.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        var invoice = await InvoiceAsync(_site, invoiceId);
        Assert.Equal([15000m], invoice.Lines.Where(l => l.TreatmentId == prp).Select(l => l.UnitRupees));
        await _site.WithScopeAsync(async services =>
            Assert.Equal(Money.Of(18000), await services.GetRequiredService<BillingDesk>().PriceOnAsync(prp, new DateOnly(2026, 11, 28), CancellationToken.None)));
        Assert.Equal(2, await _site.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.PriceSet && e.EntityId == id)));
    }

    [Fact]
    public async Task ProductsAreAddedChangedAndRetired()
    {
        using var admin = await AdminAsync();
        var audited = await AuditCountAsync(AuditActions.ProductSaved);

        await AssertFieldMessageAsync(await PostFromPageAsync(admin, Page, Page + "/products", new() { ["ProductName"] = "Biotin tablets", ["ProductPrice"] = "12.5" }),
            "ProductPrice", "Enter whole rupees.");
        await AssertFieldMessageAsync(await PostFromPageAsync(admin, Page, Page + "/products", new() { ["ProductName"] = "hair SERUM", ["ProductPrice"] = "100" }),
            "ProductName", "There is already a product called hair SERUM.");
        await AssertFieldMessageAsync(await PostFromPageAsync(admin, Page, Page + "/products", new() { ["ProductName"] = " ", ["ProductPrice"] = "100" }),
            "ProductName", "Name the product.");
        Assert.False(await _site.WithDbAsync(db => db.Products.AnyAsync(p => p.Name == "Biotin tablets")));

        var added = await FollowAsync(admin, await PostFromPageAsync(admin, Page, Page + "/products", new() { ["ProductName"] = "Biotin tablets", ["ProductPrice"] = "1,800" }));
        Assert.Contains("Biotin tablets added.", added, StringComparison.Ordinal);
        var id = await _site.WithDbAsync(db => db.Products.Where(p => p.Name == "Biotin tablets").Select(p => p.Id).SingleAsync());

        await AssertFieldMessageAsync(await PostFromPageAsync(admin, Page, $"{Page}/products/{id}", new() { ["ProductName"] = "Biotin tablets", ["ProductPrice"] = "99999999999" }),
            "ProductPrice", "That is more than Rs 10,000,000; check the amount.");
        await FollowAsync(admin, await PostFromPageAsync(admin, Page, $"{Page}/products/{id}", new() { ["ProductName"] = "Biotin tablets (60)", ["ProductPrice"] = "2000" }));
        var retired = await FollowAsync(admin, await PostFromPageAsync(admin, Page, $"{Page}/products/{id}/active", new() { ["active"] = "false" }));
        Assert.Contains("Biotin tablets (60) retired.", retired, StringComparison.Ordinal);

        var product = await _site.WithDbAsync(db => db.Products.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal(("Biotin tablets (60)", 2000m, false), (product.Name, product.Rupees, product.IsActive));
        Assert.Equal(audited + 3, await AuditCountAsync(AuditActions.ProductSaved));

        // A retired product is no longer offered on an invoice.
        var invoiceId = await DraftAsync(_site);
        using var reception = await _site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);
        Assert.DoesNotContain("Biotin tablets", await reception.GetStringAsync($"/staff/billing/invoices/{invoiceId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PaymentMethodsAreAddedAndRetiredButCashStays()
    {
        using var admin = await AdminAsync();

        await AssertFieldMessageAsync(await PostFromPageAsync(admin, Page, Page + "/methods", new() { ["MethodName"] = "jazzcash" }),
            "MethodName", "There is already a method called jazzcash.");
        await AssertFieldMessageAsync(await PostFromPageAsync(admin, Page, Page + "/methods", new() { ["MethodName"] = "" }),
            "MethodName", "Name the payment method.");

        await FollowAsync(admin, await PostFromPageAsync(admin, Page, Page + "/methods", new() { ["MethodName"] = "Raast", ["MethodNeedsReference"] = "true" }));
        var raast = await _site.WithDbAsync(db => db.PaymentMethods.AsNoTracking().SingleAsync(m => m.Name == "Raast"));
        Assert.True(raast.NeedsReference);
        Assert.True(raast.IsActive);

        // The new method needs its reference at the desk.
        var invoiceId = await IssuedInvoiceAsync(_site, 2000);
        using var reception = await _site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);
        var invoicePage = $"/staff/billing/invoices/{invoiceId}";
        await AssertFieldMessageAsync(await PostFromPageAsync(reception, invoicePage, invoicePage + "/payments", new() { ["MethodId"] = raast.Id.ToString(CultureInfo.InvariantCulture), ["Amount"] = "2000" }),
            "Reference", "Enter the Raast reference.");

        var cashRetired = await FollowAsync(admin, await PostWithTokenAsync(admin, $"{Page}/methods/{PaymentMethod.Cash}/active", new() { ["active"] = "false" }));
        Assert.Contains("Cash cannot be retired", cashRetired, StringComparison.Ordinal);
        await FollowAsync(admin, await PostFromPageAsync(admin, Page, $"{Page}/methods/{raast.Id}/active", new() { ["active"] = "false" }));

        Assert.True(await _site.WithDbAsync(db => db.PaymentMethods.Where(m => m.Id == PaymentMethod.Cash).Select(m => m.IsActive).SingleAsync()));
        Assert.False(await _site.WithDbAsync(db => db.PaymentMethods.Where(m => m.Id == raast.Id).Select(m => m.IsActive).SingleAsync()));
        Assert.DoesNotContain(">Raast<", await reception.GetStringAsync(invoicePage), StringComparison.Ordinal);
        Assert.Equal(2, await _site.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.PaymentMethodSaved && e.EntityId == raast.Id.ToString(CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task SettingsAreSavedAuditedAndRefusedWhenOutOfRangeOrStale()
    {
        using var admin = await AdminAsync();
        var action = Page + "/settings";
        var before = await _site.WithDbAsync(db => db.BillingSettings.AsNoTracking().SingleAsync());
        Dictionary<string, string> Form(string limit, string percent, string fee, string consultation = "3500") => new()
        {
            ["ConsultationFee"] = consultation,
            ["DiscountLimit"] = limit,
            ["CourseRefundPercent"] = percent,
            ["CourseRefundFee"] = fee,
            ["LeadsMayRefund"] = "true",
            ["SendReceiptOnPayment"] = "true",
        };

        await AssertFieldMessageAsync(await PostFromPageAsync(admin, Page, action, Form("120", "80", "0")), "DiscountLimit", "Enter a percentage from 0 to 100.");
        await AssertFieldMessageAsync(await PostFromPageAsync(admin, Page, action, Form("10", "ten", "0")), "CourseRefundPercent", "Enter a percentage from 0 to 100.");
        await AssertFieldMessageAsync(await PostFromPageAsync(admin, Page, action, Form("10", "80", "-5")), "CourseRefundFee", "The amount cannot be negative.");
        await AssertFieldMessageAsync(await PostFromPageAsync(admin, Page, action, Form("10", "80", "0", "3,000.50")), "ConsultationFee", "Enter whole rupees.");
        Assert.Equal(before.Version, await _site.WithDbAsync(db => db.BillingSettings.Select(s => s.Version).SingleAsync()));

        var saved = await FollowAsync(admin, await PostFromPageAsync(admin, Page, action, Form("15", "75", "500")));
        Assert.Contains("Billing settings saved.", saved, StringComparison.Ordinal);
        Assert.Contains("sessions left × the price paid per session × 75 %, less a fee of Rs 500 (never below Rs 0)", saved, StringComparison.Ordinal);
        var after = await _site.WithDbAsync(db => db.BillingSettings.AsNoTracking().SingleAsync());
        Assert.Equal((3500m, 15m, 75m, 500m, true, false, true), (after.ConsultationFeeRupees, after.DiscountLimitPercent, after.CourseRefundPercent, after.CourseRefundFeeRupees, after.FrontDeskLeadsMayRefund, after.ReceptionSeesMoney, after.SendReceiptOnPayment));
        var entry = await _site.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).LastAsync(e => e.Action == AuditActions.BillingSettingsChanged));
        Assert.Contains("\"DiscountLimit\":\"10\"", entry.Before, StringComparison.Ordinal);
        Assert.Contains("\"DiscountLimit\":\"15\"", entry.After, StringComparison.Ordinal);

        // A form shown before that save is stale: refused with what is stored now.
        var stale = Form("50", "100", "0");
        var html = await admin.GetStringAsync(Page);
        var fields = HtmlForms.HiddenFields(html, action);
        fields["Version"] = before.Version.ToString();
        foreach (var (key, value) in stale)
        {
            fields[key] = value;
        }

        var conflict = await admin.PostAsync(action, fields);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("Another admin saved the billing settings a moment ago", WebUtility.HtmlDecode(await conflict.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(15m, await _site.WithDbAsync(db => db.BillingSettings.Select(s => s.DiscountLimitPercent).SingleAsync()));

        // Put the defaults back for the other tests of the class.
        await _site.WithDbAsync(async db =>
        {
            var settings = await db.BillingSettings.SingleAsync();
            (settings.ConsultationFeeRupees, settings.DiscountLimitPercent, settings.CourseRefundPercent, settings.CourseRefundFeeRupees, settings.SendReceiptOnPayment) =
                (before.ConsultationFeeRupees, before.DiscountLimitPercent, before.CourseRefundPercent, before.CourseRefundFeeRupees, before.SendReceiptOnPayment);
            return await db.SaveChangesAsync();
        });
    }
}
