using System.Net;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using static DynamicClinic.IntegrationTests.Notes.NoteClient;

namespace DynamicClinic.IntegrationTests.Notes;

/// <summary>The clinician's day at /staff/today (the tests' today is Friday 27 November 2026 in Islamabad).</summary>
public class TodayTests : IClassFixture<TodayTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _site;

    public TodayTests(Factory site) => _site = site;

    public Task InitializeAsync() => _site.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static int Position(string html, string text)
    {
        var at = html.IndexOf(text, StringComparison.Ordinal);
        Assert.True(at >= 0, $"The page does not show {text}.");
        return at;
    }

    [Fact]
    public async Task TheDayListsTheClinicansAppointmentsWithPlanProgressAndNoteStates()
    {
        using var client = _site.CreateClient();
        await client.SignInAsStaffAsync(DemoDataSeeder.ClinicianEmail);
        var session = await NoteTestData.AddAsync(_site, AppointmentStatus.Completed, session: true, startUtc: NoteTestData.Utc(hour: 8));
        var consultation = await NoteTestData.AddAsync(_site, AppointmentStatus.Arrived, startUtc: NoteTestData.Utc(hour: 9), patientPhone: "+923001110003");
        var later = await NoteTestData.AddAsync(_site, AppointmentStatus.Booked, startUtc: NoteTestData.Utc(hour: 16), patientPhone: "+923001110001");
        var someoneElses = await NoteTestData.AddAsync(_site, AppointmentStatus.Completed, clinician: "Dr Hina Raza", startUtc: NoteTestData.Utc(hour: 10));
        var yesterday = await NoteTestData.AddAsync(_site, AppointmentStatus.Completed, startUtc: NoteTestData.Utc(day: 26, hour: 11));
        using (var saved = await client.SubmitAsync(session, "", [("f.reactions", "Started")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using var response = await client.GetAsync("/staff/today");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();

        Assert.Contains("Today, Friday 27 November", html, StringComparison.Ordinal);
        var day = html[..Position(html, "Notes still to sign")];
        Assert.Contains("Mesotherapy, Session 3 of 8", day, StringComparison.Ordinal);
        Assert.Contains("Note in draft", day, StringComparison.Ordinal);
        Assert.Contains("No note yet", day, StringComparison.Ordinal);
        Assert.Contains(Page(session), day, StringComparison.Ordinal);
        Assert.Contains(Page(consultation), day, StringComparison.Ordinal);
        Assert.True(Position(day, Page(session)) < Position(day, Page(consultation)));
        Assert.Contains("Demo Patient One", day, StringComparison.Ordinal);
        Assert.DoesNotContain(Page(later), day, StringComparison.Ordinal);
        Assert.DoesNotContain(Page(someoneElses), html, StringComparison.Ordinal);
        Assert.DoesNotContain(Page(yesterday), day, StringComparison.Ordinal);

        var toSign = html[Position(html, "Notes still to sign")..];
        Assert.Contains(Page(session), toSign, StringComparison.Ordinal);
        Assert.Contains(Page(consultation), toSign, StringComparison.Ordinal);
        Assert.Contains(Page(yesterday), toSign, StringComparison.Ordinal);
        Assert.DoesNotContain(Page(later), toSign, StringComparison.Ordinal);
        Assert.DoesNotContain("Started", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignedNoteLeavesTheListOfNotesToSign()
    {
        using var client = _site.CreateClient();
        await client.SignInAsStaffAsync(DemoDataSeeder.ClinicianEmail);
        var reference = await NoteTestData.AddAsync(_site, AppointmentStatus.Completed, startUtc: NoteTestData.Utc(day: 20));
        var old = await NoteTestData.AddAsync(_site, AppointmentStatus.Completed, startUtc: NoteTestData.Utc(day: 20).AddDays(-40));
        var before = await client.GetStringAsync("/staff/today");
        Assert.Contains(Page(reference), before, StringComparison.Ordinal);
        Assert.DoesNotContain(Page(old), before, StringComparison.Ordinal);

        using (var saved = await client.SubmitAsync(reference, "", SessionNoteTests.CompleteConsultation()))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using (var signed = await client.SubmitAsync(reference, "sign", [("Confirm", "true")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        }

        Assert.DoesNotContain(Page(reference), await client.GetStringAsync("/staff/today"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheClinicianHomeAndNavigationLinkToToday()
    {
        using var client = _site.CreateClient();
        await client.SignInAsStaffAsync(DemoDataSeeder.ClinicianEmail);

        var home = await client.GetStringAsync("/staff");

        Assert.Contains("<a href=\"/staff/today\">Today</a>", home, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/staff/today\">Today and session notes</a>", home, StringComparison.Ordinal);
    }
}
