using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using DynamicClinic.IntegrationTests.Infrastructure;

namespace DynamicClinic.IntegrationTests.Infrastructure;

/// <summary>What a patient was told when confirming.</summary>
public enum ConfirmOutcome
{
    /// <summary>Never sent.</summary>
    NotSent,

    /// <summary>302 to the booking's page: the patient holds a reference.</summary>
    Booked,

    /// <summary>The details page again with "that time was just taken".</summary>
    Taken,

    /// <summary>Anything else: a status the test did not expect.</summary>
    Other,

    /// <summary>No answer at all (the connection dropped, e.g. the site was killed).</summary>
    NoAnswer,
}

public sealed record SlotJson(string Slot, int ClinicianId, DateTimeOffset Start, DateTimeOffset End);

public sealed record SlotsJson(List<SlotJson> Slots);

/// <summary>
/// One patient booking over real HTTP with a cookie jar of its own, able to talk to several sites on 127.0.0.1 (cookies
/// ignore the port, as in a browser behind one host name): open the details page, send the details, keep the review
/// form, confirm.
/// </summary>
public sealed class BookingVisitorOverHttp(HttpClient http, int index, string treatment, string slot)
{
    public const string TakenText = "Sorry, that time was just taken by someone else.";

    private static readonly Uri CookieScope = new("https://127.0.0.1/");
    private readonly CookieContainer _cookies = new();
    private Dictionary<string, string>? _review;

    public int Index => index;

    public string Slot => slot;

    /// <summary>Mobile number as stored (E.164) and email: one of each per visitor.</summary>
    public string PhoneE164 => "+92301" + (1_000_000 + index).ToString(CultureInfo.InvariantCulture);

    public string Email => $"visitor{index.ToString(CultureInfo.InvariantCulture)}@example.test";

    public string? Reference { get; private set; }

    public string? ManageLink { get; private set; }

    public int? Status { get; private set; }

    public string? Problem { get; private set; }

    public static async Task<List<SlotJson>> FreeSlotsAsync(HttpClient http, Uri site, string treatment, DateOnly from, DateOnly to)
    {
        var url = new Uri(site, FormattableString.Invariant($"/book/slots?treatment={treatment}&clinician=any&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"));
        return (await http.GetFromJsonAsync<SlotsJson>(url))!.Slots;
    }

    /// <summary>Per clinician, the earliest slots that do not overlap each other, so each can be booked.</summary>
    public static List<SlotJson> NonOverlapping(IEnumerable<SlotJson> slots)
    {
        var picked = new List<SlotJson>();
        foreach (var clinician in slots.GroupBy(s => s.ClinicianId))
        {
            var freeFrom = DateTimeOffset.MinValue;
            foreach (var candidate in clinician.DistinctBy(s => s.Slot).OrderBy(s => s.Start))
            {
                if (candidate.Start >= freeFrom)
                {
                    picked.Add(candidate);
                    freeFrom = candidate.End;
                }
            }
        }

        return [.. picked.OrderBy(s => s.Start).ThenBy(s => s.ClinicianId)];
    }

    /// <summary>Details page and details POST on <paramref name="site"/>; keeps the review page's form.</summary>
    public async Task PrepareAsync(Uri site)
    {
        using var details = await SendAsync(HttpMethod.Get, new Uri(site, $"/book/details?treatment={treatment}&clinician=any&slot={Uri.EscapeDataString(slot)}"), null);
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        var fields = HtmlForms.HiddenFields(await details.Content.ReadAsStringAsync(), "/book/details");
        fields["FullName"] = $"Visitor {index.ToString(CultureInfo.InvariantCulture)}";
        fields["Phone"] = "0301 " + (1_000_000 + index).ToString(CultureInfo.InvariantCulture);
        fields["Email"] = Email;
        fields["MainConcern"] = "thinning";
        fields["Consent"] = "true";
        using var review = await SendAsync(HttpMethod.Post, new Uri(site, "/book/details"), fields);
        var html = await review.Content.ReadAsStringAsync();
        Assert.True(review.StatusCode == HttpStatusCode.OK && html.Contains("Check and confirm", StringComparison.Ordinal),
            $"Visitor {index} got no review page ({(int)review.StatusCode}).");
        _review = HtmlForms.HiddenFields(html, "/book/confirm");
    }

    /// <summary>Posts the review form to <paramref name="site"/> and records what the patient was told.</summary>
    public async Task<ConfirmOutcome> ConfirmAsync(Uri site)
    {
        try
        {
            using var response = await SendAsync(HttpMethod.Post, new Uri(site, "/book/confirm"), _review!);
            Status = (int)response.StatusCode;
            var location = response.Headers.Location?.OriginalString ?? "";
            if (response.StatusCode == HttpStatusCode.Redirect && location.StartsWith("/booking/", StringComparison.Ordinal))
            {
                ManageLink = location;
                Reference = Uri.UnescapeDataString(location["/booking/".Length..].Split('?')[0]);
                return ConfirmOutcome.Booked;
            }

            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK && body.Contains(TakenText, StringComparison.Ordinal))
            {
                return ConfirmOutcome.Taken;
            }

            Problem = $"HTTP {Status} {location} {body[..Math.Min(body.Length, 300)]}";
            return ConfirmOutcome.Other;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            Problem = ex.GetType().Name;
            return ConfirmOutcome.NoAnswer;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, IDictionary<string, string>? form)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        var cookies = _cookies.GetCookieHeader(CookieScope);
        if (cookies.Length > 0)
        {
            request.Headers.Add("Cookie", cookies);
        }

        var response = await http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                _cookies.SetCookies(CookieScope, header);
            }
        }

        return response;
    }
}
