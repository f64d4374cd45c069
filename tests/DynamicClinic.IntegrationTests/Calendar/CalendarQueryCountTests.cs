using System.Collections.Concurrent;
using System.Data.Common;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DynamicClinic.IntegrationTests.Calendar;

/// <summary>
/// No N+1: the day view, the week view and the feed send the same number of database commands for a day with 3
/// appointments as for a day with 60 (spread over the three demo clinicians, each with their own patient).
/// </summary>
public class CalendarQueryCountTests : IClassFixture<CalendarQueryCountTests.Factory>, IAsyncLifetime
{
    private static readonly DateOnly Few = new(2026, 12, 10);
    private static readonly DateOnly Many = new(2026, 12, 3);

    /// <summary>The site with a command counter added to the app's own DbContext options (after its interceptors).</summary>
    public sealed class Factory : ClinicAppFactory
    {
        private readonly SemaphoreSlim _seed = new(1, 1);
        private bool _seeded;

        public CommandCounter Counter { get; } = new();

        public int Ayesha { get; private set; }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.ConfigureDbContext<ClinicDbContext>((provider, options) =>
            {
                Counter.Requests = provider.GetRequiredService<IHttpContextAccessor>();
                options.AddInterceptors(Counter);
            }));
        }

        public async Task EnsureSeededAsync()
        {
            await _seed.WaitAsync();
            try
            {
                if (_seeded)
                {
                    return;
                }

                await SeedDemoDataAsync();
                var clinicians = (await CalendarTestData.CliniciansAsync(this)).Values.Order().ToList();
                Ayesha = (await CalendarTestData.CliniciansAsync(this))["Dr Ayesha Khan"];
                var slugs = new[] { "mesotherapy", "prp-therapy", "general-consultation" };
                for (var i = 0; i < 60; i++)
                {
                    var start = CalendarTestData.Utc(Many, 10, 0).AddMinutes(15 * (i / 3));
                    await CalendarTestData.AddAppointmentAsync(
                        this, clinicians[i % 3], start, 15, $"Many Patient {i}", status: (AppointmentStatus)(i % 5), treatmentSlug: slugs[i % 3]);
                }

                for (var i = 0; i < 3; i++)
                {
                    await CalendarTestData.AddAppointmentAsync(this, clinicians[i], CalendarTestData.Utc(Few, 11, 0), 30, $"Few Patient {i}");
                }

                _seeded = true;
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

    /// <summary>Counts the commands each request sends, by the request's path and query; background work is not counted.</summary>
    public sealed class CommandCounter : DbCommandInterceptor
    {
        private readonly ConcurrentDictionary<string, int> _counts = new();

        public IHttpContextAccessor? Requests { get; set; }

        public int For(string url) => _counts.GetValueOrDefault(url);

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Count();
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Count();
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Count();
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }

        private void Count()
        {
            if (Requests?.HttpContext?.Request is { } request)
            {
                _counts.AddOrUpdate(request.Path + request.QueryString, 1, (_, n) => n + 1);
            }
        }
    }

    private readonly Factory _factory;

    public CalendarQueryCountTests(Factory factory) => _factory = factory;

    public Task InitializeAsync() => _factory.EnsureSeededAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/staff/calendar?date={0}", 60)]
    [InlineData("/staff/calendar/week?clinician={1}&date={0}", 20)]
    [InlineData("/staff/calendar/feed?from={0}&to={0}", 60)]
    [InlineData("/staff/calendar/print?date={0}", 60)]
    public async Task SameNumberOfQueriesForThreeAppointmentsAsForSixty(string template, int manyShown)
    {
        using var client = _factory.CreateClient();
        await client.SignInAsStaffAsync(DemoDataSeeder.ReceptionEmail);
        var few = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Few.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), _factory.Ayesha);
        var many = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Many.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), _factory.Ayesha);

        var fewBody = await client.GetStringAsync(few);
        var manyBody = await client.GetStringAsync(many);

        // The pages really hold the appointments (so equal counts mean something).
        Assert.Equal(manyShown, System.Text.RegularExpressions.Regex.Matches(manyBody, "Many Patient \\d+").Select(m => m.Value).Distinct().Count());
        Assert.Contains("Few Patient", fewBody, StringComparison.Ordinal);
        var fewCommands = _factory.Counter.For(few);
        var manyCommands = _factory.Counter.For(many);
        // Five reads for the calendar, one for the week's clinician, one for the per-request session check, one for the
        // clinic's settings (read once per request, before the action), one for the inbox's unread count in the header,
        // and for reception one for whether the admins let reception see money (the header's Reports link).
        Assert.InRange(fewCommands, 1, 10);
        Assert.Equal(fewCommands, manyCommands);
    }
}
