using System.Net;
using DynamicClinic.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Booking;

/// <summary>
/// The language switch on the details step is a button of the form: it posts what the patient typed to the step's
/// switch under the other language's address, which shows the step again, unchecked, and remembers the choice. No
/// script needed. Switching is kept out of the booking rate limit: a few switches never lock a patient out.
/// </summary>
public class BookingLanguageSwitchTests
{
    private static readonly DateOnly Wednesday = new(2026, 12, 2);

    private static string SetCultureCookie(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));

    [Fact]
    public async Task SwitchingLanguageOnTheDetailsStepKeepsWhatWasTypedWithoutMessagesAndRemembersTheChoice()
    {
        await using var site = new ClinicAppFactory();
        await site.SeedDemoDataAsync();
        using var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var visitor = new BookingVisitor(client);
        var slot = (await visitor.SlotsAsync("mesotherapy", "any", Wednesday, Wednesday))[0];
        var patientsBefore = await site.WithDbAsync(db => db.Patients.CountAsync());

        var english = await client.GetStringAsync($"/book/details?treatment=mesotherapy&clinician=any&slot={Uri.EscapeDataString(slot.Slot)}");
        // The switch is a submit button of the form itself, after the review button (Enter still reviews).
        Assert.Matches("<button type=\"submit\" class=\"button\">Review booking</button>\\s*(<[^>]+>\\s*)*<button type=\"submit\"[^>]* formnovalidate\\s+formaction=\"/ur/book/details/language\" lang=\"ur\">", english);

        // Half typed: an Urdu name, a phone number not finished, no consent yet.
        var typed = HtmlForms.HiddenFields(english, "/book/details");
        typed["FullName"] = "مُحَمَّد\u200Cعلی";
        typed["Phone"] = "0321 555";
        typed["Email"] = "";
        typed["MainConcern"] = "thinning";
        typed["Message"] = "بال کم ہو رہے ہیں";
        typed["Channel"] = "Sms";
        using var toUrdu = await client.PostAsync("/ur/book/details/language", typed);

        Assert.Equal(HttpStatusCode.OK, toUrdu.StatusCode);
        var urdu = await toUrdu.Content.ReadAsStringAsync();
        var decoded = WebUtility.HtmlDecode(urdu);
        Assert.Contains("<html lang=\"ur\" dir=\"rtl\"", urdu, StringComparison.Ordinal);
        Assert.Contains("<h1>آپ کی تفصیل</h1>", urdu, StringComparison.Ordinal);
        Assert.Contains("value=\"مُحَمَّد\u200Cعلی\"", decoded, StringComparison.Ordinal);
        Assert.Contains("value=\"0321 555\"", urdu, StringComparison.Ordinal);
        Assert.Contains(">بال کم ہو رہے ہیں</textarea>", decoded, StringComparison.Ordinal);
        Assert.Matches("<option value=\"thinning\" selected=\"selected\">", urdu);
        Assert.Matches("id=\"Channel-Sms\" name=\"Channel\" value=\"Sms\" checked=\"checked\"", urdu);
        Assert.Contains($"value=\"{WebUtility.HtmlEncode(slot.Slot)}\"", urdu, StringComparison.Ordinal);
        // Not checked yet: no messages beside the fields, no summary of them, and not the review.
        Assert.DoesNotContain("field-validation-error", urdu, StringComparison.Ordinal);
        Assert.DoesNotContain("براہِ کرم نیچے نشان زدہ خانے درست کریں۔", urdu, StringComparison.Ordinal);
        Assert.DoesNotContain("aria-invalid", urdu, StringComparison.Ordinal);
        Assert.DoesNotContain("جانچیں اور تصدیق کریں", urdu, StringComparison.Ordinal);
        Assert.Contains("formaction=\"/book/details/language\" lang=\"en\">Read this form in English</button>", urdu, StringComparison.Ordinal);
        Assert.StartsWith(".AspNetCore.Culture=c%3Dur-PK%7Cuic%3Dur-PK;", SetCultureCookie(toUrdu), StringComparison.Ordinal);
        // The header's switch (a plain link) on this page shown by a POST still comes back to this step, not the start.
        var step = Uri.EscapeDataString($"/book/details?treatment=mesotherapy&clinician=any&slot={slot.Slot}");
        Assert.Contains($"class=\"language-switch\" href=\"/language?to=en&amp;return={step}\"", urdu, StringComparison.Ordinal);

        // And back to English from the Urdu page, still with everything typed.
        var again = HtmlForms.HiddenFields(urdu, "/ur/book/details");
        foreach (var key in new[] { "FullName", "Phone", "Email", "MainConcern", "Message", "Channel" })
        {
            again[key] = typed[key];
        }

        using var toEnglish = await client.PostAsync("/book/details/language", again);
        var back = WebUtility.HtmlDecode(await toEnglish.Content.ReadAsStringAsync());
        Assert.Contains("<html lang=\"en", back, StringComparison.Ordinal);
        Assert.Contains("<h1>Your details</h1>", back, StringComparison.Ordinal);
        Assert.Contains("value=\"مُحَمَّد\u200Cعلی\"", back, StringComparison.Ordinal);
        Assert.DoesNotContain("Please correct the highlighted fields below.", back, StringComparison.Ordinal);
        Assert.StartsWith(".AspNetCore.Culture=c%3Den%7Cuic%3Den;", SetCultureCookie(toEnglish), StringComparison.Ordinal);

        // Switching saves nothing.
        Assert.Equal(patientsBefore, await site.WithDbAsync(db => db.Patients.CountAsync()));
    }

    [Fact]
    public async Task WithoutTheSwitchTheSameHalfTypedFormIsStillCheckedAndRefusedBesideTheFields()
    {
        await using var site = new ClinicAppFactory();
        await site.SeedDemoDataAsync();
        using var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var visitor = new BookingVisitor(client, "/ur");
        var slot = (await visitor.SlotsAsync("mesotherapy", "any", Wednesday, Wednesday))[0];

        using var refused = await visitor.SubmitDetailsAsync("mesotherapy", slot.Slot, new Dictionary<string, string> { ["FullName"] = "محمد علی", ["Phone"] = "0321 555" });

        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("براہِ کرم نیچے نشان زدہ خانے درست کریں۔", html, StringComparison.Ordinal);
        Assert.Contains("id=\"Phone-error\"", html, StringComparison.Ordinal);
        Assert.False(refused.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal)));
    }
}
