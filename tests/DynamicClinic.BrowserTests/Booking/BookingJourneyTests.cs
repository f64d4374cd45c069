using System.Runtime.CompilerServices;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using DynamicClinic.BrowserTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DynamicClinic.BrowserTests.Booking;

/// <summary>
/// A patient books a mesotherapy consultation online, in a real browser against the real site: on a phone,
/// without JavaScript, by keyboard alone, through a validation error, and under axe. The site runs on the
/// real clock, so the dates offered are whatever is free from today on.
/// </summary>
[Collection(SharedBrowser.Name)]
public class BookingJourneyTests(BrowserFixture browser)
{
    private const string FirstAvailableTimePage = "/book/time?treatment=" + BookingSteps.Treatment + "&clinician=any";

    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    [Fact]
    public async Task PatientBooksMesotherapyOnAPhoneThenCancelsWithTheManageLink()
    {
        await using var context = await browser.NewContextAsync(Viewport.Phone);
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);
        var patient = BookingPatient.Sample("Sana Iqbal", "0300 1234567");

        await page.GotoAsync("/treatments/mesotherapy");
        await Expect(page.Locator("h1")).ToContainTextAsync("Mesotherapy");
        await StepAsync(page, "1-treatment");

        await page.GetByRole(AriaRole.Link, new() { Name = "Book a consultation" })
            .And(page.Locator($"[href='{BookingSteps.StartPath}']")).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.Site.Url(BookingSteps.StartPath));
        await Expect(page.Locator(".summary-line")).ToContainTextAsync("Treatment: Mesotherapy");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "First available" })).ToBeCheckedAsync();
        await StepAsync(page, "2-clinician");

        await page.ContinueWithFirstAvailableAsync();
        await StepAsync(page, "3-dates");

        // Online cancelling closes 24 hours before the appointment, and the first date offered is often today
        // or tomorrow: the first date from the day after tomorrow (clinic time) can always be cancelled.
        var today = browser.Site.Services.GetRequiredService<ClinicClock>().Today;
        await page.ChooseFirstDateAsync(notBefore: today.AddDays(2));
        await StepAsync(page, "4-times");

        var time = await page.ChooseFirstTimeAsync();
        await page.ContinueToDetailsAsync();
        await page.FillDetailsAsync(patient);
        await StepAsync(page, "5-details-filled");

        await page.SubmitDetailsAsync();
        await page.ExpectReviewAsync(patient, time);
        await StepAsync(page, "6-review");

        await page.ConfirmAsync();
        var reference = await page.ExpectConfirmationAsync(patient);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Cancel this appointment" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Add to calendar" })).ToBeVisibleAsync();
        await StepAsync(page, "7-confirmation");

        // The link the page tells the patient to keep is this page without the "just confirmed" flag.
        var manageLink = page.Locator(".manage-link a");
        var manageUrl = await manageLink.GetAttributeAsync("href");
        Assert.Equal(page.Url.Replace("&confirmed=1", "", StringComparison.Ordinal), manageUrl);
        await manageLink.ClickAsync();
        await Expect(page).ToHaveURLAsync(manageUrl!);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your booking", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".reference strong")).ToHaveTextAsync(reference);

        // Cancelling asks first, on a page of its own (no script needed); "No" keeps the booking.
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel this appointment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cancel this appointment?", Level = 1 })).ToBeVisibleAsync();
        await StepAsync(page, "8-cancel-asks");
        await page.GetByRole(AriaRole.Link, new() { Name = "No, keep my appointment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your booking", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel this appointment" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel it" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Booking cancelled", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your appointment is cancelled");
        await Expect(page.Locator(".reference strong")).ToHaveTextAsync(reference);
        await Expect(page.ReviewList()).ToContainTextAsync("Cancelled");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Cancel this appointment" })).ToHaveCountAsync(0);
        await StepAsync(page, "9-cancelled");

        problems.AssertNone();
    }

    [Fact]
    public async Task BookingWorksWithJavaScriptDisabled()
    {
        await using var context = await browser.NewContextWithoutJavaScriptAsync(Viewport.Phone);
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);
        var patient = BookingPatient.Sample("Bilal Ahmed", "0300 1234502");

        await page.GotoAsync("/treatments/mesotherapy");
        await page.GetByRole(AriaRole.Link, new() { Name = "Book a consultation" })
            .And(page.Locator($"[href='{BookingSteps.StartPath}']")).First.ClickAsync();
        await page.ContinueWithFirstAvailableAsync();
        await page.ChooseFirstDateAsync();
        var time = await page.ChooseFirstTimeAsync();
        await page.ContinueToDetailsAsync();
        await page.FillDetailsAsync(patient);
        await page.SubmitDetailsAsync();
        await page.ExpectReviewAsync(patient, time);
        await page.ConfirmAsync();
        await page.ExpectConfirmationAsync(patient);
        await page.SaveScreenshotAsync("confirmation");

        problems.AssertNone();
    }

    [Fact]
    public async Task KeyboardUserFillsDetailsReviewsAndConfirms()
    {
        await using var context = await browser.NewContextAsync(Viewport.Desktop);
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);
        var patient = BookingPatient.Sample("Zainab Malik", "0300 1234503");

        await page.GotoAsync(FirstAvailableTimePage);
        await page.ExpectTimePageAsync();
        var bookEarliest = page.GetByRole(AriaRole.Link, new() { Name = "Book this time" });
        await page.TabUntilFocusedAsync(bookEarliest);
        await page.Keyboard.PressAsync("Enter");
        await page.ExpectDetailsPageAsync();

        var name = page.GetByLabel("Full name");
        await page.TabUntilFocusedAsync(name);
        await AssertFocusRingAsync(page);
        await page.Keyboard.TypeAsync(patient.FullName);

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Mobile number")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(patient.Phone);

        // "How should we reach you?" is one stop, on the chosen channel (WhatsApp unless the patient picks another).
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "WhatsApp on my mobile" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Email address")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(patient.Email);

        // The optional date of birth is next (a date field is several stops in Chromium: its parts); left empty.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Date of birth (optional)")).ToBeFocusedAsync();

        // A closed list moves to the next option with the arrow key: "Choose one", then the first concern.
        var concern = page.GetByLabel("Main concern");
        await page.TabUntilFocusedAsync(concern, maxPresses: 5);
        await Expect(concern).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(concern).ToHaveValueAsync(patient.ConcernValue);

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Anything you'd like us to know")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(patient.Message!);

        await page.Keyboard.PressAsync("Tab");
        var consent = page.GetByRole(AriaRole.Checkbox, new() { Name = "privacy notice" });
        await Expect(consent).ToBeFocusedAsync();
        await AssertFocusRingAsync(page);
        await page.Keyboard.PressAsync("Space");
        await Expect(consent).ToBeCheckedAsync();

        // Past the privacy-notice link in the consent label, to the button.
        var review = page.GetByRole(AriaRole.Button, new() { Name = "Review booking" });
        Assert.Equal(2, await page.TabUntilFocusedAsync(review, maxPresses: 3));
        await AssertFocusRingAsync(page);
        await page.SaveScreenshotAsync("details-filled");
        await page.Keyboard.PressAsync("Enter");
        await page.ExpectReviewAsync(patient);
        await page.SaveScreenshotAsync("review");

        await page.TabUntilFocusedAsync(page.GetByRole(AriaRole.Button, new() { Name = "Confirm booking" }));
        await AssertFocusRingAsync(page);
        await page.Keyboard.PressAsync("Enter");
        await page.ExpectConfirmationAsync(patient);
        await page.SaveScreenshotAsync("confirmation");

        problems.AssertNone();
    }

    [Fact]
    public async Task InvalidDetailsComeBackWithMessagesBesideTheFieldsAndKeepWhatWasTyped()
    {
        await using var context = await browser.NewContextAsync(Viewport.Phone);
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);
        var patient = BookingPatient.Sample("Hamza Raza", "12345");

        await page.GotoAsync(FirstAvailableTimePage);
        await page.GetByRole(AriaRole.Link, new() { Name = "Book this time" }).ClickAsync();
        await page.ExpectDetailsPageAsync();
        await page.FillDetailsAsync(patient, consent: false);
        await page.SubmitDetailsAsync();

        await page.ExpectDetailsPageAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Please correct the highlighted fields below.");
        var phone = page.GetByLabel("Mobile number");
        var consent = page.GetByRole(AriaRole.Checkbox, new() { Name = "privacy notice" });
        var phoneError = page.Locator("#Phone-error");
        var consentError = page.Locator("#Consent-error");
        await Expect(phoneError).ToHaveTextAsync("Enter a valid mobile number, like 0300 1234567 or +92 300 1234567.");
        await Expect(consentError).ToHaveTextAsync("Please confirm that you have read the privacy notice.");

        // The messages belong to their fields, for screen readers and by eye, and nothing else is flagged.
        await Expect(phone).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(phone).ToHaveAttributeAsync("aria-describedby", "Phone-error Phone-hint");
        await Expect(phone).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("^Enter a valid mobile number"));
        await Expect(consent).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(consent).ToHaveAttributeAsync("aria-describedby", "Consent-error");
        await Expect(page.Locator("[aria-invalid=true]")).ToHaveCountAsync(2);
        await Expect(page.Locator(".field-error:visible")).ToHaveCountAsync(2);
        await AssertJustBelowAsync(phone, phoneError);
        await AssertJustBelowAsync(page.Locator(".field--checkbox label"), consentError);

        // Everything typed is still there.
        await Expect(page.GetByLabel("Full name")).ToHaveValueAsync(patient.FullName);
        await Expect(phone).ToHaveValueAsync("12345");
        await Expect(page.GetByLabel("Email address")).ToHaveValueAsync(patient.Email);
        await Expect(page.GetByLabel("Main concern")).ToHaveValueAsync(patient.ConcernValue);
        await Expect(page.GetByLabel("Anything you'd like us to know")).ToHaveValueAsync(patient.Message!);
        await Expect(consent).Not.ToBeCheckedAsync();
        await page.SaveScreenshotAsync("errors");
        await page.AssertNoSidewaysScrollAsync();

        // Tab moves through the fields in order as before; fix the number and tick the box by keyboard.
        await page.TabUntilFocusedAsync(page.GetByLabel("Full name"));
        await page.Keyboard.PressAsync("Tab");
        await Expect(phone).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "WhatsApp on my mobile" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Email address")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.PressAsync("Shift+Tab");
        await Expect(phone).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("0300 1234504");
        // Email, date of birth (three stops), main concern, message, then the consent box.
        await page.TabUntilFocusedAsync(consent, maxPresses: 9);
        await page.Keyboard.PressAsync("Space");
        await Expect(consent).ToBeCheckedAsync();
        await page.SaveScreenshotAsync("corrected");

        await page.SubmitDetailsAsync();
        await page.ExpectReviewAsync(patient with { Phone = "0300 1234504" });

        problems.AssertNone();
    }

    /// <summary>
    /// Just after booking, the page's heading and title say it is booked ("Your consultation is booked",
    /// "Booking confirmed"), not the plain "Your booking" of a later visit.
    /// </summary>
    [Fact]
    public async Task ConfirmationPageHeadingSaysTheConsultationIsBooked()
    {
        await using var context = await browser.NewContextAsync(Viewport.Desktop);
        var page = await context.NewPageAsync();
        var patient = BookingPatient.Sample("Usman Tariq", "0300 1234505");

        await page.GotoAsync(FirstAvailableTimePage);
        await page.GetByRole(AriaRole.Link, new() { Name = "Book this time" }).ClickAsync();
        await page.ExpectDetailsPageAsync();
        await page.FillDetailsAsync(patient);
        await page.SubmitDetailsAsync();
        await page.ExpectReviewAsync(patient);
        await page.ConfirmAsync();
        await page.ExpectConfirmationAsync(patient);

        var heading = await page.Locator("h1").InnerTextAsync();
        var title = await page.TitleAsync();
        Assert.True(
            heading == "Your consultation is booked" && title.StartsWith("Booking confirmed", StringComparison.Ordinal),
            $"After confirming, {page.Url} is headed \"{heading}\" and titled \"{title}\"; expected \"Your consultation is booked\" and \"Booking confirmed\". "
            + "(The site redirects with &confirmed=1, and 1 does not bind to ManageBookingController.Show's bool parameter.)");
    }

    [Fact]
    public async Task BookingPagesHaveNoSeriousOrCriticalAxeViolations()
    {
        await using var context = await browser.NewContextAsync(Viewport.Phone);
        var page = await context.NewPageAsync();
        var patient = BookingPatient.Sample("Ayesha Noor", "0300 1234506");
        var found = new List<string>();

        await page.GotoAsync(FirstAvailableTimePage);
        await page.ChooseFirstDateAsync();
        await AxeAsync(page, "time (date chosen)", found);

        await page.ChooseFirstTimeAsync();
        await page.ContinueToDetailsAsync();
        await page.SubmitDetailsAsync();
        await Expect(page.Locator("#FullName-error")).ToBeVisibleAsync();
        await AxeAsync(page, "details with errors", found);

        await page.FillDetailsAsync(patient);
        await page.SubmitDetailsAsync();
        await page.ExpectReviewAsync(patient);
        await AxeAsync(page, "review", found);

        await page.ConfirmAsync();
        await page.ExpectConfirmationAsync(patient);
        await AxeAsync(page, "confirmation", found);

        Assert.True(found.Count == 0, "axe found serious or critical problems:" + Environment.NewLine + string.Join(Environment.NewLine, found));
    }

    /// <summary>A full-page screenshot of the step, then the check that a phone needs no sideways scrolling.</summary>
    private static async Task StepAsync(IPage page, string step, [CallerMemberName] string test = "")
    {
        await page.SaveScreenshotAsync(step, test);
        await page.AssertNoSidewaysScrollAsync();
    }

    /// <summary>The focused element shows the site's keyboard focus ring.</summary>
    private static async Task AssertFocusRingAsync(IPage page)
    {
        var ring = await page.EvaluateAsync<string>("""
            () => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; }
            """);
        Assert.False(ring.StartsWith("none", StringComparison.Ordinal) || ring.EndsWith(" 0px", StringComparison.Ordinal),
            $"The focused element has no visible focus outline ({ring}).");
    }

    /// <summary>The message sits right under its field: below it, overlapping it sideways, and no more than a line away.</summary>
    private static async Task AssertJustBelowAsync(ILocator field, ILocator message)
    {
        var f = await field.BoundingBoxAsync() ?? throw new InvalidOperationException("The field is not visible.");
        var m = await message.BoundingBoxAsync() ?? throw new InvalidOperationException("The message is not visible.");
        var gap = m.Y - (f.Y + f.Height);
        Assert.True(gap is >= 0 and <= 24 && m.X < f.X + f.Width && f.X < m.X + m.Width,
            $"The message at ({m.X:0},{m.Y:0}) {m.Width:0}x{m.Height:0} is not just below its field at ({f.X:0},{f.Y:0}) {f.Width:0}x{f.Height:0}.");
    }

    private static async Task AxeAsync(IPage page, string name, List<string> found)
    {
        var result = await page.RunAxe();
        found.AddRange(result.Violations
            .Where(v => BlockingImpacts.Contains(v.Impact))
            .SelectMany(v => v.Nodes.Select(n => Describe(name, v, n))));
    }

    private static string Describe(string page, AxeResultItem violation, AxeResultNode node) =>
        $"  {page}: {violation.Id} ({violation.Impact}) at {node.Target}: {violation.Help}{Environment.NewLine}    {node.Html}{Environment.NewLine}    {string.Join("; ", node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message))}";
}
