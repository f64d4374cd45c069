using System.Net;
using System.Text.RegularExpressions;
using DynamicClinic.Data;
using DynamicClinic.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DynamicClinic.IntegrationTests.Admin;

/// <summary>What the admin tests do through the site: create accounts and read back the one-time password.</summary>
public static partial class AdminClient
{
    public const string NewPassword = "my-own-password-2026";

    [GeneratedRegex("id=\"one-time-password\">([^<]+)<")]
    private static partial Regex OneTimePasswordField();

    public static string OneTimePasswordIn(string html)
    {
        var match = OneTimePasswordField().Match(html);
        Assert.True(match.Success, "The page shows no one-time password.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Creates an account through /staff/admin/users/new (the client must be an admin) and returns its one-time password.</summary>
    public static async Task<string> CreateStaffAsync(this HttpClient admin, string email, string name, params string[] roles)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("DisplayName", name),
            new("Email", email),
        };
        fields.AddRange(roles.Select(r => new KeyValuePair<string, string>("Roles", r)));
        using var response = await admin.PostListAsync("/staff/admin/users/new", "/staff/admin/users/new", fields);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return OneTimePasswordIn(html);
    }

    /// <summary>Like <see cref="HttpClientExtensions.PostFormAsync"/> but with repeated fields (several roles).</summary>
    public static async Task<HttpResponseMessage> PostListAsync(this HttpClient client, string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetStringAsync(formPage);
        var all = fields.Append(new("__RequestVerificationToken", HttpClientExtensions.AntiforgeryToken(page))).ToList();
        using var content = new FormUrlEncodedContent(all);
        return await client.PostAsync(action, content);
    }

    /// <summary>POSTs a button form (no fields but the token) from the account page.</summary>
    public static Task<HttpResponseMessage> PostAccountActionAsync(this HttpClient admin, string userId, string action) =>
        admin.PostFormAsync($"/staff/admin/users/{userId}", $"/staff/admin/users/{userId}/{action}", new Dictionary<string, string>());

    public static async Task<HttpResponseMessage> ChangePasswordAsync(this HttpClient client, string current, string next) =>
        await client.PostFormAsync("/staff/account/password", "/staff/account/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = current,
            ["NewPassword"] = next,
            ["ConfirmPassword"] = next,
        });

    public static Task<StaffUser> UserAsync(this ClinicAppFactory factory, string email) =>
        factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));

    public static async Task<IReadOnlyList<string>> RolesAsync(this ClinicAppFactory factory, string email)
    {
        IList<string> roles = [];
        await factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<StaffUser>>();
            roles = await users.GetRolesAsync((await users.FindByEmailAsync(email))!);
        });
        return roles.Order(StringComparer.Ordinal).ToList();
    }

    public static async Task AddStaffDirectlyAsync(this ClinicAppFactory factory, string email, string password, params string[] roles)
    {
        await factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<StaffUser>>();
            var user = new StaffUser { UserName = email, Email = email, DisplayName = email.Split('@')[0] };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            foreach (var role in roles)
            {
                Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            }
        });
    }
}
