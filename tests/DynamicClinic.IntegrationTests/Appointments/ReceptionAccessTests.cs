using System.Net;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Appointments;

/// <summary>Every reception route refuses anonymous visitors (sign in) and clinicians (403), GET and POST alike.</summary>
public class ReceptionAccessTests : IClassFixture<ReceptionAccessTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _site;
    private string _reference = "";

    public ReceptionAccessTests(Factory site) => _site = site;

    public async Task InitializeAsync()
    {
        await _site.SeedDemoDataAsync();
        _reference = await _site.WithDbAsync(db => db.Appointments.OrderBy(a => a.Id).Select(a => a.Reference).FirstAsync());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private IEnumerable<string> GetRoutes() =>
    [
        $"/staff/appointments/{_reference}",
        $"/staff/appointments/{_reference}/move",
        "/staff/appointments/new",
        "/staff/calendar/block",
    ];

    private IEnumerable<string> PostRoutes() =>
    [
        $"/staff/appointments/{_reference}/status",
        $"/staff/appointments/{_reference}/cancel",
        $"/staff/appointments/{_reference}/move",
        "/staff/appointments/new",
        "/staff/calendar/block",
        "/staff/calendar/block/1/remove",
    ];

    [Fact]
    public async Task AnonymousVisitorsAreSentToSignIn()
    {
        using var client = _site.CreateClient();

        foreach (var route in GetRoutes())
        {
            using var response = await client.GetAsync(route);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/staff/sign-in", response.Headers.Location!.AbsolutePath);
        }
    }

    [Fact]
    public async Task ClinicianIsRefusedEveryRouteAndChangesNothing()
    {
        using var client = _site.CreateClient();
        await client.SignInAsStaffAsync(DemoDataSeeder.ClinicianEmail);
        var token = HtmlForms.HiddenFields(await client.GetStringAsync("/staff"), "/staff/sign-out");
        var before = await _site.WithDbAsync(db => db.AuditEntries.CountAsync());

        foreach (var route in GetRoutes())
        {
            using var response = await client.GetAsync(route);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        foreach (var route in PostRoutes())
        {
            using var response = await client.PostAsync(route, new Dictionary<string, string>(token) { ["Status"] = "Arrived", ["Reason"] = "x" });
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Equal(before, await _site.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryTokenIsRefused()
    {
        using var client = _site.CreateClient();
        await client.SignInAsStaffAsync(DemoDataSeeder.ReceptionEmail);

        using var response = await client.PostAsync($"/staff/appointments/{_reference}/cancel", new Dictionary<string, string> { ["Reason"] = "Forged" });

        // Refused: the appointment is untouched, and reception is sent back with "This form expired" rather than a bare 400.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Booked", await _site.WithDbAsync(db => db.Appointments.Where(a => a.Reference == _reference).Select(a => a.Status.ToString()).SingleAsync()));
    }
}
