using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;

namespace DynamicClinic.IntegrationTests.Calendar;

/// <summary>
/// The calendar's day grid, week view, JSON feed and printable list, on the demo data (appointments on Saturday
/// 28 November 2026) plus Tuesday 1 December: one appointment in each status for Dr Ayesha, a cancelled one and its
/// replacement at the same time, Dr Omar away 12:00–13:00 and an appointment at 00:30 clinic time (19:30 UTC the
/// day before).
/// </summary>
public partial class CalendarViewsTests : IClassFixture<CalendarViewsTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory
    {
        private readonly SemaphoreSlim _seed = new(1, 1);
        private Dictionary<string, int>? _clinicians;

        public int Ayesha => _clinicians!["Dr Ayesha Khan"];

        public int Omar => _clinicians!["Dr Omar Farooq"];

        public Dictionary<string, string> References { get; } = [];

        public async Task EnsureSeededAsync()
        {
            await _seed.WaitAsync();
            try
            {
                if (_clinicians is not null)
                {
                    return;
                }

                await SeedDemoDataAsync();
                var clinicians = await CalendarTestData.CliniciansAsync(this);
                var ayesha = clinicians["Dr Ayesha Khan"];
                var omar = clinicians["Dr Omar Farooq"];
                var tuesday = new DateOnly(2026, 12, 1);
                (int Hour, int Minute, string Name, AppointmentStatus Status)[] plan =
                [
                    (10, 0, "Arrived Patient", AppointmentStatus.Arrived),
                    (10, 30, "Completed Patient", AppointmentStatus.Completed),
                    (11, 0, "Noshow Patient", AppointmentStatus.NoShow),
                    (11, 30, "Cancelled Patient", AppointmentStatus.Cancelled),
                    (11, 30, "Rebooked Patient", AppointmentStatus.Booked),
                ];
                foreach (var (hour, minute, name, status) in plan)
                {
                    References[name] = await CalendarTestData.AddAppointmentAsync(
                        this, ayesha, CalendarTestData.Utc(tuesday, hour, minute), 30, name, "+923001234001", status);
                }

                References["Midnight Patient"] = await CalendarTestData.AddAppointmentAsync(
                    this, omar, new DateTime(2026, 11, 30, 19, 30, 0, DateTimeKind.Utc), 30, "Midnight Patient");
                await CalendarTestData.AddTimeOffAsync(
                    this, omar, CalendarTestData.Utc(tuesday, 12, 0), CalendarTestData.Utc(tuesday, 13, 0), "Training");
                await CalendarTestData.AddClosureAsync(this, new DateOnly(2026, 12, 25), "Quaid-e-Azam Day");
                _clinicians = clinicians;
            }
            finally
            {
                _seed.Release();
            }
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                _seed.Dispose();
            }
        }
    }

    private readonly Factory _factory;

    public CalendarViewsTests(Factory factory) => _factory = factory;

    public Task InitializeAsync() => _factory.EnsureSeededAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [GeneratedRegex("<div class=\"cal-appt [^\"]*\"[^>]*>(?:(?!</div>).)*</div>", RegexOptions.Singleline)]
    private static partial Regex GridAppointment();

    private Task<HttpClient> SignedInAsync(string email) => _factory.SignedInClientAsync(email);

    [Theory]
    [InlineData("/staff/calendar/week?date=2026-11-28")]
    [InlineData("/staff/calendar/feed?from=2026-11-28")]
    [InlineData("/staff/calendar/print?date=2026-11-28")]
    public async Task AnonymousVisitorIsSentToSignIn(string url)
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff/sign-in", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData(DemoDataSeeder.ReceptionEmail)]
    [InlineData(DemoDataSeeder.AdminEmail)]
    public async Task FrontDeskGetsEveryCalendarPage(string email)
    {
        using var client = await SignedInAsync(email);
        foreach (var url in new[]
        {
            "/staff/calendar?date=2026-12-01",
            $"/staff/calendar/week?clinician={_factory.Omar}&date=2026-12-01",
            $"/staff/calendar/feed?from=2026-12-01&clinician={_factory.Omar}",
            "/staff/calendar/print?date=2026-12-01",
        })
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            Assert.True(response.Headers.CacheControl!.NoStore, url);
        }
    }

    [Fact]
    public async Task DayGridPlacesAppointmentsByClinicTimeWithStatusInWordsAndLinks()
    {
        using var client = await SignedInAsync(DemoDataSeeder.ReceptionEmail);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/staff/calendar?date=2026-11-28"));

        // Saturday's grid runs from 10:00 (earliest start) to 19:00 (Dr Omar's end): 36 quarter hours.
        // Dr Ayesha's 10:00–10:30 mesotherapy is in the first two rows, Dr Hina's 10:30–10:50 in rows 3 and 4.
        var items = GridAppointment().Matches(html).Select(m => m.Value).ToList();
        Assert.Equal(4, items.Count);
        var ayesha = Assert.Single(items, i => i.Contains("Demo Patient One", StringComparison.Ordinal));
        Assert.Contains("cal-r-1 cal-s-2", ayesha, StringComparison.Ordinal);
        Assert.Contains("10:00–10:30", ayesha, StringComparison.Ordinal);
        Assert.Contains("Booked", ayesha, StringComparison.Ordinal);
        Assert.Contains("Mesotherapy", ayesha, StringComparison.Ordinal);
        Assert.Matches("href=\"/staff/appointments/DC-[A-Z0-9]+\"", ayesha);
        var omar = Assert.Single(items, i => i.Contains("Demo Patient Three", StringComparison.Ordinal));
        Assert.Contains("cal-r-21 cal-s-3", omar, StringComparison.Ordinal);
        Assert.Contains("cal-appt--booked", omar, StringComparison.Ordinal);

        // Working, break and not-working time are named; free working time links to a new booking at that start.
        Assert.Contains("cal-bg cal-bg--break", html, StringComparison.Ordinal);
        Assert.Contains(">Break<", html, StringComparison.Ordinal);
        Assert.Contains(">Not working<", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/staff/appointments/new?clinician={_factory.Ayesha}&start=2026-11-28T10:30\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"clinician={_factory.Ayesha}&start=2026-11-28T10:00\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"clinician={_factory.Ayesha}&start=2026-11-28T10:15\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/staff/calendar/block?clinician={_factory.Ayesha}&date=2026-11-28\"", html, StringComparison.Ordinal);
        Assert.Contains("Block time", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/staff/calendar/print?date=2026-11-28\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/staff/calendar/week?clinician={_factory.Ayesha}&date=2026-11-28\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/staff/calendar/print?date=2026-11-28&clinician={_factory.Ayesha}\"", html, StringComparison.Ordinal);
        // The grid is the day view on every screen (it scrolls in its own box on a phone): no second copy as a list.
        Assert.DoesNotContain("class=\"calendar-list\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryStatusIsInWordsAndACancelledAppointmentSitsBesideItsReplacement()
    {
        using var client = await SignedInAsync(DemoDataSeeder.ReceptionEmail);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/staff/calendar?date=2026-12-01"));
        var items = GridAppointment().Matches(html).Select(m => m.Value).ToList();

        foreach (var (name, status, css) in new[]
        {
            ("Arrived Patient", "Arrived", "arrived"),
            ("Completed Patient", "Completed", "completed"),
            ("Noshow Patient", "No-show", "noshow"),
            ("Cancelled Patient", "Cancelled", "cancelled"),
            ("Rebooked Patient", "Booked", "booked"),
        })
        {
            var item = Assert.Single(items, i => i.Contains(name, StringComparison.Ordinal));
            Assert.Contains($"<i>{status}</i>", item, StringComparison.Ordinal);
            Assert.Contains($"cal-appt--{css}", item, StringComparison.Ordinal);
            Assert.Contains($"/staff/appointments/{_factory.References[name]}", item, StringComparison.Ordinal);
        }

        Assert.Contains("cal-lane-2", items.Single(i => i.Contains("Cancelled Patient", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("cal-lane-1", items.Single(i => i.Contains("Rebooked Patient", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("Away: Training", html, StringComparison.Ordinal);
        Assert.Contains("cal-bg--off", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAppointmentJustAfterMidnightClinicTimeIsOnThatClinicDay()
    {
        using var client = await SignedInAsync(DemoDataSeeder.ReceptionEmail);

        var monday = WebUtility.HtmlDecode(await client.GetStringAsync("/staff/calendar?date=2026-11-30"));
        var tuesday = WebUtility.HtmlDecode(await client.GetStringAsync("/staff/calendar?date=2026-12-01"));

        Assert.DoesNotContain("Midnight Patient", monday, StringComparison.Ordinal);
        var item = Assert.Single(GridAppointment().Matches(tuesday).Select(m => m.Value), i => i.Contains("Midnight Patient", StringComparison.Ordinal));
        Assert.Contains("00:30–01:00", item, StringComparison.Ordinal);
        Assert.Contains("cal-r-1 cal-s-2", item, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClosedDaySaysSo()
    {
        using var client = await SignedInAsync(DemoDataSeeder.ReceptionEmail);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/staff/calendar?date=2026-12-25"));

        Assert.Contains("Clinic closed: Quaid-e-Azam Day", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/staff/appointments/new", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyQuarterHoursNotYetBegunAreFreeAndLinkToANewBooking()
    {
        using var client = await SignedInAsync(DemoDataSeeder.ReceptionEmail);

        // The test clock stands at 10:00 clinic time on Friday 27 November.
        var yesterday = WebUtility.HtmlDecode(await client.GetStringAsync("/staff/calendar?date=2026-11-26"));
        var today = WebUtility.HtmlDecode(await client.GetStringAsync("/staff/calendar?date=2026-11-27"));

        Assert.DoesNotContain("/staff/appointments/new", yesterday, StringComparison.Ordinal);
        // Time that has passed is not offered, not even as words.
        Assert.DoesNotContain("10:15 free", yesterday, StringComparison.Ordinal);
        Assert.Contains($"/staff/appointments/new?clinician={_factory.Ayesha}&start=2026-11-27T10:00\"", today, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClinicianSeesTheirOwnGridWithoutBookingOrBlockingLinks()
    {
        using var client = await SignedInAsync(DemoDataSeeder.ClinicianEmail);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/staff/calendar?date=2026-12-01"));

        Assert.Contains("Arrived Patient", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Midnight Patient", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/staff/appointments/", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/staff/calendar/block", html, StringComparison.Ordinal);
        Assert.Contains("12:00 free", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WeekViewShowsOneClinicianMondayToSunday()
    {
        using var client = await SignedInAsync(DemoDataSeeder.ReceptionEmail);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/staff/calendar/week?clinician={_factory.Ayesha}&date=2026-12-03"));

        Assert.Contains("Dr Ayesha Khan: week of 30 Nov – 6 Dec 2026", html, StringComparison.Ordinal);
        foreach (var day in new[] { "Mon 30 Nov", "Tue 1 Dec", "Wed 2 Dec", "Thu 3 Dec", "Fri 4 Dec", "Sat 5 Dec", "Sun 6 Dec" })
        {
            Assert.Contains(day, html, StringComparison.Ordinal);
        }

        Assert.Contains("Rebooked Patient", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Midnight Patient", html, StringComparison.Ordinal);
        Assert.Contains($"/staff/calendar/week?clinician={_factory.Ayesha}&date=2026-11-23", html, StringComparison.Ordinal);
        Assert.Contains($"/staff/calendar/week?clinician={_factory.Ayesha}&date=2026-12-07", html, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{_factory.Omar}\">Dr Omar Farooq</option>", html, StringComparison.Ordinal);
        Assert.Contains($"/staff/appointments/new?clinician={_factory.Ayesha}&start=2026-12-02T10:00", html, StringComparison.Ordinal);
        // Tuesday is the second day column: the replacement at 11:30 is in its own column, Sunday has nobody working.
        Assert.Contains("href=\"/staff/calendar?date=2026-12-01\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClinicianSeesOnlyTheirOwnWeek()
    {
        using var client = await SignedInAsync(DemoDataSeeder.ClinicianEmail);

        using var other = await client.GetAsync($"/staff/calendar/week?clinician={_factory.Omar}&date=2026-12-01");
        var own = WebUtility.HtmlDecode(await client.GetStringAsync("/staff/calendar/week?date=2026-12-01"));
        using var ownById = await client.GetAsync($"/staff/calendar/week?clinician={_factory.Ayesha}&date=2026-12-01");

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownById.StatusCode);
        Assert.Contains("Dr Ayesha Khan: week of", own, StringComparison.Ordinal);
        Assert.DoesNotContain("<select", own, StringComparison.Ordinal);
        Assert.DoesNotContain("/staff/appointments/", own, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedGivesAppointmentsHoursAndTimeOffInClinicTime()
    {
        using var client = await SignedInAsync(DemoDataSeeder.ReceptionEmail);

        using var response = await client.GetAsync("/staff/calendar/feed?from=2026-12-01&to=2026-12-01");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal("Asia/Karachi", root.GetProperty("timeZone").GetString());
        Assert.Equal("2026-12-01", root.GetProperty("from").GetString());
        Assert.Equal("2026-12-01", root.GetProperty("to").GetString());

        var appointments = root.GetProperty("appointments").EnumerateArray().ToList();
        Assert.Equal(6, appointments.Count);
        var arrived = appointments.Single(a => a.GetProperty("patientName").GetString() == "Arrived Patient");
        Assert.Equal(_factory.References["Arrived Patient"], arrived.GetProperty("reference").GetString());
        Assert.True(arrived.GetProperty("id").GetInt32() > 0);
        Assert.Equal(_factory.Ayesha, arrived.GetProperty("clinicianId").GetInt32());
        Assert.Equal("2026-12-01T10:00:00+05:00", arrived.GetProperty("start").GetString());
        Assert.Equal("2026-12-01T10:30:00+05:00", arrived.GetProperty("end").GetString());
        Assert.Equal("Mesotherapy", arrived.GetProperty("treatment").GetString());
        Assert.Equal("Arrived", arrived.GetProperty("status").GetString());
        Assert.Equal("Phone", arrived.GetProperty("source").GetString());
        var midnight = appointments.Single(a => a.GetProperty("patientName").GetString() == "Midnight Patient");
        Assert.Equal("2026-12-01T00:30:00+05:00", midnight.GetProperty("start").GetString());
        Assert.False(arrived.TryGetProperty("patientPhone", out _));

        var clinicians = root.GetProperty("clinicians").EnumerateArray().ToList();
        Assert.Equal(3, clinicians.Count);
        var omar = clinicians.Single(c => c.GetProperty("id").GetInt32() == _factory.Omar);
        Assert.Equal("Dr Omar Farooq", omar.GetProperty("name").GetString());
        Assert.Equal(
            ["2026-12-01T11:00:00+05:00/2026-12-01T13:30:00+05:00", "2026-12-01T15:00:00+05:00/2026-12-01T19:00:00+05:00"],
            omar.GetProperty("workingHours").EnumerateArray().Select(w => w.GetProperty("start").GetString() + "/" + w.GetProperty("end").GetString()).ToList());
        var off = Assert.Single(omar.GetProperty("timeOff").EnumerateArray());
        Assert.Equal("2026-12-01T12:00:00+05:00", off.GetProperty("start").GetString());
        Assert.Equal("2026-12-01T13:00:00+05:00", off.GetProperty("end").GetString());
        Assert.Equal("Training", off.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task FeedToIsIncludedAndClosedDaysHaveNoWorkingHours()
    {
        using var client = await SignedInAsync(DemoDataSeeder.ReceptionEmail);

        using var json = JsonDocument.Parse(await client.GetStringAsync($"/staff/calendar/feed?from=2026-12-24&to=2026-12-26&clinician={_factory.Ayesha}"));
        var ayesha = Assert.Single(json.RootElement.GetProperty("clinicians").EnumerateArray());
        var days = ayesha.GetProperty("workingHours").EnumerateArray().Select(w => w.GetProperty("start").GetString()![..10]).Distinct().ToList();

        // Thursday 24 and Saturday 26 worked; Friday 25 closed.
        Assert.Equal(["2026-12-24", "2026-12-26"], days);
        var closure = Assert.Single(json.RootElement.GetProperty("closures").EnumerateArray());
        Assert.Equal("2026-12-25", closure.GetProperty("date").GetString());
    }

    [Theory]
    [InlineData("/staff/calendar/feed", "from")]
    [InlineData("/staff/calendar/feed?from=1-12-2026", "from")]
    [InlineData("/staff/calendar/feed?from=2026-12-01&to=2026-13-01", "to")]
    [InlineData("/staff/calendar/feed?from=2026-12-02&to=2026-12-01", "to")]
    [InlineData("/staff/calendar/feed?from=2026-12-01&to=2027-01-01", "to")]
    [InlineData("/staff/calendar/feed?from=2026-12-01&clinician=dr-ayesha", "clinician")]
    public async Task FeedRefusesBadRangesWithProblemDetails(string url, string field)
    {
        using var client = await SignedInAsync(DemoDataSeeder.ReceptionEmail);

        using var response = await client.GetAsync(url);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
    }

    [Fact]
    public async Task FeedAllowsThirtyOneDaysInclusive()
    {
        using var client = await SignedInAsync(DemoDataSeeder.ReceptionEmail);

        using var response = await client.GetAsync("/staff/calendar/feed?from=2026-12-01&to=2026-12-31");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ClinicianGetsOnlyTheirOwnFeed()
    {
        using var client = await SignedInAsync(DemoDataSeeder.ClinicianEmail);

        using var other = await client.GetAsync($"/staff/calendar/feed?from=2026-12-01&clinician={_factory.Omar}");
        using var json = JsonDocument.Parse(await client.GetStringAsync("/staff/calendar/feed?from=2026-12-01"));

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(_factory.Ayesha, Assert.Single(json.RootElement.GetProperty("clinicians").EnumerateArray()).GetProperty("id").GetInt32());
        Assert.All(json.RootElement.GetProperty("appointments").EnumerateArray(), a => Assert.Equal(_factory.Ayesha, a.GetProperty("clinicianId").GetInt32()));
        Assert.Equal(5, json.RootElement.GetProperty("appointments").GetArrayLength());
    }

    [Fact]
    public async Task PrintListGivesOneClinicianTheirPatientsWithPhonesAndReferences()
    {
        using var client = await SignedInAsync(DemoDataSeeder.ReceptionEmail);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/staff/calendar/print?date=2026-11-28&clinician={_factory.Ayesha}"));

        Assert.Contains("Dr Ayesha Khan", html, StringComparison.Ordinal);
        Assert.Contains("Demo Patient One", html, StringComparison.Ordinal);
        // The phone as people read it, under the clinic's name and the date.
        Assert.Contains("+92 300 1110001", html, StringComparison.Ordinal);
        Assert.Contains("class=\"print-page__clinic\"", html, StringComparison.Ordinal);
        Assert.Contains("Dr Ayesha Khan: Saturday 28 November 2026", html, StringComparison.Ordinal);
        Assert.Contains("Demo Patient Two", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Demo Patient Three", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Dr Omar Farooq", html, StringComparison.Ordinal);
        Assert.Matches(">DC-[A-Z0-9]+<", html);
        Assert.Contains(">Notes<", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "class=\"print-page\""));
    }

    [Fact]
    public async Task PrintListWithoutAClinicianHasAPagePerClinician()
    {
        using var client = await SignedInAsync(DemoDataSeeder.ReceptionEmail);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/staff/calendar/print?date=2026-11-28"));

        Assert.Equal(3, Regex.Count(html, "class=\"print-page\""));
        Assert.Contains("Demo Patient Three", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClinicianPrintsOnlyTheirOwnList()
    {
        using var client = await SignedInAsync(DemoDataSeeder.ClinicianEmail);

        using var other = await client.GetAsync($"/staff/calendar/print?date=2026-11-28&clinician={_factory.Omar}");
        var own = WebUtility.HtmlDecode(await client.GetStringAsync("/staff/calendar/print?date=2026-11-28"));

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Contains("Demo Patient One", own, StringComparison.Ordinal);
        Assert.DoesNotContain("Demo Patient Three", own, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(own, "class=\"print-page\""));
    }

    [Theory]
    [InlineData("/staff/calendar?date=0001-01-01", HttpStatusCode.OK)]
    [InlineData("/staff/calendar?date=9999-12-31", HttpStatusCode.OK)]
    [InlineData("/staff/calendar/week?date=9999-12-31", HttpStatusCode.OK)]
    [InlineData("/staff/calendar/week?date=0001-01-01", HttpStatusCode.OK)]
    [InlineData("/staff/calendar/print?date=9999-12-31", HttpStatusCode.OK)]
    [InlineData("/staff/calendar/feed?from=0001-01-01&to=0001-01-02", HttpStatusCode.BadRequest)]
    [InlineData("/staff/calendar/feed?from=9999-12-30&to=9999-12-31", HttpStatusCode.BadRequest)]
    public async Task DatesAtTheEdgeOfTheCalendarAreIgnoredOrRefusedNeverAFault(string page, HttpStatusCode expected)
    {
        using var client = await SignedInAsync(DemoDataSeeder.ReceptionEmail);

        using var response = await client.GetAsync(page);

        Assert.Equal(expected, response.StatusCode);
    }
}
