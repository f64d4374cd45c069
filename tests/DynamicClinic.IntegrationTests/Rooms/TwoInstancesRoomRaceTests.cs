using DynamicClinic.Domain.Appointments;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Features;
using Microsoft.EntityFrameworkCore;
using static DynamicClinic.IntegrationTests.Rooms.RoomTestData;

namespace DynamicClinic.IntegrationTests.Rooms;

/// <summary>
/// Two instances of the site on one database: Dr Ayesha through one and Dr Omar through the other book PRP, which needs
/// the one PRP room, at the same moments. Their own diaries are free, so only the room's key can stop the second.
/// </summary>
public sealed class TwoInstancesRoomRaceTests : IAsyncLifetime
{
    private static readonly DateOnly Wednesday = new(2026, 12, 16);
    private static readonly int[] Hours = [11, 12, 15, 16, 17];
    private KestrelClinicAppFactory? _first;
    private KestrelClinicAppFactory? _second;

    public async Task InitializeAsync()
    {
        _first = new KestrelClinicAppFactory();
        _first.Start();
        await _first.SeedDemoDataAsync();
        await RoomForAsync(_first, "PRP room", "prp-therapy");
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
    public async Task TwoCliniciansRacingForTheRoomThroughTwoInstancesOneWinsEachTime()
    {
        var races = Hours.SelectMany((hour, i) => new[]
        {
            Task.Run(() => BookAsync(_first!, Ayesha, "prp-therapy", Utc(Wednesday, hour), 60, 100 + (2 * i))),
            Task.Run(() => BookAsync(_second!, Omar, "prp-therapy", Utc(Wednesday, hour), 60, 101 + (2 * i))),
        }).ToList();
        var outcomes = await Task.WhenAll(races);

        for (var i = 0; i < Hours.Length; i++)
        {
            var pair = new[] { outcomes[2 * i], outcomes[(2 * i) + 1] };
            Assert.Single(pair.OfType<Outcome.Done>());
            Assert.True(Assert.Single(pair.OfType<Outcome.Refused>()).Taken);
        }

        var held = await _first!.WithDbAsync(db => db.Appointments.AsNoTracking()
            .Where(a => a.RoomId != null && a.Status != AppointmentStatus.Cancelled)
            .Select(a => new { a.StartUtc, Blocks = a.RoomBlocks.Count })
            .ToListAsync());
        Assert.Equal(Hours.Select(h => Utc(Wednesday, h)).Order(), held.Select(a => a.StartUtc).Order());
        Assert.All(held, a => Assert.Equal(12, a.Blocks));
    }
}
