using System.Net;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using static DynamicClinic.IntegrationTests.Billing.BillingTestData;

namespace DynamicClinic.IntegrationTests.Billing;

/// <summary>
/// Who sees money, route by role: admins and front desk leads see takings, exports and the clinic's reports; reception
/// only when the admins switch it on; a clinician only their own figures on the reports; the billing admin page is
/// admins' alone; the invoice desk is the front desk's.
/// </summary>
public class MoneyAccessTests : IClassFixture<MoneyAccessTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private const HttpStatusCode Ok = HttpStatusCode.OK;
    private const HttpStatusCode No = HttpStatusCode.Forbidden;

    private readonly Factory _site;

    public MoneyAccessTests(Factory site) => _site = site;

    public async Task InitializeAsync()
    {
        await _site.SeedDemoDataAsync();
        await EnsurePricesAsync(_site);
        await EnsureLeadAsync(_site);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly string[] Roles = ["admin", "lead", "reception", "clinician"];

    private async Task<Dictionary<string, HttpClient>> ClientsAsync() => new()
    {
        ["admin"] = await _site.SignedInClientAsync(DemoDataSeeder.AdminEmail),
        ["lead"] = await _site.SignedInClientAsync(LeadEmail),
        ["reception"] = await _site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail),
        ["clinician"] = await _site.SignedInClientAsync(DemoDataSeeder.ClinicianEmail),
    };

    private static async Task AssertMatrixAsync(Dictionary<string, HttpClient> clients, IEnumerable<(string Route, HttpStatusCode[] Expected)> matrix)
    {
        var wrong = new List<string>();
        foreach (var (route, expected) in matrix)
        {
            for (var i = 0; i < Roles.Length; i++)
            {
                var status = (await clients[Roles[i]].GetAsync(route)).StatusCode;
                if (status != expected[i])
                {
                    wrong.Add($"{Roles[i]} {route}: {(int)status}, expected {(int)expected[i]}");
                }
            }
        }

        Assert.Empty(wrong);
    }

    private Task<int> SetReceptionSeesMoneyAsync(bool on) =>
        _site.WithDbAsync(async db =>
        {
            var settings = await db.BillingSettings.SingleAsync();
            settings.ReceptionSeesMoney = on;
            settings.Version = Guid.NewGuid();
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task EachRoleSeesTheMoneyPagesItMayAndNoOthers()
    {
        var invoice = await IssuedInvoiceAsync(_site, 1000);
        var clients = await ClientsAsync();
        try
        {
            //                                                          admin lead reception clinician
            await AssertMatrixAsync(clients, [
                ("/staff/admin/billing", [Ok, No, No, No]),
                ("/staff/billing/takings", [Ok, Ok, No, No]),
                ("/staff/billing/export/invoices.csv", [Ok, Ok, No, No]),
                ("/staff/billing/export/payments.csv", [Ok, Ok, No, No]),
                ("/staff/reports", [Ok, Ok, No, Ok]),
                ("/staff/reports.csv", [Ok, Ok, No, Ok]),
                ($"/staff/billing/invoices/{invoice}", [Ok, Ok, Ok, No]),
            ]);
            Assert.DoesNotContain("href=\"/staff/reports\"", await clients["reception"].GetStringAsync("/staff"), StringComparison.Ordinal);

            // The admins' switch lets all reception see the money at once (read per request, so every server agrees).
            await SetReceptionSeesMoneyAsync(true);
            await AssertMatrixAsync(clients, [
                ("/staff/admin/billing", [Ok, No, No, No]),
                ("/staff/billing/takings", [Ok, Ok, Ok, No]),
                ("/staff/billing/export/invoices.csv", [Ok, Ok, Ok, No]),
                ("/staff/reports", [Ok, Ok, Ok, Ok]),
            ]);
            Assert.Contains("href=\"/staff/reports\"", await clients["reception"].GetStringAsync("/staff"), StringComparison.Ordinal);
            Assert.DoesNotContain("your own figures only", WebUtility.HtmlDecode(await clients["reception"].GetStringAsync("/staff/reports")), StringComparison.Ordinal);
            Assert.Contains("your own figures only", WebUtility.HtmlDecode(await clients["clinician"].GetStringAsync("/staff/reports")), StringComparison.Ordinal);
        }
        finally
        {
            await SetReceptionSeesMoneyAsync(false);
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    [Fact]
    public async Task OnlyAnAdminMayChangeBillingSettings()
    {
        using var lead = await _site.SignedInClientAsync(LeadEmail);
        using var admin = await _site.SignedInClientAsync(DemoDataSeeder.AdminEmail);
        var fields = HtmlForms.HiddenFields(await admin.GetStringAsync("/staff/admin/billing"), "/staff/admin/billing/settings");
        fields["ConsultationFee"] = "1";
        fields["DiscountLimit"] = "100";
        fields["CourseRefundPercent"] = "100";
        fields["CourseRefundFee"] = "0";
        fields["ReceptionSeesMoney"] = "true";

        // The admin's form with the lead's own antiforgery token: refused, nothing changed.
        fields.Remove("__RequestVerificationToken");
        Assert.Equal(HttpStatusCode.Forbidden, (await PostWithTokenAsync(lead, "/staff/admin/billing/settings", fields)).StatusCode);
        Assert.False(await _site.WithDbAsync(db => db.BillingSettings.Select(s => s.ReceptionSeesMoney).SingleAsync()));
    }
}
