using DynamicClinic.Data;
using Microsoft.AspNetCore.Identity;

namespace DynamicClinic.Web.Infrastructure.Security;

/// <summary>
/// <c>--create-admin &lt;email&gt;</c>: how a new installation gets its first administrator, who then creates
/// everyone else. The one-time password goes to the console of the person running the command, never to the log.
/// </summary>
public static class FirstAdmin
{
    public const string Switch = "--create-admin";

    public static async Task<int> CreateAsync(IServiceProvider services, string email, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            await output.WriteLineAsync($"A staff account for {email} already exists; nothing was changed.");
            return 1;
        }

        var password = OneTimePassword.New();
        // MustChangePassword: the first sign-in leads straight to choosing a password of their own.
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0], MustChangePassword = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            await output.WriteLineAsync("Could not create the account: " + string.Join(" ", created.Errors.Select(e => e.Description)));
            return 1;
        }

        await users.AddToRoleAsync(user, StaffRoles.Admin);
        await output.WriteLineAsync($"Created admin {email}. One-time password: {password}");
        await output.WriteLineAsync("Sign in at /staff: you will be asked to choose your own password.");
        return 0;
    }
}
