using System.Net;
using System.Text.RegularExpressions;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using static DynamicClinic.IntegrationTests.Appointments.ReceptionTestData;

namespace DynamicClinic.IntegrationTests.Calendar;

/// <summary>
/// Find a time on the demo data ("now" is Friday 27 November 2026, 10:00): medications are Dr Hina's alone (10:00-14:00 and
/// 15:00-17:00, Monday to Saturday); a general consultation is offered by all three clinicians.
/// </summary>
public partial class FindTimeTests : IClassFixture<FindTimeTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _site;

    public FindTimeTests(Factory site) => _site = site;

    public async Task InitializeAsync() => await _site.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [GeneratedRegex("<li><a href=\"(/staff/appointments/new\\?[^\"]+)\"><strong>([^<]+)</strong> with ([^<]+)<")]
    private static partial Regex Found();

    [Fact]
    public async Task TheNextTenAfternoonTimesEachLinkToTheBookingFormFilledIn()
    {
        var medications = await TreatmentIdAsync(_site, "medications");
        // Monday's first afternoon quarter hours are taken: the search steps past them.
        await AddAsync(_site, 3, Utc(11, 30, 12, 0));
        using var client = await _site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/staff/calendar/find?Treatment={medications}&Part=Afternoon&From=2026-11-30&Patient=2&search=1"));
        var found = Found().Matches(html).Select(m => (Href: m.Groups[1].Value, When: m.Groups[2].Value, Who: m.Groups[3].Value)).ToList();

        Assert.Equal(10, found.Count);
        Assert.All(found, f => Assert.Equal("Dr Hina Raza", f.Who));
        Assert.Equal("Mon 30 Nov, 12:30", found[0].When);
        Assert.All(found, f => Assert.Matches(", 1[2-6]:[0-5][0-9]$", f.When));
        Assert.Equal("Mon 30 Nov, 16:00", found[^1].When);
        Assert.Equal($"/staff/appointments/new?treatment={medications}&length=Consultation&clinician=3&start=2026-11-30T12:30&patient=2", found[0].Href);

        // One click from booking: the form opens with the time chosen.
        var form = WebUtility.HtmlDecode(await client.GetStringAsync(found[0].Href));
        Assert.Contains($"value=\"{Slot(3, Utc(11, 30, 12, 30))}\" checked", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SomeCliniciansAndAnEveningFindTimesAcrossDaysAndNothingFreeSaysSo()
    {
        var consultation = await TreatmentIdAsync(_site, "general-consultation");
        var medications = await TreatmentIdAsync(_site, "medications");
        using var client = await _site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);

        var omarEvenings = WebUtility.HtmlDecode(await client.GetStringAsync($"/staff/calendar/find?Treatment={consultation}&Clinician=2&Part=Evening&From=2026-12-01&search=1"));
        var hinaEvenings = WebUtility.HtmlDecode(await client.GetStringAsync($"/staff/calendar/find?Treatment={medications}&Part=Evening&From=2026-12-01&search=1"));
        var found = Found().Matches(omarEvenings).Select(m => (When: m.Groups[2].Value, Who: m.Groups[3].Value)).ToList();

        Assert.Equal(10, found.Count);
        Assert.All(found, f => Assert.Equal("Dr Omar Farooq", f.Who));
        Assert.Equal("Tue 1 Dec, 17:00", found[0].When);
        Assert.Contains(found, f => f.When == "Wed 2 Dec, 17:00");
        Assert.Empty(Found().Matches(hinaEvenings));
        Assert.Contains("No free times", hinaEvenings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClinicianCannotUseFindATime()
    {
        using var client = await _site.SignedInClientAsync(DemoDataSeeder.ClinicianEmail);

        using var response = await client.GetAsync("/staff/calendar/find");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
