using System.Text.RegularExpressions;
using DynamicClinic.BrowserTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DynamicClinic.BrowserTests.Staff;

/// <summary>A member of staff signs in and out in a real browser, on the site as it runs in production (https, Secure cookies).</summary>
[Collection(SharedBrowser.Name)]
public class StaffSignInJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task AdminSignsInLandsOnStaffHomeAndSignsOut()
    {
        await using var context = await browser.NewContextAsync(Viewport.Desktop);
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);

        await page.GotoAsync("/staff");
        await Expect(page).ToHaveURLAsync(new Regex("/staff/sign-in\\?returnUrl=%2Fstaff$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Staff sign-in", Level = 1 })).ToBeVisibleAsync();
        await page.SaveScreenshotAsync("sign-in");

        await page.GetByLabel("Work email").FillAsync(DemoDataSeeder.AdminEmail);
        await page.GetByLabel("Password").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(browser.Site.Url("/staff"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Administration", Level = 2 })).ToBeVisibleAsync();
        await page.SaveScreenshotAsync("staff-home");

        // Outside Development the session cookie is Secure, HttpOnly, SameSite=Strict and ends with the browser.
        var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name == "DynamicClinic.Staff");
        Assert.True(cookie.Secure);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal(-1, cookie.Expires);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(browser.Site.Url("/staff/sign-in"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You have signed out.");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "DynamicClinic.Staff");
        await page.SaveScreenshotAsync("signed-out");

        // Signed out means signed out: the staff area sends the browser back to sign-in.
        await page.GotoAsync("/staff");
        await Expect(page).ToHaveURLAsync(new Regex("/staff/sign-in"));
        problems.AssertNone();
    }
}
