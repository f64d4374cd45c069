using System.Net;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.IntegrationTests.Notes;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DynamicClinic.IntegrationTests.Notes.NoteClient;

namespace DynamicClinic.IntegrationTests.Patients;

/// <summary>
/// Who sees a patient's chart, route by role by relationship: the treating clinician sees every signed note (a
/// colleague's too); another clinician only after giving a reason, which is audited and listed for admins; reception
/// never sees clinical content; admins see it all; anonymous visitors are sent to sign in. Every view is audited.
/// </summary>
public class PatientChartAccessTests : IClassFixture<PatientChartAccessTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private const string ThirdClinicianEmail = "dr.hina@dynamicclinic.test";
    private const string AyeshaSecret = "ChartQZX-ayesha crown thinning";
    private const string OmarSecret = "ChartQZX-omar donor area good";

    private readonly Factory _site;
    private int _patientId;
    private string _ayeshaReference = "";

    public PatientChartAccessTests(Factory site) => _site = site;

    public async Task InitializeAsync()
    {
        await _site.SeedDemoDataAsync();
        await NoteTestData.EnsureOtherClinicianAsync(_site);
        await EnsureHinaAsync();

        var phone = PatientTestData.NewPhone();
        _patientId = await PatientTestData.AddPatientAsync(_site, "Chart Matrix", phone);
        // A consultation with Dr Omar, then a session with Dr Ayesha, each with a signed note.
        var omarReference = await NoteTestData.AddAsync(_site, AppointmentStatus.Completed, clinician: "Dr Omar Farooq", startUtc: NoteTestData.Utc(day: 6), patientPhone: phone);
        _ayeshaReference = await NoteTestData.AddAsync(_site, AppointmentStatus.Completed, session: true, startUtc: NoteTestData.Utc(day: 20), patientPhone: phone);
        await WriteAndSignAsync(NoteTestData.OtherClinicianEmail, omarReference, SessionNoteTests.CompleteConsultation(OmarSecret));
        await WriteAndSignAsync(DemoDataSeeder.ClinicianEmail, _ayeshaReference, SessionNoteTests.CompleteSession(AyeshaSecret));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string[] Routes() => [PatientText(_patientId), Page(_ayeshaReference)];

    private static string PatientText(int id) => $"/staff/patients/{id}";

    [Fact]
    public async Task AnonymousIsSentToSignInFromEveryRoute()
    {
        using var client = _site.CreateClient();
        foreach (var route in Routes())
        {
            using var response = await client.GetAsync(route);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/staff/sign-in", response.Headers.Location!.AbsolutePath);
        }

        var token = HttpClientExtensions.AntiforgeryToken(await client.GetStringAsync("/staff/sign-in"));
        using var posted = await client.PostAsync($"/staff/patients/{_patientId}/reason", new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Reason"] = "Anonymous wants to read the chart" });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/staff/sign-in", posted.Headers.Location!.AbsolutePath);
        Assert.Empty(await PatientTestData.AuditAsync(_site, _patientId, AuditActions.ChartOpenedWithReason));
    }

    [Fact]
    public async Task ReceptionSeesTheRecordButNoClinicalContentAnywhere()
    {
        using var client = await SignedInAsync(DemoDataSeeder.ReceptionEmail);

        using var record = await client.GetAsync(PatientText(_patientId));
        Assert.Equal(HttpStatusCode.OK, record.StatusCode);
        var html = await record.Content.ReadAsStringAsync();
        Assert.Contains("Chart Matrix", html, StringComparison.Ordinal);
        Assert.DoesNotContain("ChartQZX", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Clinical notes", html, StringComparison.Ordinal);

        using var note = await client.GetAsync(Page(_ayeshaReference));
        Assert.Equal(HttpStatusCode.Forbidden, note.StatusCode);
        Assert.DoesNotContain("ChartQZX", await note.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Reception cannot "break the glass" either.
        using var reason = await client.PostAsync($"/staff/patients/{_patientId}/reason", await TokenFieldsAsync(client, ("Reason", "I would like to read the notes please")));
        Assert.Equal(HttpStatusCode.Forbidden, reason.StatusCode);
        Assert.Empty(await PatientTestData.AuditAsync(_site, _patientId, AuditActions.ChartOpenedWithReason));
    }

    [Fact]
    public async Task AdminSeesEveryNoteAndEachViewIsAudited()
    {
        using var client = await SignedInAsync(DemoDataSeeder.AdminEmail);
        var before = (await PatientTestData.AuditAsync(_site, _patientId, AuditActions.PatientViewed)).Count;

        var html = await OkAsync(client, PatientText(_patientId));
        Assert.Contains(AyeshaSecret, html, StringComparison.Ordinal);
        Assert.Contains(OmarSecret, html, StringComparison.Ordinal);
        Assert.Contains(AyeshaSecret, await OkAsync(client, Page(_ayeshaReference)), StringComparison.Ordinal);

        Assert.Equal(before + 1, (await PatientTestData.AuditAsync(_site, _patientId, AuditActions.PatientViewed)).Count);
    }

    [Fact]
    public async Task TheTreatingClinicianSeesTheirOwnAndColleaguesSignedNotes()
    {
        using var client = await SignedInAsync(DemoDataSeeder.ClinicianEmail);

        var html = await OkAsync(client, PatientText(_patientId));
        Assert.Contains(AyeshaSecret, html, StringComparison.Ordinal);
        Assert.Contains(OmarSecret, html, StringComparison.Ordinal);
        Assert.Contains("Clinical notes", html, StringComparison.Ordinal);
        // Contact details and appointments, but not the front desk's edit and merge actions.
        Assert.Contains("Past appointments", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/edit\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/merge\"", html, StringComparison.Ordinal);
        Assert.Contains(AyeshaSecret, await OkAsync(client, Page(_ayeshaReference)), StringComparison.Ordinal);
        Assert.Single(await _site.WithDbAsync(db => db.AuditEntries.Where(e => e.PatientId == _patientId && e.Action == AuditActions.PatientViewed && e.ActorName.Contains("Ayesha")).ToListAsync()));

        // The front desk's own pages stay closed to clinicians.
        foreach (var route in new[] { "/staff/patients", $"/staff/patients/{_patientId}/edit", $"/staff/patients/{_patientId}/merge" })
        {
            using var response = await client.GetAsync(route);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task AnAppointmentInTheNext30DaysMakesATreatingClinicianOneFurtherAwayDoesNot()
    {
        var soon = await PatientTestData.AddPatientAsync(_site, "Chart Soon");
        var later = await PatientTestData.AddPatientAsync(_site, "Chart Later");
        var cancelled = await PatientTestData.AddPatientAsync(_site, "Chart Cancelled");
        // PatientTestData books with the first clinician, Dr Ayesha.
        await PatientTestData.AddAppointmentAsync(_site, soon, TimeSpan.FromDays(20));
        await PatientTestData.AddAppointmentAsync(_site, later, TimeSpan.FromDays(40));
        await PatientTestData.AddAppointmentAsync(_site, cancelled, TimeSpan.FromDays(-3), AppointmentStatus.Cancelled);
        using var client = await SignedInAsync(DemoDataSeeder.ClinicianEmail);

        Assert.Contains("Chart Soon", await OkAsync(client, PatientText(soon)), StringComparison.Ordinal);
        foreach (var id in new[] { later, cancelled })
        {
            using var response = await client.GetAsync(PatientText(id));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("Give a reason to open this record", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnotherClinicianIsAskedForAReasonThenSeesTheChartAndAdminsSeeTheReason()
    {
        using var client = await SignedInAsync(ThirdClinicianEmail);

        foreach (var route in Routes())
        {
            using var refused = await client.GetAsync(route);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var page = await refused.Content.ReadAsStringAsync();
            Assert.Contains("Give a reason to open this record", page, StringComparison.Ordinal);
            Assert.DoesNotContain("ChartQZX", page, StringComparison.Ordinal);
        }

        Assert.Empty(await _site.WithDbAsync(db => db.AuditEntries.Where(e => e.PatientId == _patientId && e.ActorName.Contains("Hina")).ToListAsync()));

        // Too short a reason: a message beside the field, nothing recorded, still closed.
        using (var tooShort = await client.PostFormAsync("/staff", $"/staff/patients/{_patientId}/reason", new Dictionary<string, string> { ["Reason"] = "need it" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
            Assert.Contains("id=\"Reason-error\"", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Empty(await PatientTestData.AuditAsync(_site, _patientId, AuditActions.ChartOpenedWithReason));

        const string Reason = "Covering the clinic of Dr Ayesha while she is away";
        using (var given = await client.PostFormAsync("/staff", $"/staff/patients/{_patientId}/reason", new Dictionary<string, string> { ["Reason"] = Reason }))
        {
            Assert.Equal(HttpStatusCode.Redirect, given.StatusCode);
            Assert.Equal(PatientText(_patientId), given.Headers.Location!.OriginalString);
        }

        var html = await OkAsync(client, PatientText(_patientId));
        Assert.Contains(AyeshaSecret, html, StringComparison.Ordinal);
        Assert.Contains(OmarSecret, html, StringComparison.Ordinal);
        Assert.Contains(AyeshaSecret, await OkAsync(client, Page(_ayeshaReference)), StringComparison.Ordinal);

        var entry = Assert.Single(await PatientTestData.AuditAsync(_site, _patientId, AuditActions.ChartOpenedWithReason));
        Assert.Contains("Hina", entry.ActorName, StringComparison.Ordinal);
        Assert.Contains(Reason, entry.After!, StringComparison.Ordinal);
        Assert.Single(await _site.WithDbAsync(db => db.AuditEntries.Where(e => e.PatientId == _patientId && e.Action == AuditActions.PatientViewed && e.ActorName.Contains("Hina")).ToListAsync()));

        // Admins find every such reason in the audit log.
        using var admin = await SignedInAsync(DemoDataSeeder.AdminEmail);
        var log = WebUtility.HtmlDecode(await OkAsync(admin, "/staff/admin/audit?action=" + AuditActions.ChartOpenedWithReason));
        Assert.Contains(Reason, log, StringComparison.Ordinal);

    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = _site.CreateClient();
        await client.SignInAsStaffAsync(email);
        return client;
    }

    private static async Task<string> OkAsync(HttpClient client, string route)
    {
        using var response = await client.GetAsync(route);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<FormUrlEncodedContent> TokenFieldsAsync(HttpClient client, params (string Name, string Value)[] fields)
    {
        var token = HttpClientExtensions.AntiforgeryToken(await client.GetStringAsync("/staff"));
        return new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token)));
    }

    private async Task WriteAndSignAsync(string email, string reference, IEnumerable<(string, string)> fields)
    {
        using var client = await SignedInAsync(email);
        using (var saved = await client.SubmitAsync(reference, "", fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using var signed = await client.SubmitAsync(reference, "sign", [("Confirm", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
    }

    /// <summary>A staff account for Dr Hina Raza, a clinician with no appointment with the patient.</summary>
    private Task EnsureHinaAsync() =>
        _site.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<StaffUser>>();
            if (await users.FindByEmailAsync(ThirdClinicianEmail) is not null)
            {
                return;
            }

            var user = new StaffUser { UserName = ThirdClinicianEmail, Email = ThirdClinicianEmail, EmailConfirmed = true, DisplayName = "Dr Hina Raza" };
            Assert.True((await users.CreateAsync(user, DemoDataSeeder.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, StaffRoles.Clinician)).Succeeded);
            var db = services.GetRequiredService<ClinicDbContext>();
            var hina = await db.Clinicians.SingleAsync(c => c.DisplayName == "Dr Hina Raza");
            hina.StaffUserId = user.Id;
            await db.SaveChangesAsync();
        });
}
