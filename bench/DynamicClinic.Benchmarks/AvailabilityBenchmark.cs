using BenchmarkDotNet.Attributes;
using DynamicClinic.Data;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Web.Features.Booking;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Infrastructure;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Benchmarks;

/// <summary>
/// What <c>GET /book/slots</c> does for one clinician and 30 days: a fresh <see cref="ClinicDbContext"/> (one per request in
/// the site), <see cref="AvailabilityQuery.LoadAsync"/> (four queries) and <c>Calculator.FindSlots</c>, against SQLite files
/// holding 10,000 and 1,000,000 appointments (see <see cref="BenchmarkDatabase"/>). <see cref="LoadOnly"/> is the database
/// part alone, to tell query time from rule time. The "any of 10 clinicians, 60 days" pair is what the booking page and
/// Find a time do for PRP (which needs the PRP room) against the same without a room: the room's appointments are one
/// more range scan, on the (RoomId, StartUtc) index, and one more busy list for the rules.
/// </summary>
[MemoryDiagnoser]
public class AvailabilityBenchmark
{
    private static readonly DateOnly From = DateOnly.FromDateTime(BenchmarkDatabase.Now.DateTime);
    private static readonly DateOnly To = From.AddDays(29);
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(BenchmarkDatabase.ConsultationMinutes);
    private static readonly int[] Clinicians = [BenchmarkDatabase.MeasuredClinicianId];
    private static readonly DateOnly SixtyDaysTo = From.AddDays(59);
    private static readonly TimeSpan RoomTreatmentDuration = TimeSpan.FromMinutes(BenchmarkDatabase.RoomTreatmentMinutes);
    private static readonly int[] TenClinicians = Enumerable.Range(1, BenchmarkDatabase.MeasuredClinicians).ToArray();

    private DbContextOptions<ClinicDbContext> _options = null!;
    private ClinicClock _clock = null!;
    private AvailabilityData _tenCliniciansData = null!;
    private AvailabilityCalculator _calculator = null!;
    private DateTime _now;

    [Params(10_000, 1_000_000)]
    public int Appointments { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var path = BenchmarkDatabase.EnsureAsync(Appointments, Console.Out).GetAwaiter().GetResult();
        _options = BenchmarkDatabase.Options(path);
        _clock = new ClinicClock(new FixedTimeProvider(BenchmarkDatabase.Now), Options.Create(new ClinicOptions { TimeZoneId = BenchmarkDatabase.TimeZoneId }));

        // The figures only mean something if there is something to find and something in the way.
        var slots = OneClinicianThirtyDays().GetAwaiter().GetResult();
        var busy = LoadOnly().GetAwaiter().GetResult();
        Console.WriteLine($"// {Appointments} appointments: {busy} busy times and {slots} free slots in the 30 days");
        var (tenBusy, roomBusy) = TenCliniciansLoad().GetAwaiter().GetResult();
        var withRoom = AnyOfTenClinicianSixtyDaysWithRoom().GetAwaiter().GetResult();
        var withoutRoom = AnyOfTenCliniciansSixtyDaysNoRoom().GetAwaiter().GetResult();
        using (var db = new ClinicDbContext(_options))
        {
            var query = new AvailabilityQuery(db, _clock, BenchmarkSettings.For(db, _clock));
            _tenCliniciansData = query.LoadAsync(TenClinicians, From, SixtyDaysTo, roomId: BenchmarkDatabase.MeasuredRoomId).GetAwaiter().GetResult();
            _calculator = query.Calculator;
            _now = query.UtcNow;
        }

        Console.WriteLine($"// Ten clinicians, 60 days: {tenBusy} busy times, the PRP room busy {roomBusy} times; {withRoom} free PRP slots, {withoutRoom} without the room");
        if (slots == 0 || busy == 0 || tenBusy == 0 || roomBusy == 0 || withRoom == 0 || withRoom >= withoutRoom)
        {
            throw new InvalidOperationException("The benchmark window has no slots, no appointments or no room in the way: check BenchmarkDatabase.");
        }
    }

    [Benchmark(Description = "LoadAsync + FindSlots, 1 clinician, 30 days")]
    public async Task<int> OneClinicianThirtyDays()
    {
        await using var db = new ClinicDbContext(_options);
        var query = new AvailabilityQuery(db, _clock, BenchmarkSettings.For(db, _clock));
        var data = await query.LoadAsync(Clinicians, From, To);
        return query.Calculator.FindSlots(data, From, To, Duration, query.UtcNow).Count;
    }

    [Benchmark(Description = "Any of 10 clinicians, 60 days, PRP room")]
    public async Task<int> AnyOfTenClinicianSixtyDaysWithRoom()
    {
        await using var db = new ClinicDbContext(_options);
        var query = new AvailabilityQuery(db, _clock, BenchmarkSettings.For(db, _clock));
        var data = await query.LoadAsync(TenClinicians, From, SixtyDaysTo, roomId: BenchmarkDatabase.MeasuredRoomId);
        return query.Calculator.FindSlots(data, From, SixtyDaysTo, RoomTreatmentDuration, query.UtcNow).Count;
    }

    [Benchmark(Description = "Any of 10 clinicians, 60 days, no room")]
    public async Task<int> AnyOfTenCliniciansSixtyDaysNoRoom()
    {
        await using var db = new ClinicDbContext(_options);
        var query = new AvailabilityQuery(db, _clock, BenchmarkSettings.For(db, _clock));
        var data = await query.LoadAsync(TenClinicians, From, SixtyDaysTo);
        return query.Calculator.FindSlots(data, From, SixtyDaysTo, RoomTreatmentDuration, query.UtcNow).Count;
    }

    [Benchmark(Description = "Any of 10 clinicians, 60 days, PRP room: load only")]
    public async Task<int> AnyOfTenCliniciansSixtyDaysLoadOnly()
    {
        await using var db = new ClinicDbContext(_options);
        var query = new AvailabilityQuery(db, _clock, BenchmarkSettings.For(db, _clock));
        var data = await query.LoadAsync(TenClinicians, From, SixtyDaysTo, roomId: BenchmarkDatabase.MeasuredRoomId);
        return data.Busy.Count;
    }

    /// <summary>The rules alone on data loaded once: tells the calculator's share of the ten-clinician case from the database's.</summary>
    [Benchmark(Description = "Any of 10 clinicians, 60 days, PRP room: rules only")]
    public int AnyOfTenCliniciansSixtyDaysRulesOnly() =>
        _calculator.FindSlots(_tenCliniciansData, From, SixtyDaysTo, RoomTreatmentDuration, _now).Count;

    private async Task<(int Busy, int RoomBusy)> TenCliniciansLoad()
    {
        await using var db = new ClinicDbContext(_options);
        var query = new AvailabilityQuery(db, _clock, BenchmarkSettings.For(db, _clock));
        var data = await query.LoadAsync(TenClinicians, From, SixtyDaysTo, roomId: BenchmarkDatabase.MeasuredRoomId);
        return (data.Busy.Count, data.RoomBusy?.Count ?? 0);
    }

    [Benchmark(Description = "LoadAsync only")]
    public async Task<int> LoadOnly()
    {
        await using var db = new ClinicDbContext(_options);
        var query = new AvailabilityQuery(db, _clock, BenchmarkSettings.For(db, _clock));
        var data = await query.LoadAsync(Clinicians, From, To);
        return data.Busy.Count;
    }
}

/// <summary>A clock stopped at one instant, so every run asks about the same 30 days.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
