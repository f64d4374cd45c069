using System.Diagnostics;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.IntegrationTests.Infrastructure.Email;
using DynamicClinic.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace DynamicClinic.IntegrationTests.Booking;

/// <summary>
/// Two instances of the site on Kestrel (HTTPS on 127.0.0.1), one SQLite database file and one real SMTP server, as two
/// servers behind a load balancer: patients race for the same times through both, and both outbox senders run.
/// </summary>
public sealed class TwoInstancesBookingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Slots = 20;
    private const int VisitorsPerSlot = 10;
    private const string Treatment = "mesotherapy";

    private readonly SmtpTestServer _smtp = new() { SaveDelay = TimeSpan.FromMilliseconds(20) };
    private KestrelClinicAppFactory? _first;
    private KestrelClinicAppFactory? _second;

    public async Task InitializeAsync()
    {
        await _smtp.StartAsync();
        _first = new KestrelClinicAppFactory(smtpPort: _smtp.Port);
        _first.Start();
        await _first.SeedDemoDataAsync();
        _second = new KestrelClinicAppFactory(_first.DatabasePath, _smtp.Port);
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

        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task TwoHundredConfirmationsForTwentyTimesThroughBothInstancesBookTwentyAndEmailEachOnce()
    {
        var sites = new[] { _first!.BaseAddress, _second!.BaseAddress };
        using var http = LoopbackHttps.CreateClient(connections: 64);
        var monday = new DateOnly(2026, 11, 30);
        var slots = BookingVisitorOverHttp.NonOverlapping(await BookingVisitorOverHttp.FreeSlotsAsync(http, sites[0], Treatment, monday, monday.AddDays(1)))
            .Take(Slots).ToList();
        Assert.Equal(Slots, slots.Count);

        // Ten patients want each time; each fills in the form on one instance and confirms on one (often the other).
        var visitors = Enumerable.Range(0, Slots * VisitorsPerSlot)
            .Select(i => new BookingVisitorOverHttp(http, i, Treatment, slots[i / VisitorsPerSlot].Slot))
            .ToList();
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(visitors, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (v, _) => await v.PrepareAsync(sites[v.Index % 2]));
        output.WriteLine($"Prepared {visitors.Count} review pages in {stopwatch.Elapsed.TotalSeconds:0.0} s");

        stopwatch.Restart();
        var outcomes = await Task.WhenAll(visitors.Select(v => Task.Run(() => v.ConfirmAsync(sites[v.Index / 2 % 2]))));
        output.WriteLine($"Confirmed concurrently in {stopwatch.Elapsed.TotalSeconds:0.0} s");

        var problems = visitors.Where((v, i) => outcomes[i] is ConfirmOutcome.Other or ConfirmOutcome.NoAnswer).Select(v => $"{v.Index}: {v.Problem}").ToList();
        Assert.True(problems.Count == 0, "Not told booked or taken:\n" + string.Join("\n", problems.Take(5)));
        var booked = visitors.Where(v => v.Reference is not null).ToList();
        Assert.Equal(Slots, booked.Count);
        Assert.Equal(Slots * (VisitorsPerSlot - 1), outcomes.Count(o => o == ConfirmOutcome.Taken));
        Assert.Equal(slots.Select(s => s.Slot).Order(), booked.Select(v => v.Slot).Order());
        Assert.Equal(2, booked.Select(v => v.Index / 2 % 2).Distinct().Count());

        var stored = await _first.WithDbAsync(db => db.Appointments.AsNoTracking().Where(a => a.Patient!.PhoneE164.StartsWith("+92301"))
            .Select(a => new { a.Reference, a.Patient!.PhoneE164, Blocks = a.TimeBlocks.Count }).ToListAsync());
        Assert.Equal(booked.Select(v => (v.Reference, v.PhoneE164)).Order(), stored.Select(a => ((string?)a.Reference, a.PhoneE164)).Order());
        Assert.All(stored, a => Assert.Equal(6, a.Blocks));
        Assert.Equal(Slots, await _first.WithDbAsync(db => db.Patients.CountAsync(p => p.PhoneE164.StartsWith("+92301"))));

        // Both senders poll the one outbox every 100 ms; every confirmation reaches the SMTP server once.
        stopwatch.Restart();
        await Eventually.WaitForAsync(
            () => _first.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == EmailKinds.BookingConfirmed && m.SentUtc == null).CountAsync()),
            unsent => unsent == 0,
            "every confirmation email to be sent");
        await Task.Delay(TimeSpan.FromSeconds(1));
        output.WriteLine($"Emails sent {stopwatch.Elapsed.TotalSeconds:0.0} s after the last confirmation");

        var messages = _smtp.Messages.Where(m => m.To.Mailboxes.Any(a => a.Address.StartsWith("visitor", StringComparison.Ordinal))).ToList();
        Assert.Equal(Slots, messages.Count);
        Assert.Equal(Slots, messages.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(booked.Select(v => v.Email).Order(), messages.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.All(booked, v => Assert.Single(messages, m => m.Subject?.Contains(v.Reference!, StringComparison.Ordinal) == true));
        var rows = await _first.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == EmailKinds.BookingConfirmed).ToListAsync());
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
    }
}
