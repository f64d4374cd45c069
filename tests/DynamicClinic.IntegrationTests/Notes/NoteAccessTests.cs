using System.Net;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Notes;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using static DynamicClinic.IntegrationTests.Notes.NoteClient;

namespace DynamicClinic.IntegrationTests.Notes;

/// <summary>Who may read and write a note: its clinician writes; other clinicians (after giving a reason) and admins read; reception never.</summary>
public class NoteAccessTests : IClassFixture<NoteAccessTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private const string Secret = "Access-QZX-1234 frontal recession";

    private readonly Factory _site;
    private string _reference = "";

    public NoteAccessTests(Factory site) => _site = site;

    public async Task InitializeAsync()
    {
        await _site.SeedDemoDataAsync();
        await NoteTestData.EnsureOtherClinicianAsync(_site);
        _reference = await NoteTestData.AddAsync(_site, AppointmentStatus.Completed, session: true);
        using var client = _site.CreateClient();
        await client.SignInAsStaffAsync(DemoDataSeeder.ClinicianEmail);
        using var saved = await client.SubmitAsync(_reference, "", SessionNoteTests.CompleteSession(Secret));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string[] GetRoutes() => [Page(_reference)];

    private string[] PostRoutes() => [Page(_reference), $"{Page(_reference)}/sign", $"{Page(_reference)}/amend"];

    private Task<SessionNote> NoteAsync() =>
        _site.WithDbAsync(db => db.SessionNotes.AsNoTracking().Include(n => n.Amendments).SingleAsync(n => n.Appointment!.Reference == _reference));

    private async Task RefusedEverywhereAsync(HttpClient client, bool readAllowed)
    {
        var before = await NoteAsync();
        var audits = await _site.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == _reference));
        var token = HtmlForms.HiddenFields(await client.GetStringAsync("/staff"), "/staff/sign-out");

        foreach (var route in PostRoutes())
        {
            using var response = await client.PostRawAsync(route, token.Select(t => (t.Key, t.Value)).Concat(
            [
                ("Version", before.Version.ToString()),
                ("f.reactions", "Overwritten"),
                ("Confirm", "true"),
                ("Reason", "Because"),
            ]));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        var after = await NoteAsync();
        Assert.Equal(before.Content, after.Content);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(NoteStatus.Draft, after.Status);
        Assert.Empty(after.Amendments);
        if (!readAllowed)
        {
            Assert.Equal(audits, await _site.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == _reference)));
        }
    }

    [Fact]
    public async Task AnonymousVisitorsAreSentToSignIn()
    {
        using var client = _site.CreateClient();

        foreach (var route in GetRoutes().Append("/staff/today"))
        {
            using var response = await client.GetAsync(route);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/staff/sign-in", response.Headers.Location!.AbsolutePath);
        }

        foreach (var route in PostRoutes())
        {
            using var response = await client.PostRawAsync(route, [("f.reactions", "x")]);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/staff/sign-in", response.Headers.Location!.AbsolutePath);
        }

        Assert.Equal(Secret, (await NoteAsync()).CurrentContent().Answer("reactions"));
    }

    [Fact]
    public async Task ReceptionIsRefusedEveryNoteRouteAndNeverSeesTheNote()
    {
        using var client = _site.CreateClient();
        await client.SignInAsStaffAsync(DemoDataSeeder.ReceptionEmail);

        foreach (var route in GetRoutes().Append("/staff/today"))
        {
            using var response = await client.GetAsync(route);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain("QZX", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await RefusedEverywhereAsync(client, readAllowed: false);

        // Reception's own pages about the same appointment show no note text either.
        var details = await client.GetStringAsync($"/staff/appointments/{_reference}");
        Assert.DoesNotContain("QZX", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherClinicianReadsButCannotWrite()
    {
        using var client = _site.CreateClient();
        await client.SignInAsStaffAsync(NoteTestData.OtherClinicianEmail);

        // Dr Omar does not treat this patient: the note, part of the patient's chart, opens only after a reason.
        using (var closed = await client.GetAsync(Page(_reference)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, closed.StatusCode);
            Assert.DoesNotContain("QZX", await closed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var patientId = await _site.WithDbAsync(db => db.Appointments.Where(a => a.Reference == _reference).Select(a => a.PatientId).SingleAsync());
        using (var reason = await client.PostFormAsync("/staff", $"/staff/patients/{patientId}/reason", new Dictionary<string, string> { ["Reason"] = "Reviewing the course with Dr Ayesha" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, reason.StatusCode);
        }

        var page = await client.GetStringAsync(Page(_reference));
        Assert.Contains(Secret, page, StringComparison.Ordinal);
        Assert.Contains("Dr Ayesha Khan&#x27;s appointment: you can read its note, not write it.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Save draft", page, StringComparison.Ordinal);

        await RefusedEverywhereAsync(client, readAllowed: true);
    }

    [Fact]
    public async Task AnAdminReadsButCannotWrite()
    {
        using var client = _site.CreateClient();
        await client.SignInAsStaffAsync(DemoDataSeeder.AdminEmail);

        using var response = await client.GetAsync(Page(_reference));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(Secret, page, StringComparison.Ordinal);
        Assert.Contains("Admins can read notes, not write them.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Save draft", page, StringComparison.Ordinal);
        Assert.True(await _site.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.EntityId == _reference && e.Action == "note.viewed" && e.ActorName.Contains("admin"))));

        await RefusedEverywhereAsync(client, readAllowed: true);

        // The clinician's day is for clinicians.
        using var today = await client.GetAsync("/staff/today");
        Assert.Equal(HttpStatusCode.Forbidden, today.StatusCode);
    }
}
