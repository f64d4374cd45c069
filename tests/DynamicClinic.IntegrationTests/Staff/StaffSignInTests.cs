using System.Net;
using DynamicClinic.Data;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DynamicClinic.IntegrationTests.Staff;

public class StaffSignInTests : IClassFixture<StaffSignInTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _factory;

    public StaffSignInTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => await _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnonymousVisitorIsSentToSignIn()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff/sign-in", response.Headers.Location!.AbsolutePath);
        Assert.Contains("returnUrl=%2Fstaff", response.Headers.Location.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DemoDataSeeder.AdminEmail, "Administration")]
    [InlineData(DemoDataSeeder.ReceptionEmail, "Reception")]
    [InlineData(DemoDataSeeder.ClinicianEmail, "Clinician")]
    public async Task EachRoleSeesItsOwnTasksOnTheLandingPage(string email, string heading)
    {
        using var client = _factory.CreateClient();
        await client.SignInAsStaffAsync(email);

        using var response = await client.GetAsync("/staff");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($">{heading}</h2>", html, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(html, "class=\"task-group\""));
    }

    [Fact]
    public async Task SignInReturnsToThePageAskedFor()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostFormAsync("/staff/sign-in?returnUrl=%2Fstaff%2Fadmin%2Fusers", "/staff/sign-in", new Dictionary<string, string>
        {
            ["Email"] = DemoDataSeeder.AdminEmail,
            ["Password"] = DemoDataSeeder.DemoPassword,
            ["ReturnUrl"] = "/staff/admin/users",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff/admin/users", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignInNeverRedirectsToAnotherSite()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostFormAsync("/staff/sign-in", "/staff/sign-in", new Dictionary<string, string>
        {
            ["Email"] = DemoDataSeeder.AdminEmail,
            ["Password"] = DemoDataSeeder.DemoPassword,
            ["ReturnUrl"] = "https://evil.example/phish",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData(DemoDataSeeder.ReceptionEmail)]
    [InlineData(DemoDataSeeder.ClinicianEmail)]
    public async Task WrongRoleGetsTheForbiddenPage(string email)
    {
        using var client = _factory.CreateClient();
        await client.SignInAsStaffAsync(email);

        using var response = await client.GetAsync("/staff/admin/users");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("You don&#x27;t have access to this page", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminSeesStaffAccounts()
    {
        using var client = _factory.CreateClient();
        await client.SignInAsStaffAsync(DemoDataSeeder.AdminEmail);

        using var response = await client.GetAsync("/staff/admin/users");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(DemoDataSeeder.ReceptionEmail, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountWithoutARoleIsForbiddenFromStaffPages()
    {
        const string email = "no.role@dynamicclinic.test";
        await _factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<StaffUser>>();
            var result = await users.CreateAsync(new StaffUser { UserName = email, Email = email, DisplayName = "No Role" }, DemoDataSeeder.DemoPassword);
            Assert.True(result.Succeeded);
        });
        using var client = _factory.CreateClient();
        await client.SignInAsStaffAsync(email);

        using var response = await client.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task WrongPasswordShowsOneMessageAndStaysSignedOut()
    {
        using var client = _factory.CreateClient();
        using var response = await client.SignInAsync(DemoDataSeeder.ReceptionEmail, "not-the-password-at-all");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Web.Features.Staff.SignInController.FailedMessage.Replace("'", "&#x27;", StringComparison.Ordinal), html, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password-at-all", html, StringComparison.Ordinal);
        using var staff = await client.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, staff.StatusCode);
    }

    [Fact]
    public async Task EmptyFormShowsAMessageBesideEachField()
    {
        using var client = _factory.CreateClient();
        using var response = await client.SignInAsync("", "");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter your work email address.", html, StringComparison.Ordinal);
        Assert.Contains("Enter your password.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiveFailedSignInsLockTheAccount()
    {
        const string email = "lockout.test@dynamicclinic.test";
        await _factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<StaffUser>>();
            var user = new StaffUser { UserName = email, Email = email, DisplayName = "Lockout Test" };
            Assert.True((await users.CreateAsync(user, DemoDataSeeder.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, StaffRoles.Reception)).Succeeded);
        });
        using var client = _factory.CreateClient();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var failed = await client.SignInAsync(email, "wrong-password-" + attempt);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using var locked = await client.SignInAsync(email, DemoDataSeeder.DemoPassword);
        var html = await locked.Content.ReadAsStringAsync();

        // Even the right password is refused now, with the message anyone gets.
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains(Web.Features.Staff.SignInController.FailedMessage.Replace("'", "&#x27;", StringComparison.Ordinal), html, StringComparison.Ordinal);
        using var staffPage = await client.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, staffPage.StatusCode);
        await _factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<StaffUser>>();
            Assert.True(await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!));
        });
    }

    [Fact]
    public async Task ALockedAccountGetsTheSameAnswerAsAnEmailWithNoAccount()
    {
        const string email = "lockout.same@dynamicclinic.test";
        await _factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<StaffUser>>();
            var user = new StaffUser { UserName = email, Email = email, DisplayName = "Lockout Same" };
            Assert.True((await users.CreateAsync(user, DemoDataSeeder.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, StaffRoles.Reception)).Succeeded);
        });
        using var client = _factory.CreateClient();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            using var failed = await client.SignInAsync(email, "wrong-password-" + attempt);
        }

        using var locked = await client.SignInAsync(email, "wrong-password-again");
        using var unknown = await client.SignInAsync("nobody.here@dynamicclinic.test", "wrong-password-again");

        var lockedMessage = ErrorSummary(await locked.Content.ReadAsStringAsync());
        Assert.Equal(ErrorSummary(await unknown.Content.ReadAsStringAsync()), lockedMessage);
        Assert.Contains("locked for 15 minutes", lockedMessage, StringComparison.Ordinal);
        await _factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<StaffUser>>();
            Assert.True(await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!));
        });
    }

    /// <summary>The form's summary of problems, where the sign-in page says why it refused.</summary>
    private static string ErrorSummary(string html)
    {
        var start = html.IndexOf("validation-summary-errors", StringComparison.Ordinal);
        Assert.True(start >= 0, "The page shows no problem.");
        return html[start..html.IndexOf("</div>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task DeactivatedAccountCannotSignIn()
    {
        const string email = "former.staff@dynamicclinic.test";
        await _factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<StaffUser>>();
            var user = new StaffUser { UserName = email, Email = email, DisplayName = "Former", IsActive = false };
            Assert.True((await users.CreateAsync(user, DemoDataSeeder.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, StaffRoles.Reception)).Succeeded);
        });
        using var client = _factory.CreateClient();

        using var response = await client.SignInAsync(email, DemoDataSeeder.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var staff = await client.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, staff.StatusCode);
    }

    [Fact]
    public async Task SignInCookieIsHttpOnlySecureAndSameSite()
    {
        using var client = _factory.CreateClient();
        using var response = await client.SignInAsync(DemoDataSeeder.ReceptionEmail, DemoDataSeeder.DemoPassword);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("DynamicClinic.Staff=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        // A session cookie: it goes when the browser closes, and the ticket inside expires when idle.
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SessionEndsAfterThirtyMinutesIdle()
    {
        using var client = _factory.CreateClient();
        await client.SignInAsStaffAsync(DemoDataSeeder.ReceptionEmail);

        // Active use keeps the session going: 20 minutes, a request, another 20 minutes.
        _factory.Clock.Advance(TimeSpan.FromMinutes(20));
        using (var active = await client.GetAsync("/staff"))
        {
            Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        }

        _factory.Clock.Advance(TimeSpan.FromMinutes(20));
        using (var stillActive = await client.GetAsync("/staff"))
        {
            Assert.Equal(HttpStatusCode.OK, stillActive.StatusCode);
        }

        // Then 31 minutes without a request end it.
        _factory.Clock.Advance(TimeSpan.FromMinutes(31));
        using var idle = await client.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
        Assert.Equal("/staff/sign-in", idle.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task SignOutEndsTheSession()
    {
        using var client = _factory.CreateClient();
        await client.SignInAsStaffAsync(DemoDataSeeder.ClinicianEmail);

        using var signOut = await client.PostFormAsync("/staff", "/staff/sign-out", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        using var after = await client.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task PostWithoutAntiforgeryTokenIsRefused()
    {
        using var client = _factory.CreateClient();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = DemoDataSeeder.AdminEmail,
            ["Password"] = DemoDataSeeder.DemoPassword,
        });

        using var response = await client.PostAsync("/staff/sign-in", content);

        // Refused (not signed in), with the sign-in page back saying the form expired rather than a bare 400.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff/sign-in", response.Headers.Location!.OriginalString);
        using var staff = await client.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, staff.StatusCode);
    }

    [Theory]
    [InlineData("/staff")]
    [InlineData("/staff/admin/users")]
    [InlineData("/staff/sign-in")]
    public async Task StaffPagesAreNeverStored(string path)
    {
        using var client = _factory.CreateClient();
        await client.SignInAsStaffAsync(DemoDataSeeder.AdminEmail);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.False(response.Headers.Contains("Age"));
    }

    [Fact]
    public async Task ThereIsNoPublicRegistration()
    {
        using var client = _factory.CreateClient();
        foreach (var path in new[] { "/staff/register", "/Identity/Account/Register", "/account/register" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
