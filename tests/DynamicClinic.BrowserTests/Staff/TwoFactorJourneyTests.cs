using System.Text.RegularExpressions;
using DynamicClinic.BrowserTests.Infrastructure;
using DynamicClinic.Data;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DynamicClinic.BrowserTests.Staff;

/// <summary>A member of staff sets up two-factor sign-in from the key on the page, signs out, and signs in with a code.</summary>
[Collection(SharedBrowser.Name)]
public class TwoFactorJourneyTests(BrowserFixture browser)
{
    [Theory]
    [MemberData(nameof(Viewport.Names), MemberType = typeof(Viewport))]
    public async Task StaffMemberSetsUpTwoFactorSignsOutAndSignsInWithACode(string viewportName)
    {
        var viewport = Viewport.Named(viewportName);
        // An account of its own, so the demo accounts other journeys sign in with keep password-only sign-in.
        var email = $"two.factor.{viewport.Name}@dynamicclinic.test";
        await AddReceptionistAsync(email);

        await using var context = await browser.NewContextAsync(viewport);
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);

        await SignInWithPasswordAsync(page, email);
        await Expect(page).ToHaveURLAsync(browser.Site.Url("/staff"));
        await page.GotoAsync("/staff/account/two-factor");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor sign-in", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#two-factor-state")).ToHaveTextAsync("Off: you sign in with your password only");
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code holding the key for your authenticator app" })).ToBeVisibleAsync();
        await page.AssertNoSidewaysScrollAsync();
        await page.SaveScreenshotAsync("set-up");

        // A wrong code first: the message shows beside the field and nothing changes.
        var key = (await page.Locator("#authenticator-key").TextContentAsync())!.Trim();
        Assert.Matches("^([a-z2-7]{4} ){7}[a-z2-7]{4}$", key);
        await page.GetByLabel("Code from your app").FillAsync("12345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Expect(page.Locator("#enable-code-error")).ToHaveTextAsync("The code is 6 digits, like 123 456.");
        await Expect(page.GetByLabel("Code from your app")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.SaveScreenshotAsync("set-up-error");

        await page.GetByLabel("Code from your app").FillAsync(Totp.CodeNow(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your recovery codes", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await page.AssertNoSidewaysScrollAsync();
        await page.SaveScreenshotAsync("recovery-codes");

        // Shown once: reloading goes back to the two-factor page, which says it is on.
        await page.ReloadAsync();
        await Expect(page).ToHaveURLAsync(browser.Site.Url("/staff/account/two-factor"));
        await Expect(page.Locator("#two-factor-state")).ToHaveTextAsync("On: you sign in with your password and a code from your app");
        await Expect(page.Locator("#recovery-codes-left")).ToHaveTextAsync("10 of 10");
        await page.AssertNoSidewaysScrollAsync();
        await page.SaveScreenshotAsync("on");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.Site.Url("/staff/sign-in"));

        // The password alone now leads to the second step.
        await SignInWithPasswordAsync(page, email);
        await Expect(page).ToHaveURLAsync(new Regex("/staff/sign-in/two-factor$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enter your code", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Use a recovery code instead" })).ToBeVisibleAsync();
        await page.AssertNoSidewaysScrollAsync();
        await page.SaveScreenshotAsync("second-step");

        await page.GetByLabel("Code from your app").FillAsync(Totp.CodeNow(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.Site.Url("/staff"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reception", Level = 2 })).ToBeVisibleAsync();
        problems.AssertNone();
    }

    private static async Task SignInWithPasswordAsync(IPage page, string email)
    {
        await page.GotoAsync("/staff/sign-in");
        await page.GetByLabel("Work email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    private async Task AddReceptionistAsync(string email)
    {
        await using var scope = browser.Site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Sana Iqbal" };
        Assert.True((await users.CreateAsync(user, DemoDataSeeder.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, StaffRoles.Reception)).Succeeded);
    }
}
