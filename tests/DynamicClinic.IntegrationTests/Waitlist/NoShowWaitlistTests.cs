using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Waitlist;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Features;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Features.Waitlist;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DynamicClinic.IntegrationTests.Rooms.RoomTestData;

namespace DynamicClinic.IntegrationTests.Waitlist;

/// <summary>
/// A no-show gives its time back; what is still to come of it is offered to the waitlist when a treatment fits in it.
/// One test, because the clock only moves forward (its own factory keeps the other waitlist tests' clock apart).
/// </summary>
public class NoShowWaitlistTests : IClassFixture<NoShowWaitlistTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _factory;

    public NoShowWaitlistTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync()
    {
        if (!await _factory.WithDbAsync(db => db.Clinicians.AnyAsync()))
        {
            await _factory.SeedDemoDataAsync();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ANoShowOffersTheRestOfItsTimeOnlyWhenATreatmentStillFitsInIt()
    {
        var hina = await ClinicianAsync(_factory, Hina);

        // A long appointment (10:00 to 13:00) marked a no-show at 10:32: from 10:35 on, the time is free again.
        var tuesday = new DateOnly(2026, 12, 1);
        var entry = await EntryAsync("NoShow Waiting", "general-consultation", DayOfWeek.Tuesday);
        var other = await EntryAsync("NoShow OtherDay", "general-consultation", DayOfWeek.Thursday);
        var longOne = Assert.IsType<Outcome.Done>(await BookAsync(_factory, Hina, "mesotherapy", Utc(tuesday, 10), 180, 410));
        _factory.Clock.SetUtcNow(new DateTimeOffset(Utc(tuesday, 10, 32)));

        Assert.IsType<Outcome.Done>(await NoShowAsync(longOne.AppointmentId!.Value));

        Assert.Equal(0, await _factory.WithDbAsync(db => db.ClinicianTimeBlocks.CountAsync(b => b.AppointmentId == longOne.AppointmentId)));
        var offer = Assert.Single(await _factory.WithDbAsync(db => db.WaitlistOffers.AsNoTracking().Where(o => o.EntryId == entry || o.EntryId == other).ToListAsync()));
        Assert.Equal(entry, offer.EntryId);
        Assert.Equal(hina, offer.ClinicianId);
        // The first quarter hour on the grid after now, at a consultation's length, inside what the no-show held.
        Assert.Equal(Utc(tuesday, 10, 45), offer.StartUtc);
        Assert.Equal(Utc(tuesday, 11, 15), offer.EndUtc);

        // Taking it books through the booking core: the no-show no longer holds the time.
        var booked = Assert.IsType<Outcome.Done>(await _factory.WithScopeAndReturnAsync(services => services.GetRequiredService<WaitlistDesk>().AcceptAsync(offer.Id, default)));
        var appointment = await _factory.WithDbAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == booked.AppointmentId));
        Assert.Equal((hina, Utc(tuesday, 10, 45)), (appointment.ClinicianId, appointment.StartUtc));

        // A 45-minute appointment marked a no-show 20 minutes in: 25 minutes left, shorter than any treatment's
        // length for the waitlist, so nothing is offered (its time is still given back).
        var wednesday = new DateOnly(2026, 12, 2);
        var waiting = await EntryAsync("NoShow Short", "general-consultation", DayOfWeek.Wednesday);
        var shortOne = Assert.IsType<Outcome.Done>(await BookAsync(_factory, Hina, "mesotherapy", Utc(wednesday, 11), 45, 411));
        _factory.Clock.SetUtcNow(new DateTimeOffset(Utc(wednesday, 11, 20)));

        Assert.IsType<Outcome.Done>(await NoShowAsync(shortOne.AppointmentId!.Value));

        Assert.False(await _factory.WithDbAsync(db => db.WaitlistOffers.AnyAsync(o => o.EntryId == waiting)));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.ClinicianTimeBlocks.CountAsync(b => b.AppointmentId == shortOne.AppointmentId)));
        var noShow = await _factory.WithDbAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == shortOne.AppointmentId));
        Assert.Equal(AppointmentStatus.NoShow, noShow.Status);
    }

    private Task<Outcome> NoShowAsync(int appointmentId) => _factory.WithScopeAndReturnAsync(async services =>
    {
        var db = services.GetRequiredService<ClinicDbContext>();
        var appointment = await db.Appointments.SingleAsync(a => a.Id == appointmentId);
        return await services.GetRequiredService<AppointmentBooking>().ChangeStatusAsync(appointment, AppointmentStatus.NoShow, default);
    });

    private async Task<int> EntryAsync(string name, string treatment, DayOfWeek day)
    {
        var patient = await _factory.WithDbAsync(async db =>
        {
            var now = _factory.Clock.GetUtcNow().UtcDateTime;
            var phone = "+92335" + Math.Abs(name.GetHashCode(StringComparison.Ordinal) % 10_000_000).ToString("D7", CultureInfo.InvariantCulture);
            var added = new Domain.Patients.Patient { FullName = name, PhoneE164 = phone, CreatedUtc = now, UpdatedUtc = now };
            db.Patients.Add(added);
            await db.SaveChangesAsync();
            return added.Id;
        });
        var outcome = await _factory.WithScopeAndReturnAsync(async services => await services.GetRequiredService<WaitlistDesk>().AddAsync(new WaitlistForm
        {
            PatientId = patient,
            TreatmentId = await TreatmentAsync(_factory, treatment),
            ClinicianIds = [await ClinicianAsync(_factory, Hina)],
            Days = [day],
            EarliestTime = "10:00",
            LatestTime = "14:00",
            UntilDate = "2026-12-31",
        }, default));
        Assert.IsType<Outcome.Done>(outcome);
        return await _factory.WithDbAsync(db => db.WaitlistEntries.Where(e => e.PatientId == patient).Select(e => e.Id).SingleAsync());
    }
}
