using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Features.Calendar;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using static DynamicClinic.IntegrationTests.Appointments.ReceptionTestData;

namespace DynamicClinic.IntegrationTests.Calendar;

/// <summary>
/// Reception acting from the day grid: one click to a confirmation (no script needed), the no-show rule, cancelling
/// with a reason from the short list, a drop on the grid checked by the booking core, and the stamp desks poll for
/// another desk's changes. Demo data; "now" is Friday 27 November 2026, 10:00 in Islamabad.
/// </summary>
public partial class CalendarGridActionsTests : IClassFixture<CalendarGridActionsTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _site;

    public CalendarGridActionsTests(Factory site) => _site = site;

    public async Task InitializeAsync() => await _site.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [GeneratedRegex("<div class=\"cal-appt [^\"]*\"[^>]*>(?:(?!</div>).)*</div>", RegexOptions.Singleline)]
    private static partial Regex GridAppointment();

    private Task<HttpClient> ReceptionAsync() => _site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);

    private static async Task<string> GridItemAsync(HttpClient client, string date, string reference)
    {
        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/staff/calendar?date={date}"));
        return Assert.Single(GridAppointment().Matches(html).Select(m => m.Value), i => i.Contains(reference, StringComparison.Ordinal));
    }

    // The grid's actions as calendar.js writes them: data-acts names the status changes offered now; cancel and move
    // go with every appointment that can still change. Each opens the appointment's confirmation with the version shown.
    private static string ActionHref(string item, string text)
    {
        var reference = Attribute(item, "data-ref");
        var version = Attribute(item, "data-v");
        var offered = Attribute(item, "data-acts").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var to = text switch
        {
            "Cancel" => "Cancelled",
            "Move" => null,
            _ => offered.SingleOrDefault(s => CalendarGrid.ActionText(Enum.Parse<AppointmentStatus>(s)) == text),
        };
        Assert.True(text == "Move" || to is not null, $"No \"{text}\" action in {item}");
        return to is null ? $"/staff/appointments/{reference}/move" : $"/staff/appointments/{reference}/confirm?to={to}&v={version}";
    }

    private static bool Offers(string item, string text) =>
        Attribute(item, "data-acts").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(s => CalendarGrid.ActionText(Enum.Parse<AppointmentStatus>(s)) == text);

    private static string Attribute(string item, string name)
    {
        var match = Regex.Match(item, $"{name}=\"([^\"]*)\"");
        // An appointment with no status change to offer now carries no data-acts at all (bytes on a busy day).
        Assert.True(match.Success || name == "data-acts", $"No {name} in {item}");
        return match.Groups[1].Value;
    }

    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string confirmHref, string action, Dictionary<string, string>? fields = null)
    {
        var page = await client.GetStringAsync(confirmHref);
        var all = HtmlForms.HiddenFields(page, action);
        foreach (var (key, value) in fields ?? [])
        {
            all[key] = value;
        }

        return await client.PostAsync(action, all);
    }

    [Fact]
    public async Task TheGridOffersArrivedAndNoShowOnlyWhenTheyCanBeDone()
    {
        var started = await AddAsync(_site, 1, Utc(11, 27, 9, 0));
        var later = await AddAsync(_site, 3, Utc(11, 27, 12, 0));
        var tomorrow = await AddAsync(_site, 1, Utc(11, 28, 16, 0));
        using var client = await ReceptionAsync();

        var startedItem = await GridItemAsync(client, "2026-11-27", started);
        var laterItem = await GridItemAsync(client, "2026-11-27", later);
        var tomorrowItem = await GridItemAsync(client, "2026-11-28", tomorrow);

        Assert.True(Offers(startedItem, "Arrived"));
        Assert.True(Offers(startedItem, "No-show"));
        Assert.True(Offers(laterItem, "Arrived"));
        Assert.False(Offers(laterItem, "No-show"));
        Assert.False(Offers(tomorrowItem, "Arrived"));
        Assert.False(Offers(tomorrowItem, "No-show"));
        foreach (var (item, reference) in new[] { (startedItem, started), (laterItem, later), (tomorrowItem, tomorrow) })
        {
            // Cancel and move go with every appointment that can change (written by the script); without script the
            // appointment's own page has them.
            Assert.Contains($"data-ref=\"{reference}\"", item, StringComparison.Ordinal);
            Assert.Contains($"<a href=\"/staff/appointments/{reference}\">", item, StringComparison.Ordinal);
        }

        // A no-show forged for tomorrow from its confirmation link is refused before any button is shown.
        var forged = WebUtility.HtmlDecode(await client.GetStringAsync($"/staff/appointments/{tomorrow}/confirm?to=NoShow"));
        Assert.Contains("no-show only once the appointment time has passed", forged, StringComparison.Ordinal);
        Assert.DoesNotContain($"action=\"/staff/appointments/{tomorrow}/status\"", forged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArrivedAndNoShowFromTheGridConfirmThenReturnToTheCalendar()
    {
        var arriving = await AddAsync(_site, 1, Utc(11, 27, 9, 30));
        var missed = await AddAsync(_site, 3, Utc(11, 27, 9, 0));
        using var client = await ReceptionAsync();

        var arrivedHref = ActionHref(await GridItemAsync(client, "2026-11-27", arriving), "Arrived");
        using var arrived = await ConfirmAsync(client, arrivedHref, $"/staff/appointments/{arriving}/status");
        var back = WebUtility.HtmlDecode(await client.GetStringAsync(arrived.Headers.Location));
        var noShowHref = ActionHref(await GridItemAsync(client, "2026-11-27", missed), "No-show");
        using var noShow = await ConfirmAsync(client, noShowHref, $"/staff/appointments/{missed}/status");

        Assert.Equal(HttpStatusCode.Redirect, arrived.StatusCode);
        Assert.Equal("/staff/calendar?date=2026-11-27", arrived.Headers.Location!.OriginalString);
        Assert.Contains("Marked arrived.", back, StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.Arrived, (await LoadAsync(_site, arriving)).Status);
        Assert.Equal(AppointmentStatus.NoShow, (await LoadAsync(_site, missed)).Status);
        Assert.Contains("<i>Arrived</i>", await GridItemAsync(client, "2026-11-27", arriving), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellingFromTheGridTakesAReasonFromTheListAndTellsThePatient()
    {
        var reference = await AddAsync(_site, 2, Utc(12, 1, 11, 0), patientPhone: "+923001110001");
        using var client = await ReceptionAsync();
        var confirm = ActionHref(await GridItemAsync(client, "2026-12-01", reference), "Cancel");
        var action = $"/staff/appointments/{reference}/cancel";

        // "Other" needs words: the field says so, and nothing changes.
        using var other = await ConfirmAsync(client, confirm, action, new() { ["ReasonChoice"] = "Other", ["Reason"] = "" });
        var otherHtml = WebUtility.HtmlDecode(await other.Content.ReadAsStringAsync());
        var afterOther = await LoadAsync(_site, reference);
        using var late = await ConfirmAsync(client, confirm, action, new() { ["ReasonChoice"] = "LateCancellation", ["EmailPatient"] = "true" });

        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Contains("id=\"Reason-error\"", otherHtml, StringComparison.Ordinal);
        Assert.Contains("Give the reason for cancelling.", otherHtml, StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.Booked, afterOther.Status);
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        Assert.Equal("/staff/calendar?date=2026-12-01", late.Headers.Location!.OriginalString);
        var stored = await LoadAsync(_site, reference);
        Assert.Equal(AppointmentStatus.Cancelled, stored.Status);
        Assert.Equal("Late cancellation", stored.CancellationReason);
        Assert.Empty(stored.TimeBlocks);
        Assert.True(await _site.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.AppointmentId == stored.Id && m.Kind == "BookingCancelled")));
    }

    [Fact]
    public async Task AnActionFromAGridDrawnBeforeAnotherDeskChangedTheAppointmentSaysSo()
    {
        var reference = await AddAsync(_site, 1, Utc(11, 27, 12, 0));
        using var first = await ReceptionAsync();
        using var second = await ReceptionAsync();
        var secondCancel = ActionHref(await GridItemAsync(second, "2026-11-27", reference), "Cancel");

        using var arrived = await ConfirmAsync(first, ActionHref(await GridItemAsync(first, "2026-11-27", reference), "Arrived"), $"/staff/appointments/{reference}/status");
        var stale = WebUtility.HtmlDecode(await second.GetStringAsync(secondCancel));

        Assert.Equal(HttpStatusCode.Redirect, arrived.StatusCode);
        Assert.Contains("This appointment changed after your calendar showed it", stale, StringComparison.Ordinal);
        Assert.Contains("Arrived", stale, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADropOnAFreeTimeMovesTheAppointmentAndARefusedDropChangesNothing()
    {
        var reference = await AddAsync(_site, 1, Utc(12, 2, 10, 0));
        var other = await AddAsync(_site, 1, Utc(12, 2, 12, 0));
        using var client = await ReceptionAsync();
        var item = await GridItemAsync(client, "2026-12-02", reference);
        var v = Regex.Match(item, "data-v=\"([0-9a-f]+)\"").Groups[1].Value;
        var token = HtmlForms.HiddenFields(await client.GetStringAsync("/staff"), "/staff/sign-out")["__RequestVerificationToken"];

        async Task<(HttpStatusCode Status, string Message)> DropAsync(string version, int clinician, string start)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/staff/calendar/move")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["reference"] = reference, ["v"] = version, ["clinician"] = clinician.ToString(System.Globalization.CultureInfo.InvariantCulture), ["start"] = start }),
            };
            request.Headers.Add("X-CSRF-TOKEN", token);
            using var response = await client.SendAsync(request);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return (response.StatusCode, json.RootElement.GetProperty("message").GetString()!);
        }

        var taken = await DropAsync(v, 1, "2026-12-02T11:45");
        var afterTaken = await LoadAsync(_site, reference);
        var moved = await DropAsync(v, 3, "2026-12-02T11:00");
        var stale = await DropAsync(v, 3, "2026-12-02T13:00");

        Assert.Equal(HttpStatusCode.Conflict, taken.Status);
        Assert.Contains("That time is taken", taken.Message, StringComparison.Ordinal);
        Assert.Equal(Utc(12, 2, 10, 0), afterTaken.StartUtc);
        Assert.Equal(HttpStatusCode.OK, moved.Status);
        Assert.Contains("moved to 11:00", moved.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Contains("Someone else changed this appointment", stale.Message, StringComparison.Ordinal);
        var stored = await LoadAsync(_site, reference);
        Assert.Equal(3, stored.ClinicianId);
        Assert.Equal(Utc(12, 2, 11, 0), stored.StartUtc);
        Assert.Equal(Utc(12, 2, 12, 0), (await LoadAsync(_site, other)).StartUtc);
    }

    [Fact]
    public async Task ADropWithoutTheTokenIsRefused()
    {
        var reference = await AddAsync(_site, 1, Utc(12, 4, 10, 0));
        using var client = await ReceptionAsync();

        using var response = await client.PostAsync("/staff/calendar/move", new Dictionary<string, string> { ["reference"] = reference, ["v"] = "00000000", ["clinician"] = "1", ["start"] = "2026-12-04T11:00" });

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Utc(12, 4, 10, 0), (await LoadAsync(_site, reference)).StartUtc);
    }

    [Fact]
    public async Task TheDayStampIsNotModifiedUntilAnotherDeskChangesTheDay()
    {
        using var client = await ReceptionAsync();
        const string url = "/staff/calendar/changes?date=2026-12-07";

        using var first = await client.GetAsync(url);
        var etag = first.Headers.ETag!;
        using var same = await SendWithETagAsync(client, url, etag);
        await AddAsync(_site, 2, Utc(12, 7, 11, 0));
        using var changed = await SendWithETagAsync(client, url, etag);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, same.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    private static async Task<HttpResponseMessage> SendWithETagAsync(HttpClient client, string url, EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(etag);
        return await client.SendAsync(request);
    }
}
