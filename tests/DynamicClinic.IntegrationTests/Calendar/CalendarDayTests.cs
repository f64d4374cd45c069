using System.Net;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;

namespace DynamicClinic.IntegrationTests.Calendar;

/// <summary>The day view, on the demo data: appointments seeded for Saturday 28 November 2026.</summary>
public class CalendarDayTests : IClassFixture<CalendarDayTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _factory;

    public CalendarDayTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => await _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnonymousVisitorIsSentToSignIn()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync("/staff/calendar");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff/sign-in", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData(DemoDataSeeder.ReceptionEmail)]
    [InlineData(DemoDataSeeder.AdminEmail)]
    public async Task FrontDeskSeesEveryClinicianWithTheirAppointments(string email)
    {
        using var client = _factory.CreateClient();
        await client.SignInAsStaffAsync(email);

        using var response = await client.GetAsync("/staff/calendar?date=2026-11-28");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        foreach (var name in new[] { "Dr Ayesha Khan", "Dr Omar Farooq", "Dr Hina Raza", "Demo Patient One", "Demo Patient Three" })
        {
            Assert.Contains(name, html, StringComparison.Ordinal);
        }

        Assert.Contains("10:00–10:30", html, StringComparison.Ordinal);
        Assert.Contains("Booked", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClinicianSeesOnlyTheirOwnDayReadOnly()
    {
        using var client = _factory.CreateClient();
        await client.SignInAsStaffAsync(DemoDataSeeder.ClinicianEmail);

        var html = await client.GetStringAsync("/staff/calendar?date=2026-11-28");

        Assert.Contains("Dr Ayesha Khan", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Dr Omar Farooq", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Demo Patient Three", html, StringComparison.Ordinal);
        Assert.Contains("Reception makes changes", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyDayShowsWorkingHoursAndNoAppointments()
    {
        using var client = _factory.CreateClient();
        await client.SignInAsStaffAsync(DemoDataSeeder.ReceptionEmail);

        var sunday = await client.GetStringAsync("/staff/calendar?date=2026-11-29");
        var monday = await client.GetStringAsync("/staff/calendar?date=2026-11-30");

        // The grid's shading shows it; screen readers hear it with each clinician's name.
        Assert.Contains("<span class=\"cal-sr\">, not working this day</span>", sunday, StringComparison.Ordinal);
        Assert.Contains("<span class=\"cal-sr\">, working 10:00–13:00, 14:00–18:00</span>", WebUtility.HtmlDecode(monday), StringComparison.Ordinal);
    }
}
