using System.Net;
using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Admin;

/// <summary>Every page and action under /staff/admin: anonymous visitors are sent to sign in, other staff get 403, nothing changes.</summary>
public class AdminAuthorizationTests : IClassFixture<AdminAuthorizationTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _factory;
    private string _receptionId = "";

    public AdminAuthorizationTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync()
    {
        await _factory.SeedDemoDataAsync();
        _receptionId = (await _factory.UserAsync(DemoDataSeeder.ReceptionEmail)).Id;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string> GetRoutes() =>
    [
        "/staff/admin/users",
        "/staff/admin/users/new",
        "/staff/admin/users/{id}",
        "/staff/admin/audit",
        "/staff/admin/audit.csv",
        "/staff/admin/messages",
    ];

    public static TheoryData<string> PostRoutes() =>
    [
        "/staff/admin/users/new",
        "/staff/admin/users/{id}/roles",
        "/staff/admin/users/{id}/deactivate",
        "/staff/admin/users/{id}/reactivate",
        "/staff/admin/users/{id}/unlock",
        "/staff/admin/users/{id}/reset-password",
    ];

    [Theory]
    [MemberData(nameof(GetRoutes))]
    public async Task AnonymousGetIsSentToSignIn(string route)
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(Path(route));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff/sign-in", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [MemberData(nameof(PostRoutes))]
    public async Task AnonymousPostIsSentToSignInAndChangesNothing(string route)
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostFormAsync("/staff/sign-in", Path(route), Fields());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff/sign-in", response.Headers.Location!.AbsolutePath);
        await AssertNothingChangedAsync();
    }

    [Theory]
    [MemberData(nameof(GetRoutes))]
    public async Task OtherStaffGetForbidden(string route)
    {
        foreach (var email in new[] { DemoDataSeeder.ReceptionEmail, DemoDataSeeder.ClinicianEmail })
        {
            using var client = _factory.CreateClient();
            await client.SignInAsStaffAsync(email);

            using var response = await client.GetAsync(Path(route));

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(PostRoutes))]
    public async Task OtherStaffPostIsForbiddenAndChangesNothing(string route)
    {
        foreach (var email in new[] { DemoDataSeeder.ReceptionEmail, DemoDataSeeder.ClinicianEmail })
        {
            using var client = _factory.CreateClient();
            await client.SignInAsStaffAsync(email);

            using var response = await client.PostFormAsync("/staff", Path(route), Fields());

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task AdminPostWithoutAntiforgeryTokenIsRefused()
    {
        using var client = _factory.CreateClient();
        await client.SignInAsStaffAsync(DemoDataSeeder.AdminEmail);
        using var content = new FormUrlEncodedContent(Fields());

        using var response = await client.PostAsync($"/staff/admin/users/{_receptionId}/deactivate", content);

        // Refused: the account is untouched, and the admin is sent back with "This form expired" rather than a bare 400.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True((await _factory.UserAsync(DemoDataSeeder.ReceptionEmail)).IsActive);
    }

    private string Path(string route) => route.Replace("{id}", _receptionId, StringComparison.Ordinal);

    private static Dictionary<string, string> Fields() => new()
    {
        ["DisplayName"] = "Intruder",
        ["Email"] = "intruder@dynamicclinic.test",
        ["Roles"] = StaffRoles.Admin,
    };

    private async Task AssertNothingChangedAsync()
    {
        var reception = await _factory.UserAsync(DemoDataSeeder.ReceptionEmail);
        Assert.True(reception.IsActive);
        Assert.False(reception.MustChangePassword);
        Assert.Equal([StaffRoles.Reception], await _factory.RolesAsync(DemoDataSeeder.ReceptionEmail));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "intruder@dynamicclinic.test")));
        // The demo appointments' bookings are audited by the seeder; nothing else may be.
        Assert.Equal(0, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action != AuditActions.AppointmentBooked)));
    }
}
