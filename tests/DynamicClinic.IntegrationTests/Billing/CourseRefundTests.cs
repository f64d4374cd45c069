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
/// Unused sessions of a prepaid course refunded at the desk by the admins' rule (here 80 % back, less a Rs 500 fee),
/// by an admin or an allowed front desk lead, with a reason, audited; bad input refused with nothing written.
/// </summary>
public class CourseRefundTests : IClassFixture<CourseRefundTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _site;

    public CourseRefundTests(Factory site) => _site = site;

    public async Task InitializeAsync()
    {
        await _site.SeedDemoDataAsync();
        await EnsurePricesAsync(_site);
        await EnsureLeadAsync(_site);
        await _site.WithDbAsync(async db =>
        {
            var settings = await db.BillingSettings.SingleAsync();
            settings.CourseRefundFeeRupees = 500;
            return await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Eight mesotherapy sessions at Rs 8,000 (Rs 64,000) sold, paid in full, three drawn: five left.</summary>
    private Task<int> CourseWithFiveLeftAsync() =>
        SellCourseAsync(3);

    private async Task<int> SellCourseAsync(int used)
    {
        var packageId = 0;
        await _site.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DynamicClinic.Data.ClinicDbContext>();
            var desk = services.GetRequiredService<BillingDesk>();
            var ct = CancellationToken.None;
            var meso = await db.Treatments.Where(t => t.Slug == "mesotherapy").Select(t => t.Id).SingleAsync();
            var invoice = int.Parse(((Outcome.Done)await desk.DraftAsync(await PatientIdAsync(_site), ct)).Reference!, CultureInfo.InvariantCulture);
            Assert.IsType<Outcome.Done>(await desk.AddLineAsync(invoice, new LineForm { Kind = "Course", TreatmentId = meso, Sessions = "8" }, ct));
            Assert.IsType<Outcome.Done>(await desk.IssueAsync(invoice, null, ct));
            Assert.IsType<Outcome.Done>(await desk.TakePaymentAsync(invoice, new PaymentForm { MethodId = PaymentMethod.Cash, Amount = "64000" }, ct));
            var package = await db.CoursePackages.Include(p => p.Uses).SingleAsync(p => p.InvoiceId == invoice);
            for (var i = 0; i < used; i++)
            {
                Assert.Null(package.Draw(-1 - i, DateTime.UtcNow));
            }

            // Draws keyed to appointments that are not there: only the counts matter here.
            package.Uses.Clear();
            await db.SaveChangesAsync();
            packageId = package.Id;
        });
        return packageId;
    }

    private static string Page(int id) => $"/staff/billing/courses/{id}";

    private static async Task AssertFieldMessageAsync(HttpResponseMessage response, string field, string message)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Matches($"id=\"{field}-error\"[^>]*>{System.Text.RegularExpressions.Regex.Escape(message)}<", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task UnusedSessionsAreRefundedByTheRuleAndTheCourseIsClosed()
    {
        var id = await CourseWithFiveLeftAsync();
        using var admin = await _site.SignedInClientAsync(DemoDataSeeder.AdminEmail);
        var action = Page(id) + "/refund";

        var page = WebUtility.HtmlDecode(await admin.GetStringAsync(Page(id)));
        // Five of eight at Rs 64,000 is Rs 40,000; 80 % is Rs 32,000; less the Rs 500 fee: Rs 31,500.
        Assert.Contains("refunding all 5 left pays back <strong>Rs 31,500</strong>", page, StringComparison.Ordinal);
        Assert.Contains("3 of 8 used", page, StringComparison.Ordinal);

        await AssertFieldMessageAsync(await PostFromPageAsync(admin, Page(id), action, new() { ["Sessions"] = "6", ["Reason"] = "Moving abroad" }),
            "Sessions", "Enter a number of sessions from 1 to 5.");
        await AssertFieldMessageAsync(await PostFromPageAsync(admin, Page(id), action, new() { ["Sessions"] = "five", ["Reason"] = "Moving abroad" }),
            "Sessions", "Enter a number of sessions from 1 to 5.");
        await AssertFieldMessageAsync(await PostFromPageAsync(admin, Page(id), action, new() { ["Sessions"] = "0", ["Reason"] = "Moving abroad" }),
            "Sessions", "Enter a number of sessions from 1 to 5.");
        await AssertFieldMessageAsync(await PostFromPageAsync(admin, Page(id), action, new() { ["Sessions"] = "5", ["Reason"] = " " }),
            "Reason", "Give a reason for the refund.");
        await AssertFieldMessageAsync(await PostFromPageAsync(admin, Page(id), action, new() { ["Sessions"] = "5", ["Reason"] = "Moving abroad", ["MethodId"] = "999" }),
            "MethodId", "Choose how the money is given back.");
        var untouched = await _site.WithDbAsync(db => db.CoursePackages.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal((0, 5), (untouched.SessionsRefunded, untouched.SessionsLeft));

        var done = await FollowAsync(admin, await PostFromPageAsync(admin, Page(id), action, new() { ["Sessions"] = "5", ["Reason"] = "Moving abroad", ["MethodId"] = "1" }));
        Assert.Contains("Rs 31,500 refunded for 5 unused sessions. The course is closed.", done, StringComparison.Ordinal);
        Assert.Contains("0 (closed)", done, StringComparison.Ordinal);
        Assert.DoesNotContain("Refund the sessions", done, StringComparison.Ordinal);

        var package = await _site.WithDbAsync(db => db.CoursePackages.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal((3, 5, 0), (package.SessionsUsed, package.SessionsRefunded, package.SessionsLeft));
        var invoice = await InvoiceAsync(_site, package.InvoiceId);
        Assert.Equal((Money.Of(64000), Money.Of(32500), Money.Zero), (invoice.Total, invoice.Paid, invoice.Balance));
        var refund = (await PaymentsAsync(_site, package.InvoiceId)).Single(p => p.Kind == PaymentKind.Refund);
        Assert.Equal((31500m, PaymentMethod.Cash, "5 unused course sessions: Moving abroad", "Sana Malik (admin)"), (refund.AmountRupees, refund.PaymentMethodId, refund.Reason, refund.TakenByName));
        var entry = await _site.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditActions.CourseRefunded && e.EntityId == id.ToString(CultureInfo.InvariantCulture)));
        Assert.Contains("5 unused sessions refunded as Rs 31,500 by Cash", entry.Summary, StringComparison.Ordinal);

        // Nothing left: a second refund is refused and writes nothing.
        var again = await PostWithTokenAsync(admin, action, new() { ["Sessions"] = "1", ["Reason"] = "Again" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Single(await _site.WithDbAsync(db => db.Payments.Where(p => p.InvoiceId == package.InvoiceId && p.Kind == PaymentKind.Refund).ToListAsync()));
    }

    [Fact]
    public async Task ALeadRefundsSomeSessionsWhenAllowedAndReceptionNever()
    {
        var id = await CourseWithFiveLeftAsync();
        using var reception = await _site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);
        using var lead = await _site.SignedInClientAsync(LeadEmail);
        var action = Page(id) + "/refund";

        Assert.DoesNotContain("Refund the sessions", await reception.GetStringAsync(Page(id)), StringComparison.Ordinal);
        var refused = await PostWithTokenAsync(reception, action, new() { ["Sessions"] = "2", ["Reason"] = "Asked" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var done = await FollowAsync(lead, await PostFromPageAsync(lead, Page(id), action, new() { ["Sessions"] = "2", ["Reason"] = "Side effects", ["MethodId"] = "2" }));
        // Two of eight at Rs 64,000 is Rs 16,000; 80 % is Rs 12,800; less Rs 500: Rs 12,300.
        Assert.Contains("Rs 12,300 refunded for 2 unused sessions.", done, StringComparison.Ordinal);
        Assert.DoesNotContain("The course is closed.", done, StringComparison.Ordinal);
        var package = await _site.WithDbAsync(db => db.CoursePackages.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal(3, package.SessionsLeft);
        Assert.Equal(Money.Zero, (await InvoiceAsync(_site, package.InvoiceId)).Balance);

        // When the admins withdraw the leads' refunds, the lead is refused too.
        await _site.WithDbAsync(async db =>
        {
            var settings = await db.BillingSettings.SingleAsync();
            settings.FrontDeskLeadsMayRefund = false;
            return await db.SaveChangesAsync();
        });
        try
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await PostWithTokenAsync(lead, action, new() { ["Sessions"] = "1", ["Reason"] = "Asked" })).StatusCode);
            Assert.Equal(3, await _site.WithDbAsync(db => db.CoursePackages.Where(p => p.Id == id).Select(p => p.SessionsBought - p.SessionsUsed - p.SessionsRefunded).SingleAsync()));
        }
        finally
        {
            await _site.WithDbAsync(async db =>
            {
                var settings = await db.BillingSettings.SingleAsync();
                settings.FrontDeskLeadsMayRefund = true;
                return await db.SaveChangesAsync();
            });
        }
    }

    [Fact]
    public async Task ACourseNotPaidInFullIsNotRefunded()
    {
        var id = 0;
        await _site.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DynamicClinic.Data.ClinicDbContext>();
            var desk = services.GetRequiredService<BillingDesk>();
            var meso = await db.Treatments.Where(t => t.Slug == "mesotherapy").Select(t => t.Id).SingleAsync();
            var invoice = int.Parse(((Outcome.Done)await desk.DraftAsync(await PatientIdAsync(_site), CancellationToken.None)).Reference!, CultureInfo.InvariantCulture);
            Assert.IsType<Outcome.Done>(await desk.AddLineAsync(invoice, new LineForm { Kind = "Course", TreatmentId = meso, Sessions = "4" }, CancellationToken.None));
            Assert.IsType<Outcome.Done>(await desk.IssueAsync(invoice, null, CancellationToken.None));
            Assert.IsType<Outcome.Done>(await desk.TakePaymentAsync(invoice, new PaymentForm { MethodId = PaymentMethod.Cash, Amount = "10000" }, CancellationToken.None));
            id = await db.CoursePackages.Where(p => p.InvoiceId == invoice).Select(p => p.Id).SingleAsync();
        });
        using var admin = await _site.SignedInClientAsync(DemoDataSeeder.AdminEmail);

        await AssertFieldMessageAsync(await PostFromPageAsync(admin, Page(id), Page(id) + "/refund", new() { ["Sessions"] = "4", ["Reason"] = "Changed mind" }),
            "Sessions", "Take the balance (Rs 22,000) before refunding unused sessions.");
        Assert.Equal(0, await _site.WithDbAsync(db => db.CoursePackages.Where(p => p.Id == id).Select(p => p.SessionsRefunded).SingleAsync()));
    }
}
