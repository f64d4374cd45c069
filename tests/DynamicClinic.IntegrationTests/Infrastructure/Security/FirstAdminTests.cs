using System.Net;
using System.Text.RegularExpressions;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Security;

namespace DynamicClinic.IntegrationTests.Infrastructure.Security;

public partial class FirstAdminTests(ClinicAppFactory factory) : IClassFixture<ClinicAppFactory>
{
    [GeneratedRegex("One-time password: (\\S+)")]
    private static partial Regex PasswordLine();

    [Fact]
    public async Task NewInstallationGetsAnAdminWhoCanSignInWithTheOneTimePassword()
    {
        using var output = new StringWriter();

        var exitCode = await FirstAdmin.CreateAsync(factory.Services, "owner@dynamicclinic.test", output);

        Assert.Equal(0, exitCode);
        var password = PasswordLine().Match(output.ToString()).Groups[1].Value;
        Assert.True(password.Length >= 12);
        using var client = factory.CreateClient();
        using (var signIn = await client.SignInAsync("owner@dynamicclinic.test", password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        // The one-time password only opens the page where they choose their own.
        using (var first = await client.GetAsync("/staff/admin/users"))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
            Assert.Equal("/staff/account/password", first.Headers.Location!.OriginalString);
        }

        using (var changed = await client.PostFormAsync("/staff/account/password", "/staff/account/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = password,
            ["NewPassword"] = "owner-chose-this-2026",
            ["ConfirmPassword"] = "owner-chose-this-2026",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        using var admin = await client.GetAsync("/staff/admin/users");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task ExistingAccountIsLeftAlone()
    {
        using var first = new StringWriter();
        using var second = new StringWriter();
        await FirstAdmin.CreateAsync(factory.Services, "twice@dynamicclinic.test", first);

        var exitCode = await FirstAdmin.CreateAsync(factory.Services, "twice@dynamicclinic.test", second);

        Assert.Equal(1, exitCode);
        Assert.Contains("already exists", second.ToString(), StringComparison.Ordinal);
    }
}
