using System.Net;
using DynamicClinic.Data;
using DynamicClinic.IntegrationTests.Admin;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Hosting;

namespace DynamicClinic.IntegrationTests.Staff;

/// <summary>Two-factor sign-in when the clinic requires it for every staff account (<c>Security:RequireStaffTwoFactor</c>).</summary>
public class StaffTwoFactorRequiredTests : IClassFixture<StaffTwoFactorRequiredTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Security:RequireStaffTwoFactor", "true");
        }
    }

    private readonly Factory _factory;

    public StaffTwoFactorRequiredTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => await _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/staff")]
    [InlineData("/staff/calendar")]
    [InlineData("/staff/patients")]
    [InlineData("/staff/admin/users")]
    public async Task StaffWithoutTwoFactorCanReachOnlyTheSetUpPagesUntilDone(string staffPage)
    {
        using var client = _factory.CreateClient();
        await client.SignInAsStaffAsync(DemoDataSeeder.AdminEmail);

        using (var sent = await client.GetAsync(staffPage))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            Assert.Equal(TwoFactorClient.Page, sent.Headers.Location!.OriginalString);
        }

        var setUp = await client.GetStringAsync(TwoFactorClient.Page);
        Assert.Contains("The clinic requires two-factor sign-in for every staff account.", setUp, StringComparison.Ordinal);
        using (var password = await client.GetAsync("/staff/account/password"))
        {
            Assert.Equal(HttpStatusCode.OK, password.StatusCode);
        }

        // A POST to another staff page is turned away too, and sign-out still works.
        using (var post = await client.PostFormAsync(TwoFactorClient.Page, "/staff/admin/users/new", new Dictionary<string, string> { ["DisplayName"] = "X" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
            Assert.Equal(TwoFactorClient.Page, post.Headers.Location!.OriginalString);
        }

        using (var signOut = await client.PostFormAsync(TwoFactorClient.Page, "/staff/sign-out", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
            Assert.Equal("/staff/sign-in", signOut.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task AfterSetUpEveryPageOpensAndTurningOffIsRefused()
    {
        const string email = "required.2fa@dynamicclinic.test";
        await _factory.AddStaffDirectlyAsync(email, DemoDataSeeder.DemoPassword, StaffRoles.Reception);
        using var client = _factory.CreateClient();
        await client.SignInAsStaffAsync(email);
        var (key, _) = await client.SetUpTwoFactorAsync();

        using (var calendar = await client.GetAsync("/staff/calendar"))
        {
            Assert.Equal(HttpStatusCode.OK, calendar.StatusCode);
        }

        var page = await client.GetStringAsync(TwoFactorClient.Page);
        Assert.Contains("so it cannot be turned off", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/staff/account/two-factor/disable", page, StringComparison.Ordinal);

        // Even a hand-made POST with a right code is refused.
        using (var off = await client.PostFormAsync(TwoFactorClient.Page, TwoFactorClient.Page + "/disable", new Dictionary<string, string> { ["Code"] = TwoFactorClient.CodeNow(key) }))
        {
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
            Assert.Contains("id=\"disable-code-error\">The clinic requires two-factor sign-in", await off.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.True((await _factory.UserAsync(email)).TwoFactorEnabled);

        // The next sign-in asks for the code, then opens the staff pages.
        using var next = _factory.CreateClient();
        await next.SignInWithCodeAsync(email, DemoDataSeeder.DemoPassword, key);
        using var home = await next.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task AOneTimePasswordIsReplacedBeforeSettingUpTwoFactor()
    {
        using var admin = _factory.CreateClient();
        await admin.SignInAsStaffAsync(DemoDataSeeder.AdminEmail);
        await admin.SetUpTwoFactorAsync();
        const string email = "new.required@dynamicclinic.test";
        var oneTime = await admin.CreateStaffAsync(email, "New Receptionist", StaffRoles.Reception);

        using var client = _factory.CreateClient();
        using (var signIn = await client.SignInAsync(email, oneTime))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        using (var first = await client.GetAsync("/staff"))
        {
            Assert.Equal("/staff/account/password", first.Headers.Location!.OriginalString);
        }

        using (var changed = await client.ChangePasswordAsync(oneTime, AdminClient.NewPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        using var then = await client.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, then.StatusCode);
        Assert.Equal(TwoFactorClient.Page, then.Headers.Location!.OriginalString);
    }
}
