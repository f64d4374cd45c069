using System.Net;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Infrastructure.Security;

/// <summary>
/// Two instances of the site on one database, as behind a load balancer: what one issues (the sign-in cookie,
/// antiforgery tokens) the other accepts, because the Data Protection keys live in the database.
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _first = new();
    private SecondInstance? _second;

    private sealed class SecondInstance(string databasePath) : ClinicAppFactory
    {
        // On the first instance's database.
        protected override bool UseTemplateDatabase => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:ConnectionString", $"Data Source={databasePath}");
        }
    }

    public async Task InitializeAsync()
    {
        await _first.SeedDemoDataAsync();
        _second = new SecondInstance(_first.DatabasePath);
    }

    public async Task DisposeAsync()
    {
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }

        await _first.DisposeAsync();
    }

    [Fact]
    public async Task ASignInOnOneInstanceWorksOnTheOtherAndSoDoesItsAntiforgeryToken()
    {
        var cookies = new CookieContainer();
        using var first = _first.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(cookies));
        using var second = _second!.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(cookies));

        await first.SignInAsStaffAsync(DemoDataSeeder.ReceptionEmail);
        using var calendar = await second.GetAsync("/staff/calendar");
        var reference = await _first.WithDbAsync(db => db.Appointments.OrderBy(a => a.Id).Select(a => a.Reference).FirstAsync());
        var form = HtmlForms.HiddenFields(await first.GetStringAsync($"/staff/appointments/{reference}"), $"/staff/appointments/{reference}/cancel");
        form["Reason"] = "Patient phoned";
        using var cancelled = await second.PostAsync($"/staff/appointments/{reference}/cancel", form);

        Assert.Equal(HttpStatusCode.OK, calendar.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal($"/staff/appointments/{reference}", cancelled.Headers.Location!.OriginalString);
        Assert.Equal("Cancelled", await _first.WithDbAsync(db => db.Appointments.Where(a => a.Reference == reference).Select(a => a.Status.ToString()).SingleAsync()));
        Assert.Equal(1, await _first.WithDbAsync(db => db.DataProtectionKeys.CountAsync()));
    }
}
