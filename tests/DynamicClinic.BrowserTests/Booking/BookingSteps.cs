using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DynamicClinic.BrowserTests.Booking;

/// <summary>What a patient types into the details form, and what the review page should show back.</summary>
public sealed record BookingPatient(string FullName, string Phone, string Email, string ConcernValue, string ConcernLabel, string? Message)
{
    /// <summary>A patient with their own mobile number (a family sharing one is a journey of its own).</summary>
    public static BookingPatient Sample(string fullName, string phone) => new(
        fullName,
        phone,
        "patient@example.com",
        "thinning",
        "Thinning hair or a widening parting",
        "My parting has been widening since spring.");
}

/// <summary>
/// The steps of online booking as a person takes them (clicking labels, links and buttons), shared by the
/// booking journeys. Each step waits for the page it leads to, so a failure names the step that broke.
/// </summary>
public static partial class BookingSteps
{
    public const string Treatment = "mesotherapy";

    /// <summary>The clinician choice for mesotherapy, as the treatment page's "Book a consultation" link opens it.</summary>
    public const string StartPath = "/book?treatment=" + Treatment;

    public static ILocator DateLinks(this IPage page) => page.Locator("ul.date-list a.date-link");

    public static ILocator TimeOptions(this IPage page) => page.Locator(".time-grid .time-option");

    public static ILocator ReviewList(this IPage page) => page.Locator(".review-list");

    /// <summary>On the clinician choice: keeps "First available" and continues to the dates.</summary>
    public static async Task ContinueWithFirstAvailableAsync(this IPage page)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Book a consultation", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "First available" })).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.ExpectTimePageAsync();
    }

    public static async Task ExpectTimePageAsync(this IPage page)
    {
        await Expect(page).ToHaveURLAsync(TimePageUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choose a date and time", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.DateLinks().First).ToBeVisibleAsync();
    }

    /// <summary>
    /// Clicks the first date offered on or after <paramref name="notBefore"/> (any date when null) and waits
    /// for its times. Returns the date chosen.
    /// </summary>
    public static async Task<DateOnly> ChooseFirstDateAsync(this IPage page, DateOnly? notBefore = null)
    {
        var links = page.DateLinks();
        var count = await links.CountAsync();
        for (var i = 0; i < count; i++)
        {
            var link = links.Nth(i);
            var href = await link.GetAttributeAsync("href") ?? "";
            var match = DateInLink().Match(href);
            Assert.True(match.Success, $"Date link {i} has no date in its address: {href}");
            var date = DateOnly.ParseExact(match.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (notBefore is { } earliest && date < earliest)
            {
                continue;
            }

            await link.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"[?&]date={match.Groups[1].Value}"));
            await Expect(page.Locator(".date-link--selected")).ToHaveAttributeAsync("aria-current", "date");
            await Expect(page.Locator(".time-grid legend")).ToContainTextAsync("Free times on");
            await Expect(page.TimeOptions().First).ToBeVisibleAsync();
            return date;
        }

        Assert.Fail($"None of the {count} dates offered is on or after {notBefore:yyyy-MM-dd}.");
        return default;
    }

    /// <summary>Picks the first time offered (by its label, as a finger would) and returns its text, e.g. "10:15".</summary>
    public static async Task<string> ChooseFirstTimeAsync(this IPage page)
    {
        var option = page.TimeOptions().First;
        var label = option.Locator("label");
        // The label's own text, without the clinician's name after it: innerText would depend on the stylesheet having
        // put the name on a line of its own, which a fast test can read before the styles apply.
        var time = (await label.EvaluateAsync<string>("l => l.firstChild.textContent")).Trim();
        Assert.Matches(@"^\d{2}:\d{2}$", time);
        await label.ClickAsync();
        await Expect(option.Locator("input[type=radio]")).ToBeCheckedAsync();
        return time;
    }

    /// <summary>"Continue" under the times, to the details form.</summary>
    public static async Task ContinueToDetailsAsync(this IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.ExpectDetailsPageAsync();
    }

    public static async Task ExpectDetailsPageAsync(this IPage page)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your details", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".summary-line")).ToContainTextAsync("Mesotherapy with");
    }

    /// <summary>Fills the details form the way a person does: type into each labelled field, pick from the list, tick the box.</summary>
    public static async Task FillDetailsAsync(this IPage page, BookingPatient patient, bool consent = true)
    {
        await page.GetByLabel("Full name").FillAsync(patient.FullName);
        await page.GetByLabel("Mobile number").FillAsync(patient.Phone);
        await page.GetByLabel("Email address").FillAsync(patient.Email);
        await page.GetByLabel("Main concern").SelectOptionAsync(new SelectOptionValue { Label = patient.ConcernLabel });
        if (patient.Message is not null)
        {
            await page.GetByLabel("Anything you'd like us to know").FillAsync(patient.Message);
        }

        var box = page.GetByRole(AriaRole.Checkbox, new() { Name = "privacy notice" });
        if (consent)
        {
            await box.CheckAsync();
        }

        await Expect(box).ToBeCheckedAsync(new() { Checked = consent });
    }

    public static async Task SubmitDetailsAsync(this IPage page) =>
        await page.GetByRole(AriaRole.Button, new() { Name = "Review booking" }).ClickAsync();

    /// <summary>The review page, with everything the patient gave and the time they chose.</summary>
    public static async Task ExpectReviewAsync(this IPage page, BookingPatient patient, string? time = null)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check and confirm", Level = 1 })).ToBeVisibleAsync();
        var review = page.ReviewList();
        await Expect(review).ToContainTextAsync("Mesotherapy (30 minutes)");
        await Expect(review).ToContainTextAsync(patient.FullName);
        await Expect(review).ToContainTextAsync(patient.Phone);
        await Expect(review).ToContainTextAsync(patient.Email);
        await Expect(review).ToContainTextAsync(patient.ConcernLabel);
        if (patient.Message is not null)
        {
            await Expect(review).ToContainTextAsync(patient.Message);
        }

        if (time is not null)
        {
            await Expect(review).ToContainTextAsync($"at {time} (Pakistan time)");
        }

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Confirm booking" })).ToBeVisibleAsync();
    }

    public static async Task ConfirmAsync(this IPage page) =>
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm booking" }).ClickAsync();

    /// <summary>
    /// The confirmation (the manage page just after booking): its "booked" message, the reference and the
    /// booking. Returns the reference. The page's heading is checked on its own, by
    /// <c>BookingJourneyTests.ConfirmationPageHeadingSaysTheConsultationIsBooked</c>.
    /// </summary>
    public static async Task<string> ExpectConfirmationAsync(this IPage page, BookingPatient patient)
    {
        await Expect(page).ToHaveURLAsync(new Regex(@"/booking/DC-[A-Z0-9]{6}\?token=[^&]+&confirmed=1$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your consultation is booked.");
        await Expect(page.Locator(".booking")).ToContainTextAsync("We have also emailed you the details");
        await Expect(page.ReviewList()).ToContainTextAsync("Booked");
        // The page never shows the patient's name: a booking is filed under whoever holds the mobile number,
        // and the confirmation must not tell a visitor whose number it is.
        await Expect(page.ReviewList()).Not.ToContainTextAsync(patient.FullName);
        var reference = page.Locator(".reference strong");
        await Expect(reference).ToHaveTextAsync(ReferencePattern());
        await Expect(page.ReviewList()).ToContainTextAsync("Mesotherapy");
        return await reference.InnerTextAsync();
    }

    /// <summary>The time page for mesotherapy, first available, with or without a date chosen.</summary>
    public static Regex TimePageUrl() => new(@"/book/time\?treatment=mesotherapy&clinician=any(&date=\d{4}-\d{2}-\d{2})?$");

    [GeneratedRegex(@"^DC-[A-Z0-9]{6}$")]
    public static partial Regex ReferencePattern();

    [GeneratedRegex(@"[?&]date=(\d{4}-\d{2}-\d{2})")]
    private static partial Regex DateInLink();
}
