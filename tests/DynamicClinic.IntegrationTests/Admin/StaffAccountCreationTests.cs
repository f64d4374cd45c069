using System.Net;
using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DynamicClinic.IntegrationTests.Admin;

/// <summary>An admin creates a staff account; the one-time password works once and leads only to choosing a new one.</summary>
public class StaffAccountCreationTests : IClassFixture<StaffAccountCreationTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _factory;

    public StaffAccountCreationTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => await _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task NewAccountSignsInOnceWithTheOneTimePasswordAndMustChooseItsOwn()
    {
        const string email = "new.reception@dynamicclinic.test";
        using var admin = await AdminAsync();
        var oneTime = await admin.CreateStaffAsync(email, "Hira Shah", StaffRoles.Reception);

        var user = await _factory.UserAsync(email);
        Assert.True(user.MustChangePassword);
        Assert.Equal([StaffRoles.Reception], await _factory.RolesAsync(email));

        using var staff = _factory.CreateClient();
        using (var signIn = await staff.SignInAsync(email, oneTime))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        // Until the password is changed, every staff page leads to the password page.
        foreach (var page in new[] { "/staff", "/staff/calendar", "/staff/calendar?date=2026-11-28" })
        {
            using var blocked = await staff.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
            Assert.Equal("/staff/account/password", blocked.Headers.Location!.OriginalString);
        }

        var form = await staff.GetStringAsync("/staff/account/password");
        Assert.Contains("You signed in with a one-time password", form, StringComparison.Ordinal);

        using (var changed = await staff.ChangePasswordAsync(oneTime, AdminClient.NewPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
            Assert.Equal("/staff", changed.Headers.Location!.OriginalString);
        }

        // The same session goes on, now free to use the staff pages.
        using (var calendar = await staff.GetAsync("/staff/calendar"))
        {
            Assert.Equal(HttpStatusCode.OK, calendar.StatusCode);
        }

        Assert.False((await _factory.UserAsync(email)).MustChangePassword);

        // The one-time password worked once: it no longer signs in, the new one does.
        using var again = _factory.CreateClient();
        using (var oldPassword = await again.SignInAsync(email, oneTime))
        {
            Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode);
        }

        using (var newPassword = await again.SignInAsync(email, AdminClient.NewPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, newPassword.StatusCode);
        }

        using var home = await again.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task CreationIsAuditedWithoutThePassword()
    {
        const string email = "audited.new@dynamicclinic.test";
        using var admin = await AdminAsync();
        var oneTime = await admin.CreateStaffAsync(email, "Audited New", StaffRoles.Reception, StaffRoles.Admin);

        var user = await _factory.UserAsync(email);
        var adminUser = await _factory.UserAsync(DemoDataSeeder.AdminEmail);
        var entry = await _factory.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.StaffCreated && a.EntityId == user.Id));
        Assert.Equal(AuditEntityTypes.StaffUser, entry.EntityType);
        Assert.Equal(adminUser.Id, entry.ActorUserId);
        Assert.Null(entry.PatientId);
        Assert.Null(entry.Before);
        Assert.Contains("Admin", entry.After, StringComparison.Ordinal);
        Assert.Contains("Reception", entry.After, StringComparison.Ordinal);
        Assert.DoesNotContain(oneTime, entry.After, StringComparison.Ordinal);
        Assert.DoesNotContain(oneTime, entry.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(oneTime, await LogTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvitationEmailIsQueuedWithTheSignInLinkButNotThePassword()
    {
        const string email = "invited@dynamicclinic.test";
        using var admin = await AdminAsync();
        using var response = await admin.PostListAsync("/staff/admin/users/new", "/staff/admin/users/new",
        [
            new("DisplayName", "Invited Person"),
            new("Email", email),
            new("Roles", StaffRoles.Reception),
            new("SendInvitation", "true"),
        ]);
        var html = await response.Content.ReadAsStringAsync();
        var oneTime = AdminClient.OneTimePasswordIn(html);

        Assert.Contains("does not contain the password", html, StringComparison.Ordinal);
        var message = await _factory.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == email));
        Assert.Equal(EmailKinds.StaffInvitation, message.Kind);
        Assert.Contains("https://localhost/staff/sign-in", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("one-time password", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(oneTime, message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(oneTime, message.HtmlBody!, StringComparison.Ordinal);
        Assert.DoesNotContain(oneTime, message.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoInvitationUnlessAsked()
    {
        const string email = "not.invited@dynamicclinic.test";
        using var admin = await AdminAsync();
        await admin.CreateStaffAsync(email, "Not Invited", StaffRoles.Reception);

        Assert.Equal(0, await _factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == email)));
    }

    [Fact]
    public async Task ClinicianCanBeLinkedToAnExistingProfileWithoutAnAccount()
    {
        const string email = "dr.omar@dynamicclinic.test";
        var omar = await _factory.WithDbAsync(db => db.Clinicians.AsNoTracking().SingleAsync(c => c.DisplayName.Contains("Omar")));
        Assert.Null(omar.StaffUserId);
        using var admin = await AdminAsync();

        var form = await admin.GetStringAsync("/staff/admin/users/new");
        Assert.Contains($"value=\"{omar.Id}\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("Link to Dr Ayesha Khan", form, StringComparison.Ordinal);
        using var response = await admin.PostListAsync("/staff/admin/users/new", "/staff/admin/users/new",
        [
            new("DisplayName", "Dr Omar"),
            new("Email", email),
            new("Roles", StaffRoles.Clinician),
            new("ClinicianProfile", omar.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var user = await _factory.UserAsync(email);
        Assert.Equal(user.Id, await _factory.WithDbAsync(db => db.Clinicians.Where(c => c.Id == omar.Id).Select(c => c.StaffUserId).SingleAsync()));
    }

    [Fact]
    public async Task ClinicianCanGetANewBasicProfile()
    {
        const string email = "dr.new@dynamicclinic.test";
        using var admin = await AdminAsync();
        using var response = await admin.PostListAsync("/staff/admin/users/new", "/staff/admin/users/new",
        [
            new("DisplayName", "Dr Sadia Noor"),
            new("Email", email),
            new("Roles", StaffRoles.Clinician),
            new("ClinicianProfile", "new"),
            new("ClinicianTitle", "Trichologist"),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var user = await _factory.UserAsync(email);
        var profile = await _factory.WithDbAsync(db => db.Clinicians.AsNoTracking().SingleAsync(c => c.StaffUserId == user.Id));
        Assert.Equal("Dr Sadia Noor", profile.DisplayName);
        Assert.Equal("Trichologist", profile.Title);
    }

    [Fact]
    public async Task ProfileAlreadyLinkedIsRefused()
    {
        var ayesha = await _factory.WithDbAsync(db => db.Clinicians.AsNoTracking().SingleAsync(c => c.StaffUserId != null && c.DisplayName.Contains("Ayesha")));
        using var admin = await AdminAsync();
        using var response = await admin.PostListAsync("/staff/admin/users/new", "/staff/admin/users/new",
        [
            new("DisplayName", "Impostor"),
            new("Email", "impostor@dynamicclinic.test"),
            new("Roles", StaffRoles.Clinician),
            new("ClinicianProfile", ayesha.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"ClinicianProfile-error\"", html, StringComparison.Ordinal);
        Assert.Contains("already has an account", html, StringComparison.Ordinal);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "impostor@dynamicclinic.test")));
    }

    public static TheoryData<string, string, string, string, string> BadInput() => new()
    {
        // name, email, role, the field whose message shows, the message
        { "Copy Cat", DemoDataSeeder.ReceptionEmail, StaffRoles.Reception, "Email", "There is already a staff account with this email address." },
        { "Copy Cat", "RECEPTION@dynamicclinic.test", StaffRoles.Reception, "Email", "There is already a staff account with this email address." },
        { "No Role", "no.role.given@dynamicclinic.test", "", "Roles", "Choose at least one role." },
        { "Bad Role", "bad.role@dynamicclinic.test", "Superuser", "Roles", "Choose roles from the list." },
        { "Bad Email", "not-an-email", StaffRoles.Reception, "Email", "Enter an email address like name@dynamicclinic.pk." },
        { "", "no.name@dynamicclinic.test", StaffRoles.Reception, "DisplayName", "Enter the staff member&#x27;s name." },
        { new string('x', 101), "long.name@dynamicclinic.test", StaffRoles.Reception, "DisplayName", "A name is at most 100 characters." },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task BadInputShowsTheMessageBesideTheFieldAndSavesNothing(string name, string email, string role, string field, string message)
    {
        using var admin = await AdminAsync();
        var usersBefore = await _factory.WithDbAsync(db => db.Users.CountAsync());
        var auditBefore = await _factory.WithDbAsync(db => db.AuditEntries.CountAsync());
        var fields = new List<KeyValuePair<string, string>> { new("DisplayName", name), new("Email", email) };
        if (role.Length > 0)
        {
            fields.Add(new("Roles", role));
        }

        using var response = await admin.PostListAsync("/staff/admin/users/new", "/staff/admin/users/new", fields);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The account has not been created.", html, StringComparison.Ordinal);
        var at = html.IndexOf($"id=\"{field}-error\"", StringComparison.Ordinal);
        Assert.True(at >= 0, $"No message beside {field}.");
        Assert.Contains(message, html[at..html.IndexOf("</span>", at, StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.DoesNotContain("one-time-password", html, StringComparison.Ordinal);
        Assert.Equal(usersBefore, await _factory.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(auditBefore, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task VoluntaryChangeNeedsTheCurrentPassword()
    {
        const string email = "voluntary@dynamicclinic.test";
        await _factory.AddStaffDirectlyAsync(email, DemoDataSeeder.DemoPassword, StaffRoles.Reception);
        using var staff = _factory.CreateClient();
        await staff.SignInAsStaffAsync(email);

        using (var wrong = await staff.ChangePasswordAsync("not-my-password-at-all", AdminClient.NewPassword))
        {
            var html = await wrong.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("That is not your current password.", html, StringComparison.Ordinal);
        }

        using (var tooShort = await staff.ChangePasswordAsync(DemoDataSeeder.DemoPassword, "short"))
        {
            var html = await tooShort.Content.ReadAsStringAsync();
            Assert.Contains("Your new password needs at least 12 characters.", html, StringComparison.Ordinal);
        }

        using (var ok = await staff.ChangePasswordAsync(DemoDataSeeder.DemoPassword, AdminClient.NewPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }

        using var fresh = _factory.CreateClient();
        using var signIn = await fresh.SignInAsync(email, AdminClient.NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var user = await _factory.UserAsync(email);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.StaffPasswordChanged && a.EntityId == user.Id)));
    }

    [Fact]
    public async Task SameEmailCreatedByTwoAdminsAtOnceMakesOneAccountAndTellsTheOthers()
    {
        const string email = "raced.reception@dynamicclinic.test";
        var admins = new List<HttpClient>();
        for (var i = 0; i < 6; i++)
        {
            admins.Add(await AdminAsync());
        }

        var fields = new List<KeyValuePair<string, string>>
        {
            new("DisplayName", "Raced Account"),
            new("Email", email),
            new("Roles", StaffRoles.Reception),
        };
        var responses = await Task.WhenAll(admins.Select(a => a.PostListAsync("/staff/admin/users/new", "/staff/admin/users/new", fields)));

        // Every admin gets a page (no 500): one with the new account's password, the others with the message by the field.
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var pages = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(pages, p => p.Contains("There is already a staff account with this email address.", StringComparison.Ordinal) is false);
        Assert.Equal(admins.Count - 1, pages.Count(p => p.Contains("There is already a staff account with this email address.", StringComparison.Ordinal)));

        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        const string normalized = "RACED.RECEPTION@DYNAMICCLINIC.TEST";
        Assert.Equal(1, await db.Users.CountAsync(u => u.NormalizedEmail == normalized));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.StaffCreated && a.Summary.Contains("Raced Account")));

        foreach (var response in responses)
        {
            response.Dispose();
        }

        admins.ForEach(a => a.Dispose());
    }

    private Task<HttpClient> AdminAsync() => _factory.SignedInClientAsync(DemoDataSeeder.AdminEmail);

    private async Task<string> LogTextAsync()
    {
        var text = "";
        foreach (var file in Directory.Exists(_factory.LogFolder) ? Directory.GetFiles(_factory.LogFolder) : [])
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            text += await reader.ReadToEndAsync();
        }

        return text;
    }
}
