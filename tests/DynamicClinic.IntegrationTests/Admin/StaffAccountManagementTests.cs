using System.Net;
using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Admin;

/// <summary>The account page: roles, deactivate and reactivate, unlock, reset password; each audited.</summary>
public class StaffAccountManagementTests : IClassFixture<StaffAccountManagementTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _factory;

    public StaffAccountManagementTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => await _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task DeactivatedAccountIsCutOffAtOnceAndCannotSignInUntilReactivated()
    {
        const string email = "to.deactivate@dynamicclinic.test";
        await _factory.AddStaffDirectlyAsync(email, DemoDataSeeder.DemoPassword, StaffRoles.Reception);
        var id = (await _factory.UserAsync(email)).Id;
        using var session = _factory.CreateClient();
        await session.SignInAsStaffAsync(email);
        using (var before = await session.GetAsync("/staff/calendar"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var admin = await AdminAsync();
        using (var deactivate = await admin.PostAccountActionAsync(id, "deactivate"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deactivate.StatusCode);
        }

        var page = await admin.GetStringAsync($"/staff/admin/users/{id}");
        Assert.Contains("Account deactivated", page, StringComparison.Ordinal);
        Assert.Contains("Deactivated: cannot sign in", page, StringComparison.Ordinal);
        Assert.False((await _factory.UserAsync(email)).IsActive);

        // The open session ends at its next request (the stamp is checked on every request that comes after any time at all).
        _factory.Clock.Advance(TimeSpan.FromSeconds(1));
        using (var cutOff = await session.GetAsync("/staff/calendar"))
        {
            Assert.Equal(HttpStatusCode.Redirect, cutOff.StatusCode);
            Assert.Equal("/staff/sign-in", cutOff.Headers.Location!.AbsolutePath);
        }

        using var fresh = _factory.CreateClient();
        using (var refused = await fresh.SignInAsync(email, DemoDataSeeder.DemoPassword))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        using (var reactivate = await admin.PostAccountActionAsync(id, "reactivate"))
        {
            Assert.Equal(HttpStatusCode.Redirect, reactivate.StatusCode);
        }

        using (var allowed = await fresh.SignInAsync(email, DemoDataSeeder.DemoPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        }

        var actions = await AuditActionsForAsync(id);
        Assert.Equal([AuditActions.StaffDeactivated, AuditActions.StaffReactivated], actions);
    }

    [Fact]
    public async Task LockedOutAccountCanBeUnlocked()
    {
        const string email = "to.unlock@dynamicclinic.test";
        await _factory.AddStaffDirectlyAsync(email, DemoDataSeeder.DemoPassword, StaffRoles.Reception);
        var id = (await _factory.UserAsync(email)).Id;
        using var staff = _factory.CreateClient();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var failed = await staff.SignInAsync(email, "wrong-password-" + attempt);
        }

        using (var locked = await staff.SignInAsync(email, DemoDataSeeder.DemoPassword))
        {
            Assert.Contains("the account is locked for 15 minutes", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var admin = await AdminAsync();
        var page = await admin.GetStringAsync($"/staff/admin/users/{id}");
        Assert.Contains("Locked out after too many failed sign-ins", page, StringComparison.Ordinal);

        using (var unlock = await admin.PostAccountActionAsync(id, "unlock"))
        {
            Assert.Equal(HttpStatusCode.Redirect, unlock.StatusCode);
        }

        using (var signIn = await staff.SignInAsync(email, DemoDataSeeder.DemoPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        Assert.Equal([AuditActions.StaffUnlocked], await AuditActionsForAsync(id));
    }

    [Fact]
    public async Task ResetPasswordShowsANewOneTimePasswordEndsSessionsAndForcesAChange()
    {
        const string email = "to.reset@dynamicclinic.test";
        await _factory.AddStaffDirectlyAsync(email, DemoDataSeeder.DemoPassword, StaffRoles.Reception);
        var id = (await _factory.UserAsync(email)).Id;
        using var session = _factory.CreateClient();
        await session.SignInAsStaffAsync(email);

        using var admin = await AdminAsync();
        using var reset = await admin.PostAccountActionAsync(id, "reset-password");
        var html = await reset.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Contains("Password reset", html, StringComparison.Ordinal);
        var oneTime = AdminClient.OneTimePasswordIn(html);
        Assert.True((await _factory.UserAsync(email)).MustChangePassword);

        _factory.Clock.Advance(TimeSpan.FromSeconds(1));
        using (var cutOff = await session.GetAsync("/staff"))
        {
            Assert.Equal(HttpStatusCode.Redirect, cutOff.StatusCode);
            Assert.Equal("/staff/sign-in", cutOff.Headers.Location!.AbsolutePath);
        }

        using var fresh = _factory.CreateClient();
        using (var oldPassword = await fresh.SignInAsync(email, DemoDataSeeder.DemoPassword))
        {
            Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode);
        }

        using (var signIn = await fresh.SignInAsync(email, oneTime))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        using (var forced = await fresh.GetAsync("/staff/calendar"))
        {
            Assert.Equal("/staff/account/password", forced.Headers.Location!.OriginalString);
        }

        using (var changed = await fresh.ChangePasswordAsync(oneTime, AdminClient.NewPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        using (var calendar = await fresh.GetAsync("/staff/calendar"))
        {
            Assert.Equal(HttpStatusCode.OK, calendar.StatusCode);
        }

        var entry = await _factory.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.EntityId == id && a.Action == AuditActions.StaffPasswordReset));
        Assert.DoesNotContain(oneTime, entry.Before + entry.After + entry.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RolesCanBeChangedAndTheSessionGetsThemAtItsNextRequest()
    {
        const string email = "to.promote@dynamicclinic.test";
        await _factory.AddStaffDirectlyAsync(email, DemoDataSeeder.DemoPassword, StaffRoles.Reception);
        var id = (await _factory.UserAsync(email)).Id;
        using var session = _factory.CreateClient();
        await session.SignInAsStaffAsync(email);
        using (var before = await session.GetAsync("/staff/admin/users"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        }

        using var admin = await AdminAsync();
        using (var saved = await admin.PostListAsync($"/staff/admin/users/{id}", $"/staff/admin/users/{id}/roles",
            [new("Roles", StaffRoles.Reception), new("Roles", StaffRoles.Admin)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal([StaffRoles.Admin, StaffRoles.Reception], await _factory.RolesAsync(email));
        _factory.Clock.Advance(TimeSpan.FromSeconds(1));
        using (var after = await session.GetAsync("/staff/admin/users"))
        {
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        }

        var entry = await _factory.WithDbAsync(db => db.AuditEntries.FirstAsync(a => a.EntityId == id && a.Action == AuditActions.StaffRolesChanged));
        Assert.Equal("{\"Roles\":[\"Reception\"]}", entry.Before);
        Assert.Equal("{\"Roles\":[\"Admin\",\"Reception\"]}", entry.After);
        Assert.Equal(AuditEntityTypes.StaffUser, entry.EntityType);
        Assert.Null(entry.PatientId);

        // Taking the role away works the same way.
        using (var demoted = await admin.PostListAsync($"/staff/admin/users/{id}", $"/staff/admin/users/{id}/roles", [new("Roles", StaffRoles.Reception)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, demoted.StatusCode);
        }

        _factory.Clock.Advance(TimeSpan.FromSeconds(1));
        using var demotedSession = await session.GetAsync("/staff/admin/users");
        Assert.Equal(HttpStatusCode.Forbidden, demotedSession.StatusCode);
    }

    [Fact]
    public async Task RolesFormWithNoRoleIsRefusedAndSavesNothing()
    {
        var id = (await _factory.UserAsync(DemoDataSeeder.ClinicianEmail)).Id;
        using var admin = await AdminAsync();

        using var response = await admin.PostListAsync($"/staff/admin/users/{id}", $"/staff/admin/users/{id}/roles", []);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose at least one role.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"Roles-error\"", html, StringComparison.Ordinal);
        Assert.Equal([StaffRoles.Clinician], await _factory.RolesAsync(DemoDataSeeder.ClinicianEmail));
        Assert.Empty(await AuditActionsForAsync(id));
    }

    [Fact]
    public async Task UnknownAccountIsNotFound()
    {
        using var admin = await AdminAsync();

        using var page = await admin.GetAsync("/staff/admin/users/no-such-id");
        using var post = await admin.PostFormAsync("/staff/admin/users", "/staff/admin/users/no-such-id/deactivate", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    private Task<HttpClient> AdminAsync() => _factory.SignedInClientAsync(DemoDataSeeder.AdminEmail);

    private Task<List<string>> AuditActionsForAsync(string userId) =>
        _factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == userId && a.EntityType == AuditEntityTypes.StaffUser)
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
}
