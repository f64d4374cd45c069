using System.Net.Http.Json;
using DynamicClinic.IntegrationTests.Infrastructure;

namespace DynamicClinic.IntegrationTests.Booking;

public sealed record SlotDto(string Slot, int ClinicianId, string ClinicianName, DateTimeOffset Start, DateTimeOffset End);

public sealed record SlotsDto(string Treatment, string TimeZone, List<SlotDto> Slots);

/// <summary>
/// A patient walking the booking flow over HTTP, with the antiforgery tokens a browser would send; in Urdu with
/// <paramref name="prefix"/> <c>/ur</c>.
/// </summary>
public sealed class BookingVisitor(HttpClient client, string prefix = "")
{
    public HttpClient Client => client;

    public static Dictionary<string, string> Details(string name = "Amna Siddiqui", string phone = "0300 1234567", string email = "amna@example.test") => new()
    {
        ["FullName"] = name,
        ["Phone"] = phone,
        ["Email"] = email,
        ["MainConcern"] = "thinning",
        ["Message"] = "Thinning at the crown since last year.",
        ["Consent"] = "true",
    };

    public async Task<List<SlotDto>> SlotsAsync(string treatment, string clinician, DateOnly from, DateOnly to)
    {
        var response = await client.GetFromJsonAsync<SlotsDto>($"/book/slots?treatment={treatment}&clinician={clinician}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
        return response!.Slots;
    }

    /// <summary>Details step, then review: returns the review page's HTML (or the details page again when refused).</summary>
    public async Task<HttpResponseMessage> SubmitDetailsAsync(string treatment, string slot, IDictionary<string, string> details, string clinician = "any")
    {
        var page = await client.GetAsync($"{prefix}/book/details?treatment={treatment}&clinician={clinician}&slot={Uri.EscapeDataString(slot)}");
        var html = await page.Content.ReadAsStringAsync();
        var fields = HtmlForms.HiddenFields(html, prefix + "/book/details");
        foreach (var (key, value) in details)
        {
            fields[key] = value;
        }

        return await client.PostAsync(prefix + "/book/details", fields);
    }

    public async Task<string> ReviewAsync(string treatment, string slot, IDictionary<string, string>? details = null)
    {
        using var response = await SubmitDetailsAsync(treatment, slot, details ?? Details());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(prefix.Length == 0 ? "Check and confirm" : "جانچیں اور تصدیق کریں", html, StringComparison.Ordinal);
        return html;
    }

    public Task<HttpResponseMessage> ConfirmAsync(string reviewHtml) =>
        client.PostAsync(prefix + "/book/confirm", HtmlForms.HiddenFields(reviewHtml, prefix + "/book/confirm"));

    public async Task<HttpResponseMessage> BookAsync(string treatment, string slot, IDictionary<string, string>? details = null) =>
        await ConfirmAsync(await ReviewAsync(treatment, slot, details));
}
