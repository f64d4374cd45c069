using System.Text.RegularExpressions;
using DynamicClinic.BrowserTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DynamicClinic.BrowserTests.Admin;

/// <summary>An admin creates a receptionist, who signs in with the one-time password, must choose their own, and reaches the calendar.</summary>
[Collection(SharedBrowser.Name)]
public class StaffAccountJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task AdminCreatesReceptionistWhoChangesTheOneTimePasswordAndReachesTheCalendar()
    {
        const string email = "new.receptionist@dynamicclinic.test";
        await using var context = await browser.NewContextAsync(Viewport.Desktop);
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);

        // The admin signs in and adds the receptionist.
        await page.GotoAsync("/staff/sign-in");
        await page.GetByLabel("Work email").FillAsync(DemoDataSeeder.AdminEmail);
        await page.GetByLabel("Password").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Staff accounts" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a staff member" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add a staff member", Level = 1 })).ToBeVisibleAsync();

        // Sending the empty form first: the messages appear beside the fields.
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.Locator("#DisplayName-error")).ToHaveTextAsync("Enter the staff member's name.");
        await Expect(page.Locator("#Roles-error")).ToHaveTextAsync("Choose at least one role.");
        await page.SaveScreenshotAsync("new-account-errors");

        await page.Locator("#DisplayName").FillAsync("Hira Shah");
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#role-Reception").CheckAsync();
        await page.Locator("#SendInvitation").CheckAsync();
        await page.SaveScreenshotAsync("new-account-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Account created", Level = 1 })).ToBeVisibleAsync();
        var oneTimePassword = (await page.Locator("#one-time-password").TextContentAsync())!.Trim();
        Assert.Equal(20, oneTimePassword.Length);
        await page.SaveScreenshotAsync("one-time-password");

        await page.GetByRole(AriaRole.Link, new() { Name = "Go to the account" }).ClickAsync();
        await Expect(page.Locator("#account-state")).ToHaveTextAsync("Active");
        await page.SaveScreenshotAsync("account-page");

        await page.GotoAsync("/staff/admin/audit");
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "staff.created" })).ToBeVisibleAsync();
        await page.SaveScreenshotAsync("audit-log");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.Site.Url("/staff/sign-in"));

        // The receptionist signs in with the one-time password and is sent to choose their own.
        await page.GetByLabel("Work email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(oneTimePassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.Site.Url("/staff/account/password"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("one-time password");
        await page.SaveScreenshotAsync("must-change-password");

        // Nothing else opens until then.
        await page.GotoAsync("/staff/calendar");
        await Expect(page).ToHaveURLAsync(browser.Site.Url("/staff/account/password"));

        await page.Locator("#CurrentPassword").FillAsync(oneTimePassword);
        await page.Locator("#NewPassword").FillAsync("hira-chose-this-one");
        await page.Locator("#ConfirmPassword").FillAsync("hira-chose-this-one");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(browser.Site.Url("/staff"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your password has been changed.");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Staff" }).GetByRole(AriaRole.Link, new() { Name = "Calendar" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/staff/calendar$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Calendar");
        await page.SaveScreenshotAsync("calendar");
        problems.AssertNone();
    }

    [Fact]
    public async Task AdminPagesFitAPhone()
    {
        await using var context = await browser.NewContextAsync(Viewport.Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/staff/sign-in");
        await page.GetByLabel("Work email").FillAsync(DemoDataSeeder.AdminEmail);
        await page.GetByLabel("Password").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.Site.Url("/staff"));

        foreach (var (path, name) in new[] { ("/staff/admin/users", "users"), ("/staff/admin/users/new", "new-account"), ("/staff/admin/audit", "audit-log"), ("/staff/account/password", "password") })
        {
            await page.GotoAsync(path);
            await page.AssertNoSidewaysScrollAsync();
            await page.SaveScreenshotAsync(name);
        }
    }
}
