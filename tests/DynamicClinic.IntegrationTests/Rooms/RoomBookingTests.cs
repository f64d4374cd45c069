using System.Text.Json;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Rooms;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Domain.SessionPlans;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Features;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Features.SessionPlans;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DynamicClinic.IntegrationTests.Rooms.RoomTestData;

namespace DynamicClinic.IntegrationTests.Rooms;

/// <summary>
/// A treatment that needs a room (PRP and its centrifuge, offered by Dr Ayesha and Dr Omar): the room is held like a
/// clinician's time, so two clinicians can never use it at once, and availability, plans and moves leave it out.
/// </summary>
public class RoomBookingTests : IClassFixture<RoomBookingTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private static readonly DateOnly Tuesday = new(2026, 12, 15);
    private readonly Factory _factory;
    private int _roomId;

    public RoomBookingTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync()
    {
        await _factory.SeedDemoDataAsync();
        _roomId = await _factory.WithDbAsync(db => db.Rooms.Where(r => r.Name == "PRP room").Select(r => r.Id).FirstOrDefaultAsync());
        if (_roomId == 0)
        {
            _roomId = await RoomForAsync(_factory, "PRP room", "prp-therapy");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TwoCliniciansCannotHoldTheRoomAtOnce()
    {
        var day = Tuesday;
        var first = await BookAsync(_factory, Ayesha, "prp-therapy", Utc(day, 11), 60, 1);
        var clash = await BookAsync(_factory, Omar, "prp-therapy", Utc(day, 11, 30), 60, 2);
        var after = await BookAsync(_factory, Omar, "prp-therapy", Utc(day, 12), 60, 3);

        var done = Assert.IsType<Outcome.Done>(first);
        var refused = Assert.IsType<Outcome.Refused>(clash);
        Assert.True(refused.Taken);
        Assert.Equal("The room this treatment needs is in use at that time.", refused.Message);
        Assert.IsType<Outcome.Done>(after);

        var held = await _factory.WithDbAsync(db => db.RoomTimeBlocks.AsNoTracking().Where(b => b.AppointmentId == done.AppointmentId).ToListAsync());
        Assert.Equal(12, held.Count);
        Assert.All(held, b => Assert.Equal(_roomId, b.RoomId));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Patients.CountAsync(p => p.PhoneE164 == "+923330000002")));
    }

    [Fact]
    public async Task TheRoomKeyRefusesAnOverlapThatSkipsTheCheck()
    {
        var day = Tuesday.AddDays(1);
        var booked = Assert.IsType<Outcome.Done>(await BookAsync(_factory, Ayesha, "prp-therapy", Utc(day, 11), 60, 10));

        // Another appointment (Omar's, no room) written straight to the database, then given the same room block.
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => _factory.WithDbAsync(async db =>
        {
            db.RoomTimeBlocks.Add(new RoomTimeBlock { RoomId = _roomId, StartUtc = Utc(day, 11, 30), AppointmentId = booked.AppointmentId!.Value });
            return await db.SaveChangesAsync();
        }));
        Assert.NotNull(error);
    }

    [Fact]
    public async Task AvailabilityLeavesOutTimesWhenAnotherClinicianHoldsTheRoom()
    {
        var day = Tuesday.AddDays(2);
        Assert.IsType<Outcome.Done>(await BookAsync(_factory, Ayesha, "prp-therapy", Utc(day, 11), 60, 20));
        var omar = await ClinicianAsync(_factory, Omar);

        using var client = _factory.CreateClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/book/slots?treatment=prp-therapy&clinician={omar}&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}"));
        var starts = json.RootElement.GetProperty("slots").EnumerateArray()
            .Select(s => s.GetProperty("start").GetDateTimeOffset().UtcDateTime).ToList();

        // Omar's morning is 11:00 to 13:30; the room is in use until 12:00 (a 30-minute consultation fits from 12:00).
        Assert.DoesNotContain(Utc(day, 11), starts);
        Assert.DoesNotContain(Utc(day, 11, 45), starts);
        Assert.Contains(Utc(day, 12), starts);

        // Without the room the same times are free for him: it is the room, not his diary.
        var withoutRoom = await _factory.WithScopeAndReturnAsync(async services =>
        {
            var availability = services.GetRequiredService<AvailabilityQuery>();
            var data = await availability.LoadAsync([omar], day, day);
            return availability.Calculator.FindSlots(data, day, day, TimeSpan.FromMinutes(30), availability.UtcNow).Select(s => s.StartUtc).ToList();
        });
        Assert.Contains(Utc(day, 11), withoutRoom);
    }

    [Fact]
    public async Task MovesHonourTheRoomAndGiveTheOldTimeBack()
    {
        var day = Tuesday.AddDays(3);
        Assert.IsType<Outcome.Done>(await BookAsync(_factory, Ayesha, "prp-therapy", Utc(day, 11), 60, 30));
        var moving = Assert.IsType<Outcome.Done>(await BookAsync(_factory, Omar, "prp-therapy", Utc(day, 15), 60, 31));
        var omar = await ClinicianAsync(_factory, Omar);

        Outcome? intoRoom = null;
        Outcome? free = null;
        await _factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DynamicClinic.Data.ClinicDbContext>();
            var booking = services.GetRequiredService<AppointmentBooking>();
            var appointment = await db.Appointments.SingleAsync(a => a.Id == moving.AppointmentId);
            intoRoom = await booking.MoveAsync(appointment, new Slot(omar, Utc(day, 11, 30), Utc(day, 12, 30)), BookingRules.Desk, false, default);
        });
        await _factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DynamicClinic.Data.ClinicDbContext>();
            var booking = services.GetRequiredService<AppointmentBooking>();
            var appointment = await db.Appointments.SingleAsync(a => a.Id == moving.AppointmentId);
            free = await booking.MoveAsync(appointment, new Slot(omar, Utc(day, 12), Utc(day, 13)), BookingRules.Desk, false, default);
        });

        Assert.Equal("The room this treatment needs is in use at that time.", Assert.IsType<Outcome.Refused>(intoRoom).Message);
        Assert.IsType<Outcome.Done>(free);
        var blocks = await _factory.WithDbAsync(db => db.RoomTimeBlocks.AsNoTracking().Where(b => b.AppointmentId == moving.AppointmentId).Select(b => b.StartUtc).ToListAsync());
        Assert.Equal(12, blocks.Count);
        Assert.Equal(Utc(day, 12), blocks.Min());

        // The room's old time is free again: Dr Ayesha can use it at 15:00.
        Assert.IsType<Outcome.Done>(await BookAsync(_factory, Ayesha, "prp-therapy", Utc(day, 15), 60, 32));
    }

    [Fact]
    public async Task APlanProposalLeavesOutSessionsWhenTheRoomIsHeld()
    {
        // A Saturday course for Dr Omar at 11:00; Dr Ayesha holds the room the first Saturday.
        var saturday = new DateOnly(2026, 12, 26);
        Assert.IsType<Outcome.Done>(await BookAsync(_factory, Ayesha, "prp-therapy", Utc(saturday, 11), 60, 40));
        var omar = await ClinicianAsync(_factory, Omar);
        var prp = await TreatmentAsync(_factory, "prp-therapy");
        var patient = await _factory.WithDbAsync(db => db.Patients.Where(p => p.PhoneE164 == "+923330000040").Select(p => p.Id).SingleAsync());

        var proposal = await _factory.WithScopeAndReturnAsync(async services =>
        {
            var plans = services.GetRequiredService<SessionPlanService>();
            var setup = (await plans.SetupAsync(patient, prp, omar, default))!;
            return await plans.ProposeAsync(setup, new PlanRequest(omar, saturday, DayOfWeek.Saturday, new TimeOnly(11, 0), setup.SessionLength, [3, 1]), default);
        });

        Assert.Equal(SlotCheckResult.RoomTaken, proposal[0].Check);
        Assert.NotEmpty(proposal[0].Alternatives);
        Assert.All(proposal.Skip(1), s => Assert.True(s.IsFree));
    }
}
