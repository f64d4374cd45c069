using System.Net;
using DynamicClinic.Data;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Admin;

/// <summary>The clinic always keeps one active admin: the only one can neither be deactivated nor lose the Admin role.</summary>
public class LastAdminTests(ClinicAppFactory factory) : IClassFixture<ClinicAppFactory>, IAsyncLifetime
{
    private const string Refusal = "This is the only active admin account.";

    public async Task InitializeAsync() => await factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheOnlyAdminKeepsTheRoleAndStaysActiveUntilThereIsAnother()
    {
        var adminId = (await factory.UserAsync(DemoDataSeeder.AdminEmail)).Id;
        using var admin = factory.CreateClient();
        await admin.SignInAsStaffAsync(DemoDataSeeder.AdminEmail);

        using (var deactivate = await admin.PostAccountActionAsync(adminId, "deactivate"))
        {
            var html = await deactivate.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, deactivate.StatusCode);
            Assert.Contains(Refusal, html, StringComparison.Ordinal);
            Assert.Contains("id=\"status-error\"", html, StringComparison.Ordinal);
        }

        using (var demote = await admin.PostListAsync($"/staff/admin/users/{adminId}", $"/staff/admin/users/{adminId}/roles", [new("Roles", StaffRoles.Reception)]))
        {
            var html = await demote.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, demote.StatusCode);
            Assert.Contains(Refusal, html, StringComparison.Ordinal);
            Assert.Contains("id=\"Roles-error\"", html, StringComparison.Ordinal);
        }

        Assert.True((await factory.UserAsync(DemoDataSeeder.AdminEmail)).IsActive);
        Assert.Equal([StaffRoles.Admin], await factory.RolesAsync(DemoDataSeeder.AdminEmail));
        Assert.Equal(0, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == adminId)));

        // A deactivated admin does not count: still refused.
        await factory.AddStaffDirectlyAsync("inactive.admin@dynamicclinic.test", DemoDataSeeder.DemoPassword, StaffRoles.Admin);
        await factory.WithDbAsync(async db =>
        {
            var inactive = await db.Users.SingleAsync(u => u.Email == "inactive.admin@dynamicclinic.test");
            inactive.IsActive = false;
            return await db.SaveChangesAsync();
        });
        using (var stillRefused = await admin.PostAccountActionAsync(adminId, "deactivate"))
        {
            Assert.Contains(Refusal, await stillRefused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // With a second active admin, the first may step down.
        var second = await admin.CreateStaffAsync("second.admin@dynamicclinic.test", "Second Admin", StaffRoles.Admin);
        Assert.False(string.IsNullOrEmpty(second));
        using (var demoted = await admin.PostListAsync($"/staff/admin/users/{adminId}", $"/staff/admin/users/{adminId}/roles", [new("Roles", StaffRoles.Reception)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, demoted.StatusCode);
        }

        Assert.Equal([StaffRoles.Reception], await factory.RolesAsync(DemoDataSeeder.AdminEmail));
    }
}
