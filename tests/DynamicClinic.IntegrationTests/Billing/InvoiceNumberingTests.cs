using System.Globalization;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Features;
using DynamicClinic.Web.Features.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DynamicClinic.IntegrationTests.Billing;

/// <summary>
/// Two instances of the site on one database file, as two servers behind a load balancer: fifty drafts issued at once,
/// half through each, get the year's numbers with no gap and no repeat.
/// </summary>
public sealed class InvoiceNumberingTests : IAsyncLifetime
{
    private KestrelClinicAppFactory? _first;
    private KestrelClinicAppFactory? _second;

    public async Task InitializeAsync()
    {
        _first = new KestrelClinicAppFactory();
        _first.Start();
        await _first.SeedDemoDataAsync();
        _second = new KestrelClinicAppFactory(_first.DatabasePath);
        _second.Start();
    }

    public async Task DisposeAsync()
    {
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }

        if (_first is not null)
        {
            await _first.DisposeAsync();
        }
    }

    [Fact]
    public async Task FiftyInvoicesIssuedAtOnceAcrossTwoInstancesAreNumberedWithoutGapOrRepeat()
    {
        var drafts = new List<int>();
        for (var i = 0; i < 50; i++)
        {
            drafts.Add(await BillingTestData.DraftAsync(_first!, 1000 + i));
        }

        var sites = new ClinicAppFactory[] { _first!, _second! };
        var outcomes = await Task.WhenAll(drafts.Select((id, i) => Task.Run(async () =>
        {
            Outcome? outcome = null;
            await sites[i % 2].WithScopeAsync(async services =>
                outcome = await services.GetRequiredService<BillingDesk>().IssueAsync(id, null, CancellationToken.None));
            return outcome!;
        })));

        Assert.All(outcomes, o => Assert.IsType<Outcome.Done>(o));
        var numbers = await _first!.WithDbAsync(db => db.Invoices.AsNoTracking().Where(i => drafts.Contains(i.Id)).Select(i => i.Number!).ToListAsync());
        Assert.Equal(50, numbers.Distinct().Count());
        var sequence = numbers.Select(n => int.Parse(n["DC-2026-".Length..], CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(sequence[0], 50), sequence);
        Assert.Equal(1, sequence[0]);
        Assert.All(numbers, n => Assert.Matches(@"^DC-2026-\d{6}$", n));
        Assert.Equal(50, await _first.WithDbAsync(db => db.InvoiceNumberCounters.Where(c => c.Year == 2026).Select(c => c.LastNumber).SingleAsync()));
    }
}
