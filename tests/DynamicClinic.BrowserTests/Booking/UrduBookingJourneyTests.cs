using DynamicClinic.BrowserTests.Infrastructure;
using DynamicClinic.BrowserTests.SiteWide;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DynamicClinic.BrowserTests.Booking;

/// <summary>
/// A patient books on a phone (375 px) in Urdu, finding every field by its Urdu label: right to left, nothing scrolling
/// sideways, a screenshot of each step, and axe (no serious or critical violation) on each booking page.
/// </summary>
[Collection(SharedBrowser.Name)]
public class UrduBookingJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task PatientBooksInUrduOnAPhoneByTheUrduLabels()
    {
        await using var context = await browser.NewContextAsync(Viewport.Phone);
        var page = await context.NewPageAsync();
        var audit = new AxeAudit(page);

        await page.GotoAsync("/ur/book?treatment=mesotherapy");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "مشاورت کا وقت لیں", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "جو پہلے دستیاب ہو" })).ToBeCheckedAsync();
        await page.SaveScreenshotAsync("ur-book-start-phone");
        await page.AssertNoSidewaysScrollAsync();
        await audit.CheckAsync("Urdu booking: clinician");
        await page.GetByRole(AriaRole.Button, new() { Name = "آگے بڑھیں" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "تاریخ اور وقت چنیں", Level = 1 })).ToBeVisibleAsync();
        await page.DateLinks().First.ClickAsync();
        await Expect(page.TimeOptions().First).ToBeVisibleAsync();
        await page.SaveScreenshotAsync("ur-book-time-phone");
        await page.AssertNoSidewaysScrollAsync();
        await audit.CheckAsync("Urdu booking: time");
        await page.TimeOptions().First.Locator("label").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "آگے بڑھیں" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "آپ کی تفصیل", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("پورا نام").FillAsync("محمد علی");
        await page.GetByLabel("موبائل نمبر").FillAsync("0300 7654321");
        await page.GetByLabel("ای میل", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("ای میل ایڈریس").FillAsync("ali.browser@example.test");
        await page.GetByLabel("تاریخِ پیدائش (اختیاری)").FillAsync("1990-04-23");
        await page.GetByLabel("آپ کی بڑی پریشانی").SelectOptionAsync("thinning");
        await page.GetByLabel("کوئی بات جو آپ ہمیں بتانا چاہیں (اختیاری)").FillAsync("سر کے اگلے حصے پر بال کم ہو رہے ہیں۔");
        await page.GetByLabel("میں نے رازداری کا نوٹس پڑھ لیا ہے", new() { Exact = false }).CheckAsync();
        // The finished steps say so in Urdu.
        await Expect(page.Locator(".booking-steps__done").First).ToHaveTextAsync("علاج (مکمل)");
        await page.SaveScreenshotAsync("ur-book-details-phone");
        await page.AssertNoSidewaysScrollAsync();
        await audit.CheckAsync("Urdu booking: details");

        // The form's own language switch: the same step in English with everything typed, then back to Urdu.
        await page.GetByRole(AriaRole.Button, new() { Name = "Read this form in English" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your details", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
        await Expect(page.GetByLabel("Full name")).ToHaveValueAsync("محمد علی");
        await Expect(page.GetByLabel("Mobile number")).ToHaveValueAsync("0300 7654321");
        await Expect(page.Locator(".field-validation-error")).ToHaveCountAsync(0);
        await page.SaveScreenshotAsync("ur-book-details-switched-english-phone");
        await page.AssertNoSidewaysScrollAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "یہ فارم اردو میں پڑھیں" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "آپ کی تفصیل", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("پورا نام")).ToHaveValueAsync("محمد علی");
        await Expect(page.GetByLabel("تاریخِ پیدائش (اختیاری)")).ToHaveValueAsync("1990-04-23");
        await Expect(page.GetByLabel("میں نے رازداری کا نوٹس پڑھ لیا ہے", new() { Exact = false })).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "بکنگ کا جائزہ لیں" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "جانچیں اور تصدیق کریں", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.ReviewList()).ToContainTextAsync("محمد علی");
        await Expect(page.ReviewList()).ToContainTextAsync("23 اپریل 1990");
        // The mobile number reads left to right inside the right-to-left summary.
        Assert.Equal("ltr", await page.ReviewList().Locator("bdi").First.EvaluateAsync<string>("b => getComputedStyle(b).direction"));
        await page.SaveScreenshotAsync("ur-book-review-phone");
        await page.AssertNoSidewaysScrollAsync();
        await audit.CheckAsync("Urdu booking: review");
        await page.GetByRole(AriaRole.Button, new() { Name = "بکنگ کی تصدیق کریں" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "آپ کی مشاورت کا وقت طے ہو گیا ہے", Level = 1 })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/ur/booking/DC-"));
        await page.SaveScreenshotAsync("ur-book-confirmed-phone");
        await page.AssertNoSidewaysScrollAsync();
        await audit.CheckAsync("Urdu booking: confirmation");
        audit.AssertNone();
    }
}
