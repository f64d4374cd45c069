using System.Data.Common;
using System.Net;
using System.Runtime.CompilerServices;
using DynamicClinic.Data;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Features.Patients;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DynamicClinic.IntegrationTests.Patients;

/// <summary>Finding a patient by name, mobile number, email or booking reference, a page at a time.</summary>
public class PatientSearchTests : IClassFixture<PatientSearchTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory
    {
        public CommandCounter Counter { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.ConfigureDbContext<ClinicDbContext>(options => options.AddInterceptors(Counter)));
        }
    }

    private readonly Factory _factory;

    public PatientSearchTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => await _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpClient> ReceptionAsync() => _factory.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);

    private static async Task<string> SearchAsync(HttpClient client, string query, int page = 1)
    {
        using var response = await client.GetAsync($"/staff/patients?q={Uri.EscapeDataString(query)}&page={page}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PatientTestData.Text(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("zarmeena")]
    [InlineData("ZARMEENA QURESHI")]
    [InlineData("eena Qur")]
    public async Task FindsByAnyPartOfTheNameInAnyCase(string query)
    {
        var id = await PatientTestData.AddPatientAsync(_factory, "Zarmeena Qureshi");
        using var client = await ReceptionAsync();

        var html = await SearchAsync(client, query);

        Assert.Contains($"href=\"/staff/patients/{id}\">Zarmeena Qureshi</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindsByThePhoneNumberHoweverItIsTyped()
    {
        var phone = PatientTestData.NewPhone();
        var id = await PatientTestData.AddPatientAsync(_factory, "Phone Found", phone);
        using var client = await ReceptionAsync();

        var national = PatientTestData.Typed(phone);            // 0300 5500007
        var international = "+92 " + phone[3..6] + " " + phone[6..]; // +92 300 5500007
        var lastDigits = phone[^6..];                             // 500007: some of the digits
        var partialNational = national[..8];                      // "0300 550": the national 0 and part of the number
        foreach (var query in new[] { national, international, phone, lastDigits, partialNational })
        {
            var html = await SearchAsync(client, query);
            Assert.Contains($"href=\"/staff/patients/{id}\">Phone Found</a>", html, StringComparison.Ordinal);
        }

        // The number is shown for reading, not as stored.
        Assert.Contains("+92 300 " + phone[6..], await SearchAsync(client, national), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindsByEmailInAnyCase()
    {
        var id = await PatientTestData.AddPatientAsync(_factory, "Email Found", email: "Rare.Address@Example.test");
        using var client = await ReceptionAsync();

        foreach (var query in new[] { "rare.address@example.test", "RARE.ADDRESS", "address@example" })
        {
            var html = await SearchAsync(client, query);
            Assert.Contains($"href=\"/staff/patients/{id}\">Email Found</a>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task FindsThePatientOfABookingReferenceAndShowsTheirNextAppointment()
    {
        var id = await PatientTestData.AddPatientAsync(_factory, "Reference Owner");
        var reference = await PatientTestData.AddAppointmentAsync(_factory, id, TimeSpan.FromDays(3));
        using var client = await ReceptionAsync();

        foreach (var query in new[] { reference, reference.ToLowerInvariant(), reference[3..] })
        {
            var html = await SearchAsync(client, query);
            Assert.Contains($"href=\"/staff/patients/{id}\">Reference Owner</a>", html, StringComparison.Ordinal);
            Assert.Contains("1 patient", html, StringComparison.Ordinal);
        }

        // 05:00 UTC on Monday 30 November is 10:00 in Islamabad.
        Assert.Contains("Mon 30 Nov 2026, 10:00", await SearchAsync(client, reference), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeavesOutRecordsMergedIntoAnother()
    {
        var kept = await PatientTestData.AddPatientAsync(_factory, "Tombstone Kept Ulfat");
        var merged = await PatientTestData.AddPatientAsync(_factory, "Tombstone Merged Ulfat");
        await _factory.WithDbAsync(async db =>
        {
            var p = await db.Patients.SingleAsync(x => x.Id == merged);
            p.MergedIntoPatientId = kept;
            return await db.SaveChangesAsync();
        });
        using var client = await ReceptionAsync();

        var html = await SearchAsync(client, "ulfat");

        Assert.Contains($"/staff/patients/{kept}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"/staff/patients/{merged}\"", html, StringComparison.Ordinal);
        Assert.Contains("1 patient", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PagesTwentyAtATimeWithTheTotal()
    {
        for (var i = 1; i <= 23; i++)
        {
            await PatientTestData.AddPatientAsync(_factory, $"Pagination Person {i:00}");
        }

        using var client = await ReceptionAsync();

        var first = await SearchAsync(client, "pagination person");
        var second = await SearchAsync(client, "pagination person", 2);

        Assert.Contains("23 patients, page 1 of 2", first, StringComparison.Ordinal);
        Assert.Contains("Pagination Person 20", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Pagination Person 21", first, StringComparison.Ordinal);
        Assert.Contains("href=\"/staff/patients?q=pagination%20person&page=2\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Previous page", first, StringComparison.Ordinal);

        Assert.Contains("23 patients, page 2 of 2", second, StringComparison.Ordinal);
        Assert.Contains("Pagination Person 21", second, StringComparison.Ordinal);
        Assert.Contains("Pagination Person 23", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Pagination Person 20", second, StringComparison.Ordinal);
        Assert.Contains("Previous page", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Next page", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyQueryListsTheMostRecentlyAddedOrChangedFirst()
    {
        var now = ClinicAppFactory.DefaultNow.UtcDateTime;
        var newest = await PatientTestData.AddPatientAsync(_factory, "Newest Recent Patient", createdUtc: now.AddMinutes(5));
        var older = await PatientTestData.AddPatientAsync(_factory, "Older Recent Patient", createdUtc: now.AddMinutes(4));
        using var client = await ReceptionAsync();

        var html = await SearchAsync(client, "");

        Assert.Contains("Recently added or changed", html, StringComparison.Ordinal);
        var newestAt = html.IndexOf($"/staff/patients/{newest}\"", StringComparison.Ordinal);
        var olderAt = html.IndexOf($"/staff/patients/{older}\"", StringComparison.Ordinal);
        Assert.True(newestAt >= 0 && olderAt > newestAt, "The newest record should come first.");
    }

    [Fact]
    public async Task NoMatchSaysSo()
    {
        using var client = await ReceptionAsync();

        var html = await SearchAsync(client, "nobody-is-called-this");

        Assert.Contains("No patients match", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APageTakesTwoQueriesHoweverManyPatientsHaveAppointments()
    {
        for (var i = 1; i <= 20; i++)
        {
            var id = await PatientTestData.AddPatientAsync(_factory, $"Query Count {i:00}");
            await PatientTestData.AddAppointmentAsync(_factory, id, TimeSpan.FromDays(2) + TimeSpan.FromMinutes(30 * i));
        }

        await using var scope = _factory.Services.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<PatientSearch>();

        var (page, commands) = await _factory.Counter.CountAsync(() => search.SearchAsync("query count", 1, 20, CancellationToken.None));

        Assert.Equal(20, page.Rows.Count);
        Assert.All(page.Rows, r => Assert.NotNull(r.NextAppointment));
        Assert.Equal(2, commands);
    }

    /// <summary>
    /// Counts the SQL commands sent from inside <see cref="CountAsync"/> only (an async-local flag), so the site's
    /// background work (outbox, reminders) and other tests' requests are not counted.
    /// </summary>
    public sealed class CommandCounter : DbCommandInterceptor
    {
        private readonly AsyncLocal<StrongBox<int>?> _current = new();

        public async Task<(T Result, int Commands)> CountAsync<T>(Func<Task<T>> action)
        {
            var box = new StrongBox<int>();
            _current.Value = box;
            try
            {
                var result = await action();
                return (result, box.Value);
            }
            finally
            {
                _current.Value = null;
            }
        }

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

        private void Count()
        {
            if (_current.Value is { } box)
            {
                Interlocked.Increment(ref box.Value);
            }
        }
    }
}
