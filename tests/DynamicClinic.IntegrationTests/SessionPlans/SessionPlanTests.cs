using System.Net;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.SessionPlans;
using DynamicClinic.IntegrationTests.Appointments;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using static DynamicClinic.IntegrationTests.Appointments.ReceptionTestData;

namespace DynamicClinic.IntegrationTests.SessionPlans;

/// <summary>
/// Dr Ayesha (the demo clinician account, clinician 1) plans mesotherapy courses; "now" is Friday 27 November 2026.
/// Each test uses its own patient and weekday so the tests do not share time.
/// </summary>
public class SessionPlanTests : IClassFixture<SessionPlanTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _site;
    private int _meso;

    public SessionPlanTests(Factory site) => _site = site;

    public async Task InitializeAsync()
    {
        await _site.SeedDemoDataAsync();
        _meso = await TreatmentIdAsync(_site, "mesotherapy");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpClient> SignedInAsync(string email) => _site.SignedInClientAsync(email);

    private Task<int> PatientAsync(string phone) =>
        _site.WithDbAsync(async db =>
        {
            var patient = new Domain.Patients.Patient { FullName = "Plan Patient " + phone[^4..], PhoneE164 = phone, CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow };
            db.Patients.Add(patient);
            await db.SaveChangesAsync();
            return patient.Id;
        });

    private string ProposalPage(int patientId, string day, int initial = 6, int maintenance = 3, string start = "2026-11-30") =>
        $"/staff/plans/new?PatientId={patientId}&propose=true&TreatmentId={_meso}&StartDate={start}&PreferredDay={day}&PreferredTime=10:00&Sessions={initial}&Sessions={maintenance}";

    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string proposalHtml, Dictionary<string, string>? changes = null)
    {
        var fields = HtmlForms.HiddenFields(proposalHtml, "/staff/plans/new");
        foreach (var (key, value) in changes ?? [])
        {
            fields[key] = value;
        }

        // Multi-valued fields (sessions per phase) are posted once per value.
        var pairs = fields.Where(f => f.Key != "Sessions").Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).ToList();
        pairs.AddRange(SessionCounts(proposalHtml).Select(v => new KeyValuePair<string, string>("Sessions", v)));
        using var content = new FormUrlEncodedContent(pairs);
        return await client.PostAsync("/staff/plans/new", content);
    }

    private static IEnumerable<string> SessionCounts(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "name=\"Sessions\" value=\"(\\d+)\"").Select(m => m.Groups[1].Value);

    private Task<List<Appointment>> SessionsOfAsync(int patientId) =>
        _site.WithDbAsync(db => db.Appointments.AsNoTracking().Include(a => a.TimeBlocks).Where(a => a.PatientId == patientId).OrderBy(a => a.SessionNumber).ToListAsync());

    [Fact]
    public async Task ACourseBookedAtOnceSendsOneEmailWithEveryDateAndOneCalendarFile()
    {
        var patient = await _site.WithDbAsync(async db =>
        {
            var p = new Domain.Patients.Patient { FullName = "Course Patient", PhoneE164 = "+923330000077", Email = "course@example.test", CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow };
            db.Patients.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });
        using var client = await SignedInAsync(DemoDataSeeder.ClinicianEmail);

        // Next summer: no other test's sessions reach these Wednesdays.
        var proposal = WebUtility.HtmlDecode(await client.GetStringAsync(ProposalPage(patient, "Wednesday", start: "2027-06-01")));
        using var confirmed = await ConfirmAsync(client, proposal);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var sessions = await SessionsOfAsync(patient);
        Assert.Equal(9, sessions.Count);
        var ids = sessions.Select(s => s.Id).ToList();
        var emails = await _site.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.AppointmentId != null && ids.Contains(m.AppointmentId.Value)).ToListAsync());
        var email = Assert.Single(emails);
        Assert.Equal("CourseBooked", email.Kind);
        Assert.Equal("course@example.test", email.ToAddress);
        foreach (var session in sessions)
        {
            Assert.Contains(session.Reference, email.TextBody, StringComparison.Ordinal);
            Assert.Contains($"/booking/{session.Reference}?token=", email.TextBody, StringComparison.Ordinal);
        }

        var calendar = Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(email.AttachmentContent!))!;
        Assert.Equal(9, calendar.Events.Count);
        Assert.Equal(sessions.Select(s => s.StartUtc), calendar.Events.Select(e => e.DtStart!.AsUtc).Order());
    }

    [Fact]
    public async Task AClinicianPlansMesotherapyAndEverySessionIsBooked()
    {
        var patient = await PatientAsync("+923330000001");
        using var client = await SignedInAsync(DemoDataSeeder.ClinicianEmail);

        var proposal = WebUtility.HtmlDecode(await client.GetStringAsync(ProposalPage(patient, "Wednesday")));
        using var confirmed = await ConfirmAsync(client, proposal);

        Assert.Contains("All 9 sessions are free at the preferred time.", proposal, StringComparison.Ordinal);
        Assert.Contains("Wed 2 Dec 2026, 10:00", proposal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(confirmed.Headers.Location));
        Assert.Contains("Plan booked: 9 sessions.", page, StringComparison.Ordinal);
        Assert.Contains("Next: session 1 of 9.", page, StringComparison.Ordinal);

        var sessions = await SessionsOfAsync(patient);
        Assert.Equal(Enumerable.Range(1, 9), sessions.Select(s => s.SessionNumber!.Value));
        Assert.All(sessions, s => Assert.Equal(AppointmentSource.SessionPlan, s.Source));
        Assert.All(sessions, s => Assert.Equal(9, s.TimeBlocks.Count));
        Assert.Equal(Utc(12, 2, 10), sessions[0].StartUtc);
        Assert.Equal(Utc(12, 9, 10), sessions[1].StartUtc);
        var plan = await _site.WithDbAsync(db => db.SessionPlans.AsNoTracking().SingleAsync(p => p.PatientId == patient));
        Assert.Equal("Initial phase: 6 weekly; Maintenance: 3 monthly", plan.PhasesSummary);
        Assert.True(await _site.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.PlanCreated && e.PatientId == patient)));
    }

    [Fact]
    public async Task AClashComesWithTheNearestFreeTimesAndTheChosenOneIsBooked()
    {
        var patient = await PatientAsync("+923330000002");
        await AddAsync(_site, 1, Utc(12, 10, 10, 0));
        using var client = await SignedInAsync(DemoDataSeeder.ClinicianEmail);

        var proposal = WebUtility.HtmlDecode(await client.GetStringAsync(ProposalPage(patient, "Thursday")));
        using var confirmed = await ConfirmAsync(client, proposal, new() { ["Chosen[1]"] = Slot(1, Utc(12, 10, 10, 30)) });

        Assert.Contains("1 of 9 sessions clash", proposal, StringComparison.Ordinal);
        Assert.Contains("Nearest free times for session 2", proposal, StringComparison.Ordinal);
        Assert.Contains($"value=\"{Slot(1, Utc(12, 10, 10, 30))}\"", proposal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(Utc(12, 10, 10, 30), (await SessionsOfAsync(patient))[1].StartUtc);
    }

    [Fact]
    public async Task AConfirmationThatMeetsATakenTimeBooksNothing()
    {
        var patient = await PatientAsync("+923330000003");
        using var client = await SignedInAsync(DemoDataSeeder.ClinicianEmail);
        var proposal = WebUtility.HtmlDecode(await client.GetStringAsync(ProposalPage(patient, "Friday")));
        var appointments = await _site.WithDbAsync(db => db.Appointments.CountAsync());

        // Reception books the fourth Friday's 10:00 while the clinician is still looking at the proposal.
        await AddAsync(_site, 1, Utc(12, 25, 10, 15));
        using var confirmed = await ConfirmAsync(client, proposal);
        var html = WebUtility.HtmlDecode(await confirmed.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Conflict, confirmed.StatusCode);
        Assert.Contains("Session 4 cannot have the chosen time. Nothing was booked", html, StringComparison.Ordinal);
        Assert.Empty(await SessionsOfAsync(patient));
        Assert.False(await _site.WithDbAsync(db => db.SessionPlans.AnyAsync(p => p.PatientId == patient)));
        Assert.Equal(appointments + 1, await _site.WithDbAsync(db => db.Appointments.CountAsync()));
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public async Task AStartDateAtTheEdgeOfTheCalendarIsRefusedAndNothingIsBooked(string start)
    {
        var patient = await PatientAsync(start[0] == '0' ? "+923330000011" : "+923330000012");
        using var client = await SignedInAsync(DemoDataSeeder.ClinicianEmail);

        var asked = WebUtility.HtmlDecode(await client.GetStringAsync(ProposalPage(patient, "Monday", start: start)));
        var proposal = WebUtility.HtmlDecode(await client.GetStringAsync(ProposalPage(patient, "Monday")));
        using var confirmed = await ConfirmAsync(client, proposal, new() { ["StartDate"] = start });
        var html = WebUtility.HtmlDecode(await confirmed.Content.ReadAsStringAsync());

        Assert.Contains("between 2000 and 2100", asked, StringComparison.Ordinal);
        Assert.DoesNotContain("Proposed sessions", asked, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, confirmed.StatusCode);
        Assert.Contains("Enter a date between 2000 and 2100.", html, StringComparison.Ordinal);
        Assert.Empty(await SessionsOfAsync(patient));
        Assert.False(await _site.WithDbAsync(db => db.SessionPlans.AnyAsync(p => p.PatientId == patient)));
    }

    [Fact]
    public async Task CountsOutsideTheTemplateAreRefused()
    {
        var patient = await PatientAsync("+923330000004");
        using var client = await SignedInAsync(DemoDataSeeder.ClinicianEmail);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(ProposalPage(patient, "Monday", initial: 5)));

        Assert.Contains("Initial phase: choose from 6 to 8 sessions.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Proposed sessions", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscontinuingNeedsAReasonAndCancelsTheUpcomingSessions()
    {
        var patient = await PatientAsync("+923330000005");
        using var client = await SignedInAsync(DemoDataSeeder.ClinicianEmail);
        using var confirmed = await ConfirmAsync(client, WebUtility.HtmlDecode(await client.GetStringAsync(ProposalPage(patient, "Tuesday"))));
        var planPage = confirmed.Headers.Location!.OriginalString;

        var fields = HtmlForms.HiddenFields(await client.GetStringAsync(planPage), $"{planPage}/end");
        using var noReason = await client.PostAsync($"{planPage}/end", new Dictionary<string, string>(fields) { ["Outcome"] = "Discontinued", ["Reason"] = "" });
        var stillActive = await _site.WithDbAsync(db => db.SessionPlans.AsNoTracking().SingleAsync(p => p.PatientId == patient));
        using var ended = await client.PostAsync($"{planPage}/end", new Dictionary<string, string>(fields) { ["Outcome"] = "Discontinued", ["Reason"] = "Patient moving abroad" });

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Give the reason the plan is discontinued.", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(SessionPlanStatus.Active, stillActive.Status);
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        var plan = await _site.WithDbAsync(db => db.SessionPlans.AsNoTracking().SingleAsync(p => p.PatientId == patient));
        Assert.Equal(SessionPlanStatus.Discontinued, plan.Status);
        Assert.Equal("Patient moving abroad", plan.EndReason);
        Assert.All(await SessionsOfAsync(patient), s =>
        {
            Assert.Equal(AppointmentStatus.Cancelled, s.Status);
            Assert.Empty(s.TimeBlocks);
        });
    }

    [Fact]
    public async Task AMissedSessionIsBookedAgainWithoutDisturbingTheRest()
    {
        var patient = await PatientAsync("+923330000006");
        using var client = await SignedInAsync(DemoDataSeeder.ClinicianEmail);
        using var confirmed = await ConfirmAsync(client, WebUtility.HtmlDecode(await client.GetStringAsync(ProposalPage(patient, "Saturday", start: "2026-12-05"))));
        var planPage = confirmed.Headers.Location!.OriginalString;
        // Session 1 (Saturday 5 December) is missed: recorded as such directly, the rules of when are reception's.
        await _site.WithDbAsync(async db =>
        {
            var first = await db.Appointments.Include(a => a.TimeBlocks).SingleAsync(a => a.PatientId == patient && a.SessionNumber == 1);
            first.ChangeStatus(AppointmentStatus.NoShow, DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        var before = await SessionsOfAsync(patient);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(planPage));
        var choose = await client.GetStringAsync($"{planPage}/sessions/1/rebook?date=2026-12-07");
        var fields = HtmlForms.HiddenFields(choose, $"{planPage}/sessions/1/rebook");
        fields["slot"] = Slot(1, Utc(12, 7, 11, 0));
        using var rebooked = await client.PostAsync($"{planPage}/sessions/1/rebook", fields);

        Assert.Contains("1 missed", page, StringComparison.Ordinal);
        Assert.Contains("Book again", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, rebooked.StatusCode);
        var after = await SessionsOfAsync(patient);
        Assert.Equal(before.Count + 1, after.Count);
        var again = Assert.Single(after, s => s.SessionNumber == 1 && s.Status == AppointmentStatus.Booked);
        Assert.Equal(Utc(12, 7, 11, 0), again.StartUtc);
        Assert.Equal(before.Where(s => s.SessionNumber > 1).Select(s => s.StartUtc), after.Where(s => s.SessionNumber > 1).Select(s => s.StartUtc));
        Assert.DoesNotContain("Book again", await client.GetStringAsync(planPage), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASessionIsMovedWithoutDisturbingTheRest()
    {
        // Thursdays from April 2027: after every other test's sessions, so the proposal is all free whatever the order.
        var patient = await PatientAsync("+923330000008");
        using var client = await SignedInAsync(DemoDataSeeder.ClinicianEmail);
        using var confirmed = await ConfirmAsync(client, WebUtility.HtmlDecode(await client.GetStringAsync(ProposalPage(patient, "Thursday", start: "2027-04-08"))));
        var planPage = confirmed.Headers.Location!.OriginalString;
        var before = await SessionsOfAsync(patient);
        var third = before.Single(s => s.SessionNumber == 3);

        var choose = await client.GetStringAsync($"{planPage}/sessions/{third.Reference}/move?date=2027-04-24");
        var fields = HtmlForms.HiddenFields(choose, $"{planPage}/sessions/{third.Reference}/move");
        fields["slot"] = Slot(1, Utc2027(4, 24, 14, 0));
        using var moved = await client.PostAsync($"{planPage}/sessions/{third.Reference}/move", fields);

        Assert.Contains($"value=\"{Slot(1, Utc2027(4, 24, 14, 0))}\"", choose, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var after = await SessionsOfAsync(patient);
        Assert.Equal(Utc2027(4, 24, 14, 0), after.Single(s => s.SessionNumber == 3).StartUtc);
        Assert.Equal(3, after.Single(s => s.SessionNumber == 3).SessionNumber);
        Assert.Equal(before.Where(s => s.SessionNumber != 3).Select(s => s.StartUtc), after.Where(s => s.SessionNumber != 3).Select(s => s.StartUtc));
        Assert.Contains("Session 3 moved.", WebUtility.HtmlDecode(await client.GetStringAsync(planPage)), StringComparison.Ordinal);
    }

    private static DateTime Utc2027(int month, int day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2027, month, day, hour, minute, 0, DateTimeKind.Unspecified), Karachi);

    [Fact]
    public async Task ReceptionFollowsPlansButCannotCreateOrEndThem()
    {
        var patient = await PatientAsync("+923330000007");
        using var clinician = await SignedInAsync(DemoDataSeeder.ClinicianEmail);
        using var confirmed = await ConfirmAsync(clinician, WebUtility.HtmlDecode(await clinician.GetStringAsync(ProposalPage(patient, "Monday", start: "2027-01-04"))));
        var planPage = confirmed.Headers.Location!.OriginalString;
        using var reception = await SignedInAsync(DemoDataSeeder.ReceptionEmail);
        using var anonymous = _site.CreateClient();

        using var create = await reception.GetAsync("/staff/plans/new");
        var view = await reception.GetStringAsync(planPage);
        var token = HtmlForms.HiddenFields(await reception.GetStringAsync("/staff"), "/staff/sign-out");
        using var end = await reception.PostAsync($"{planPage}/end", new Dictionary<string, string>(token) { ["Outcome"] = "Completed" });
        using var anonymousView = await anonymous.GetAsync(planPage);
        var record = WebUtility.HtmlDecode(await reception.GetStringAsync($"/staff/patients/{patient}"));

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Contains("Next: session 1 of 9.", WebUtility.HtmlDecode(view), StringComparison.Ordinal);
        Assert.DoesNotContain("End the plan", view, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, end.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymousView.StatusCode);
        Assert.Contains("Mesotherapy with Dr Ayesha Khan</a>: Active, 0 of 9 sessions done", record, StringComparison.Ordinal);
        Assert.Equal(SessionPlanStatus.Active, (await _site.WithDbAsync(db => db.SessionPlans.AsNoTracking().SingleAsync(p => p.PatientId == patient))).Status);
    }
}
