using System.Net;
using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.IntegrationTests.Admin;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Staff;

/// <summary>Two-factor sign-in with an authenticator app, when the clinic leaves it optional (the default).</summary>
public class StaffTwoFactorTests : IClassFixture<StaffTwoFactorTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _factory;

    public StaffTwoFactorTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => await _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SetUpNeedsACorrectCodeShowsRecoveryCodesOnceAndEndsOtherSessions()
    {
        const string email = "setup.2fa@dynamicclinic.test";
        await _factory.AddStaffDirectlyAsync(email, DemoDataSeeder.DemoPassword, StaffRoles.Reception);
        var id = (await _factory.UserAsync(email)).Id;
        using var other = _factory.CreateClient();
        await other.SignInAsStaffAsync(email);
        using var client = _factory.CreateClient();
        await client.SignInAsStaffAsync(email);

        var page = await client.GetStringAsync(TwoFactorClient.Page);
        Assert.Contains("Off: you sign in with your password only", page, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"qr-code\"", page, StringComparison.Ordinal);
        var key = TwoFactorClient.KeyIn(page);
        Assert.Equal(32, key.Length);
        // Reloading the page keeps the same key, so what was already scanned still works.
        Assert.Equal(key, TwoFactorClient.KeyIn(await client.GetStringAsync(TwoFactorClient.Page)));

        using (var wrong = await client.PostFormAsync(TwoFactorClient.Page, TwoFactorClient.Page + "/enable", new Dictionary<string, string> { ["Code"] = TwoFactorClient.WrongCodeNow(key) }))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            var html = await wrong.Content.ReadAsStringAsync();
            Assert.Contains("id=\"enable-code-error\">That code is not right.", html, StringComparison.Ordinal);
        }

        using (var malformed = await client.PostFormAsync(TwoFactorClient.Page, TwoFactorClient.Page + "/enable", new Dictionary<string, string> { ["Code"] = "12ab" }))
        {
            Assert.Equal(HttpStatusCode.OK, malformed.StatusCode);
            Assert.Contains("The code is 6 digits", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.False((await _factory.UserAsync(email)).TwoFactorEnabled);
        Assert.Empty(await AuditActionsForAsync(id));
        var stampBefore = (await _factory.UserAsync(email)).SecurityStamp;

        var (_, codes) = await client.SetUpTwoFactorAsync();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        var user = await _factory.UserAsync(email);
        Assert.True(user.TwoFactorEnabled);
        Assert.NotEqual(stampBefore, user.SecurityStamp);
        Assert.Equal([AuditActions.StaffTwoFactorEnabled], await AuditActionsForAsync(id));

        // Shown once: a refresh goes back to the two-factor page, which shows the state and no codes.
        using (var again = await client.GetAsync(TwoFactorClient.Page + "/recovery-codes"))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
            Assert.Equal(TwoFactorClient.Page, again.Headers.Location!.OriginalString);
        }

        var status = await client.GetStringAsync(TwoFactorClient.Page);
        Assert.Contains("On: you sign in with your password and a code from your app", status, StringComparison.Ordinal);
        Assert.Contains("10 of 10", status, StringComparison.Ordinal);
        Assert.DoesNotContain(codes[0], status, StringComparison.Ordinal);
        Assert.DoesNotContain("authenticator-key", status, StringComparison.Ordinal);

        // This session goes on; the account's other session ends at its next request.
        _factory.Clock.Advance(TimeSpan.FromSeconds(1));
        using (var stillIn = await client.GetAsync("/staff"))
        {
            Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        }

        using (var cutOff = await other.GetAsync("/staff"))
        {
            Assert.Equal(HttpStatusCode.Redirect, cutOff.StatusCode);
            Assert.Equal("/staff/sign-in", cutOff.Headers.Location!.AbsolutePath);
        }
    }

    [Fact]
    public async Task SignInAsksForTheCodeRefusesAWrongOneAndWrongCodesLockTheAccount()
    {
        const string email = "signin.2fa@dynamicclinic.test";
        var key = await AccountWithTwoFactorAsync(email);

        using var client = _factory.CreateClient();
        using (var password = await client.SignInAsync(email, DemoDataSeeder.DemoPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
            Assert.Equal("/staff/sign-in/two-factor", password.Headers.Location!.OriginalString);
        }

        // The password alone is not a sign-in.
        using (var notYet = await client.GetAsync("/staff"))
        {
            Assert.Equal(HttpStatusCode.Redirect, notYet.StatusCode);
            Assert.Equal("/staff/sign-in", notYet.Headers.Location!.AbsolutePath);
        }

        var step = await client.GetStringAsync("/staff/sign-in/two-factor");
        Assert.Contains("Use a recovery code instead", step, StringComparison.Ordinal);
        using (var wrong = await PostCodeAsync(client, TwoFactorClient.WrongCodeNow(key)))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("id=\"Code-error\">That code is not right.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(1, (await _factory.UserAsync(email)).AccessFailedCount);

        using (var right = await PostCodeAsync(client, TwoFactorClient.CodeNow(key)))
        {
            Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
            Assert.Equal("/staff", right.Headers.Location!.OriginalString);
        }

        using (var home = await client.GetAsync("/staff"))
        {
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }

        Assert.Equal(0, (await _factory.UserAsync(email)).AccessFailedCount);

        // Five wrong codes in a row lock the account: then even the right code is refused.
        using var guesser = _factory.CreateClient();
        using (var password = await guesser.SignInAsync(email, DemoDataSeeder.DemoPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        }

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await PostCodeAsync(guesser, TwoFactorClient.WrongCodeNow(key));
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using (var locked = await PostCodeAsync(guesser, TwoFactorClient.CodeNow(key)))
        {
            Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
            Assert.Contains("This account is locked", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RecoveryCodeSignsInOnceAndTheRemainingCountIsShown()
    {
        const string email = "recovery.2fa@dynamicclinic.test";
        var (_, codes) = await AccountWithTwoFactorAndCodesAsync(email);

        using var client = _factory.CreateClient();
        using (var password = await client.SignInAsync(email, DemoDataSeeder.DemoPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        }

        // Typed in lower case without the hyphen: still the same code.
        var typed = codes[3].Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        using (var used = await PostRecoveryCodeAsync(client, typed))
        {
            Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
            Assert.Equal(TwoFactorClient.Page, used.Headers.Location!.OriginalString);
        }

        var page = await client.GetStringAsync(TwoFactorClient.Page);
        Assert.Contains("you have 9 left", page, StringComparison.Ordinal);
        Assert.Contains("9 of 10", page, StringComparison.Ordinal);

        using var again = _factory.CreateClient();
        using (var password = await again.SignInAsync(email, DemoDataSeeder.DemoPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        }

        using (var reused = await PostRecoveryCodeAsync(again, codes[3]))
        {
            Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
            Assert.Contains("That recovery code is not right, or it has been used already.", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A wrong recovery code counts towards the lockout once, like a wrong authenticator code.
        Assert.Equal(1, (await _factory.UserAsync(email)).AccessFailedCount);

        using (var another = await PostRecoveryCodeAsync(again, codes[4]))
        {
            Assert.Equal(HttpStatusCode.Redirect, another.StatusCode);
        }

        // Each use is in the audit trail under the staff member's own name (a lost phone shows up in the review).
        var user = await _factory.UserAsync(email);
        var uses = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityId == user.Id && e.Action == AuditActions.StaffRecoveryCodeUsed)
            .OrderBy(e => e.Id)
            .ToListAsync());
        Assert.Equal(2, uses.Count);
        Assert.All(uses, e => Assert.Equal(user.Id, e.ActorUserId));
        Assert.All(uses, e => Assert.Contains(email, e.ActorName, StringComparison.Ordinal));
        Assert.Equal(["{\"RecoveryCodes\":9}", "{\"RecoveryCodes\":8}"], uses.Select(e => e.After));
        Assert.DoesNotContain(uses, e => e.Summary.Contains(codes[3], StringComparison.OrdinalIgnoreCase) || e.Summary.Contains(codes[4], StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task PasswordChangeStillComesFirstAfterTheCode()
    {
        const string email = "onetime.2fa@dynamicclinic.test";
        var key = await AccountWithTwoFactorAsync(email);
        await _factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.MustChangePassword, true)
            .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString())));

        using var client = _factory.CreateClient();
        await client.SignInWithCodeAsync(email, DemoDataSeeder.DemoPassword, key);
        using var home = await client.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/staff/account/password", home.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TurningOffNeedsACurrentCodeAndRemovesTheKey()
    {
        const string email = "off.2fa@dynamicclinic.test";
        await _factory.AddStaffDirectlyAsync(email, DemoDataSeeder.DemoPassword, StaffRoles.Reception);
        var id = (await _factory.UserAsync(email)).Id;
        using var client = _factory.CreateClient();
        await client.SignInAsStaffAsync(email);
        var (key, _) = await client.SetUpTwoFactorAsync();

        using (var wrong = await client.PostFormAsync(TwoFactorClient.Page, TwoFactorClient.Page + "/disable", new Dictionary<string, string> { ["Code"] = TwoFactorClient.WrongCodeNow(key) }))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("id=\"disable-code-error\">That code is not right.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.True((await _factory.UserAsync(email)).TwoFactorEnabled);

        using (var off = await client.PostFormAsync(TwoFactorClient.Page, TwoFactorClient.Page + "/disable", new Dictionary<string, string> { ["Code"] = TwoFactorClient.CodeNow(key) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        }

        Assert.False((await _factory.UserAsync(email)).TwoFactorEnabled);
        Assert.Equal(0, await TokenCountAsync(id));
        Assert.Equal([AuditActions.StaffTwoFactorEnabled, AuditActions.StaffTwoFactorDisabled], await AuditActionsForAsync(id));

        // Still signed in, and a fresh set-up offers a new key.
        var page = await client.GetStringAsync(TwoFactorClient.Page);
        Assert.Contains("Two-factor sign-in is off.", page, StringComparison.Ordinal);
        Assert.NotEqual(key, TwoFactorClient.KeyIn(page));

        using var fresh = _factory.CreateClient();
        await fresh.SignInAsStaffAsync(email);
    }

    [Fact]
    public async Task NewRecoveryCodesNeedACodeAndReplaceTheOldOnes()
    {
        const string email = "regenerate.2fa@dynamicclinic.test";
        await _factory.AddStaffDirectlyAsync(email, DemoDataSeeder.DemoPassword, StaffRoles.Reception);
        var id = (await _factory.UserAsync(email)).Id;
        using var client = _factory.CreateClient();
        await client.SignInAsStaffAsync(email);
        var (key, old) = await client.SetUpTwoFactorAsync();

        using (var wrong = await client.PostFormAsync(TwoFactorClient.Page, TwoFactorClient.Page + "/recovery-codes", new Dictionary<string, string> { ["Code"] = "" }))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("id=\"regenerate-code-error\">Enter the 6-digit code", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var made = await client.PostFormAsync(TwoFactorClient.Page, TwoFactorClient.Page + "/recovery-codes", new Dictionary<string, string> { ["Code"] = TwoFactorClient.CodeNow(key) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        }

        var fresh = TwoFactorClient.RecoveryCodesIn(await client.GetStringAsync(TwoFactorClient.Page + "/recovery-codes"));
        Assert.Equal(10, fresh.Count);
        Assert.Empty(fresh.Intersect(old));
        Assert.Equal([AuditActions.StaffTwoFactorEnabled, AuditActions.StaffRecoveryCodesRegenerated], await AuditActionsForAsync(id));

        using var other = _factory.CreateClient();
        using (var password = await other.SignInAsync(email, DemoDataSeeder.DemoPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        }

        using var oldCode = await PostRecoveryCodeAsync(other, old[0]);
        Assert.Equal(HttpStatusCode.OK, oldCode.StatusCode);
    }

    [Fact]
    public async Task AdminResetTurnsItOffRemovesTheKeyEndsSessionsAndIsAudited()
    {
        const string email = "lostphone.2fa@dynamicclinic.test";
        var key = await AccountWithTwoFactorAsync(email);
        var id = (await _factory.UserAsync(email)).Id;
        using var session = _factory.CreateClient();
        await session.SignInWithCodeAsync(email, DemoDataSeeder.DemoPassword, key);

        using var admin = _factory.CreateClient();
        await admin.SignInAsStaffAsync(DemoDataSeeder.AdminEmail);
        var list = await admin.GetStringAsync("/staff/admin/users");
        Assert.Contains("<th scope=\"col\">Two-factor</th>", list, StringComparison.Ordinal);
        Assert.Contains("On (authenticator app)", await admin.GetStringAsync($"/staff/admin/users/{id}"), StringComparison.Ordinal);

        using (var reset = await admin.PostAccountActionAsync(id, "reset-two-factor"))
        {
            Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        }

        Assert.Contains("Two-factor sign-in reset", await admin.GetStringAsync($"/staff/admin/users/{id}"), StringComparison.Ordinal);
        Assert.False((await _factory.UserAsync(email)).TwoFactorEnabled);
        Assert.Equal(0, await TokenCountAsync(id));
        var entry = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.EntityId == id && e.Action == AuditActions.StaffTwoFactorReset));
        Assert.Equal(AuditEntityTypes.StaffUser, entry.EntityType);
        Assert.Contains("Admin", entry.ActorName, StringComparison.OrdinalIgnoreCase);

        _factory.Clock.Advance(TimeSpan.FromSeconds(1));
        using (var cutOff = await session.GetAsync("/staff"))
        {
            Assert.Equal(HttpStatusCode.Redirect, cutOff.StatusCode);
            Assert.Equal("/staff/sign-in", cutOff.Headers.Location!.AbsolutePath);
        }

        // With the clinic not requiring it, the password alone signs in again.
        using var again = _factory.CreateClient();
        await again.SignInAsStaffAsync(email);
    }

    [Theory]
    [InlineData(DemoDataSeeder.ReceptionEmail)]
    [InlineData(DemoDataSeeder.ClinicianEmail)]
    public async Task NonAdminsCannotResetTwoFactor(string who)
    {
        const string email = "notreset.2fa@dynamicclinic.test";
        if (await _factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)) is false)
        {
            await AccountWithTwoFactorAsync(email);
        }

        var id = (await _factory.UserAsync(email)).Id;
        using var client = _factory.CreateClient();
        await client.SignInAsStaffAsync(who);
        using var refused = await client.PostFormAsync("/staff/calendar", $"/staff/admin/users/{id}/reset-two-factor", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.True((await _factory.UserAsync(email)).TwoFactorEnabled);
    }

    private async Task<string> AccountWithTwoFactorAsync(string email) => (await AccountWithTwoFactorAndCodesAsync(email)).Key;

    private async Task<(string Key, IReadOnlyList<string> Codes)> AccountWithTwoFactorAndCodesAsync(string email)
    {
        await _factory.AddStaffDirectlyAsync(email, DemoDataSeeder.DemoPassword, StaffRoles.Reception);
        using var client = _factory.CreateClient();
        await client.SignInAsStaffAsync(email);
        return await client.SetUpTwoFactorAsync();
    }

    private static Task<HttpResponseMessage> PostCodeAsync(HttpClient client, string code) =>
        client.PostFormAsync("/staff/sign-in/two-factor", "/staff/sign-in/two-factor", new Dictionary<string, string> { ["Code"] = code });

    private static Task<HttpResponseMessage> PostRecoveryCodeAsync(HttpClient client, string code) =>
        client.PostFormAsync("/staff/sign-in/recovery-code", "/staff/sign-in/recovery-code", new Dictionary<string, string> { ["RecoveryCode"] = code });

    private Task<int> TokenCountAsync(string userId) =>
        _factory.WithDbAsync(db => db.UserTokens.CountAsync(t => t.UserId == userId));

    private Task<List<string>> AuditActionsForAsync(string userId) =>
        _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityId == userId)
            .OrderBy(e => e.Id)
            .Select(e => e.Action)
            .ToListAsync());
}
