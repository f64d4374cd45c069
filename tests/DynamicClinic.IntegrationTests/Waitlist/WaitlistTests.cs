using System.Globalization;
using System.Net;
using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.Waitlist;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Features;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Features.TimeOff;
using DynamicClinic.Web.Features.Waitlist;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DynamicClinic.IntegrationTests.Rooms.RoomTestData;

namespace DynamicClinic.IntegrationTests.Waitlist;

/// <summary>
/// The waitlist: freed time (a cancellation, removed time off) is offered to the entries it suits in the order they
/// joined; the first acceptance books through the booking core, a later or racing one hears "just taken"; offers lapse.
/// </summary>
public class WaitlistTests : IClassFixture<WaitlistTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private static readonly TimeOnly Ten = new(10, 0);
    private static readonly TimeOnly Eighteen = new(18, 0);
    private readonly Factory _factory;

    public WaitlistTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync()
    {
        if (!await _factory.WithDbAsync(db => db.Clinicians.AnyAsync()))
        {
            await _factory.SeedDemoDataAsync();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task FreedTimeIsOfferedToTheEntriesItSuitsInTheOrderTheyJoined()
    {
        var tuesday = new DateOnly(2026, 12, 1);
        var freed = Assert.IsType<Outcome.Done>(await BookAsync(_factory, Ayesha, "mesotherapy", Utc(tuesday, 11), 45, 200));
        var first = await EntryAsync("Waitlist First", [], [DayOfWeek.Tuesday], Ten, new TimeOnly(13, 0));
        var hinaOnly = await EntryAsync("Waitlist HinaOnly", [Hina], [DayOfWeek.Tuesday], Ten, Eighteen);
        var tooShort = await EntryAsync("Waitlist Window", [Ayesha], [DayOfWeek.Tuesday], new TimeOnly(9, 0), new TimeOnly(11, 30));
        var wrongDay = await EntryAsync("Waitlist Wednesday", [], [DayOfWeek.Wednesday], Ten, Eighteen);
        var second = await EntryAsync("Waitlist Second", [Ayesha], [DayOfWeek.Tuesday, DayOfWeek.Wednesday], Ten, Eighteen);

        await CancelAsync(freed.AppointmentId!.Value);

        var offers = await OffersAsync(Utc(tuesday, 11));
        Assert.Equal([first, second], offers.Select(o => o.EntryId));
        Assert.Equal([1, 2], offers.Select(o => o.Rank));
        Assert.All(offers, o => Assert.Equal(Utc(tuesday, 11, 45), o.EndUtc));
        Assert.DoesNotContain(offers, o => o.EntryId == hinaOnly || o.EntryId == tooShort || o.EntryId == wrongDay);

        // Reception's list shows them in order; the second patient answers first and takes it.
        using var reception = await _factory.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);
        var page = await reception.GetStringAsync("/staff/waitlist");
        Assert.True(page.IndexOf("Waitlist First", StringComparison.Ordinal) < page.IndexOf("Waitlist Second", StringComparison.Ordinal));
        var accept = $"/staff/waitlist/offers/{offers[1].Id}/accept";
        using (var taken = await reception.PostAsync(accept, HtmlForms.HiddenFields(page, accept)))
        {
            Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        }

        Assert.Contains("Booked from the waitlist", await reception.GetStringAsync("/staff/waitlist"), StringComparison.Ordinal);

        // The first patient calls back a moment later: just taken, and they stay on the list.
        var late = $"/staff/waitlist/offers/{offers[0].Id}/accept";
        using (var lost = await reception.PostAsync(late, HtmlForms.HiddenFields(page, late)))
        {
            Assert.Equal(HttpStatusCode.Redirect, lost.StatusCode);
        }

        Assert.Contains("Just taken", await reception.GetStringAsync("/staff/waitlist"), StringComparison.Ordinal);
        var entries = await _factory.WithDbAsync(db => db.WaitlistEntries.AsNoTracking().Where(e => e.Id == first || e.Id == second).ToDictionaryAsync(e => e.Id));
        Assert.Equal(WaitlistStatus.Booked, entries[second].Status);
        Assert.Equal(WaitlistStatus.Waiting, entries[first].Status);
        var booked = await _factory.WithDbAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == entries[second].AppointmentId));
        Assert.Equal(Utc(tuesday, 11), booked.StartUtc);
        Assert.Equal(entries[second].PatientId, booked.PatientId);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.WaitlistOfferAccepted && a.EntityId == second.ToString(CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task AnOfferLapsesAfterItsTimeAndBooksNothing()
    {
        var wednesday = new DateOnly(2026, 12, 2);
        var freed = Assert.IsType<Outcome.Done>(await BookAsync(_factory, Ayesha, "mesotherapy", Utc(wednesday, 15), 45, 210));
        var entry = await EntryAsync("Waitlist Lapsed", [Ayesha], [DayOfWeek.Wednesday], new TimeOnly(14, 0), new TimeOnly(16, 0));
        await CancelAsync(freed.AppointmentId!.Value);
        var offer = Assert.Single(await OffersAsync(Utc(wednesday, 15)), o => o.EntryId == entry);

        _factory.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        var outcome = await AcceptAsync(offer.Id);

        Assert.Contains("expired", Assert.IsType<Outcome.Refused>(outcome).Message, StringComparison.Ordinal);
        Assert.False(await _factory.WithDbAsync(db => db.Appointments.AnyAsync(a => a.StartUtc == Utc(wednesday, 15) && a.Status != Domain.Appointments.AppointmentStatus.Cancelled)));
        using var reception = await _factory.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);
        Assert.Contains("Expired", await reception.GetStringAsync("/staff/waitlist"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoAcceptancesRacingForOneTimeOneIsBookedTheOtherIsJustTaken()
    {
        var thursday = new DateOnly(2026, 12, 3);
        var freed = Assert.IsType<Outcome.Done>(await BookAsync(_factory, Hina, "mesotherapy", Utc(thursday, 10), 45, 220));
        var one = await EntryAsync("Waitlist RaceOne", [], [DayOfWeek.Thursday], Ten, Eighteen);
        var two = await EntryAsync("Waitlist RaceTwo", [], [DayOfWeek.Thursday], Ten, Eighteen);
        await CancelAsync(freed.AppointmentId!.Value);
        var offers = (await OffersAsync(Utc(thursday, 10))).Where(o => o.EntryId == one || o.EntryId == two).ToList();
        Assert.Equal(2, offers.Count);

        var outcomes = await Task.WhenAll(offers.Select(o => Task.Run(() => AcceptAsync(o.Id))));

        Assert.Single(outcomes.OfType<Outcome.Done>());
        Assert.Equal(WaitlistDesk.JustTakenMessage, Assert.Single(outcomes.OfType<Outcome.Refused>()).Message);
        var statuses = await _factory.WithDbAsync(db => db.WaitlistOffers.AsNoTracking().Where(o => o.Id == offers[0].Id || o.Id == offers[1].Id).Select(o => o.Status).ToListAsync());
        Assert.Equal([WaitlistOfferStatus.Accepted, WaitlistOfferStatus.JustTaken], statuses.Order());
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Appointments.CountAsync(a => a.StartUtc == Utc(thursday, 10) && a.Status != Domain.Appointments.AppointmentStatus.Cancelled)));
    }

    [Fact]
    public async Task RemovedTimeOffIsOfferedToThePatientsWaitingForIt()
    {
        var saturday = new DateOnly(2026, 12, 5);
        var omar = await ClinicianAsync(_factory, Omar);
        var timeOffId = await _factory.WithDbAsync(async db =>
        {
            var timeOff = new Domain.Clinicians.TimeOff { ClinicianId = omar, StartUtc = Utc(saturday, 11), EndUtc = Utc(saturday, 13), Reason = "Training" };
            db.TimeOff.Add(timeOff);
            await db.SaveChangesAsync();
            return timeOff.Id;
        });
        var entry = await EntryAsync("Waitlist TimeOff", [Omar], [DayOfWeek.Saturday], new TimeOnly(11, 0), new TimeOnly(12, 0), "general-consultation");

        await _factory.WithScopeAsync(async services => await services.GetRequiredService<BlockedTime>().RemoveAsync(timeOffId, default));

        var offer = Assert.Single(await OffersAsync(Utc(saturday, 11)), o => o.EntryId == entry);
        Assert.Equal(Utc(saturday, 11, 30), offer.EndUtc);
        Assert.Equal(omar, offer.ClinicianId);
    }

    [Fact]
    public async Task AnEntryWithoutDaysIsRefusedBesideTheFieldAndNothingIsSaved()
    {
        var patient = await PatientAsync("Waitlist Form");
        var mesotherapy = await TreatmentAsync(_factory, "mesotherapy");
        using var reception = await _factory.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);
        var page = await reception.GetStringAsync($"/staff/waitlist/new?patient={patient}");
        var token = HttpClientExtensions.AntiforgeryToken(page);
        List<KeyValuePair<string, string>> Form(params string[] days) =>
        [
            new("__RequestVerificationToken", token), new("PatientId", patient.ToString(CultureInfo.InvariantCulture)),
            new("TreatmentId", mesotherapy.ToString(CultureInfo.InvariantCulture)), new("EarliestTime", "10:00"), new("LatestTime", "14:00"),
            new("UntilDate", "2026-12-31"), .. days.Select(d => new KeyValuePair<string, string>("Days", d)),
        ];

        using (var content = new FormUrlEncodedContent(Form()))
        using (var refused = await reception.PostAsync("/staff/waitlist/new", content))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("id=\"Days-error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.False(await _factory.WithDbAsync(db => db.WaitlistEntries.AnyAsync(e => e.PatientId == patient)));

        using (var content = new FormUrlEncodedContent(Form("Monday", "Thursday")))
        using (var added = await reception.PostAsync("/staff/waitlist/new", content))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var saved = await _factory.WithDbAsync(db => db.WaitlistEntries.AsNoTracking().SingleAsync(e => e.PatientId == patient));
        Assert.True(saved.WantsDay(DayOfWeek.Monday) && saved.WantsDay(DayOfWeek.Thursday) && !saved.WantsDay(DayOfWeek.Tuesday));
        Assert.True(await _factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.WaitlistAdded && a.PatientId == patient)));
    }

    private async Task<int> PatientAsync(string name) => await _factory.WithDbAsync(async db =>
    {
        var phone = "+92334" + Math.Abs(name.GetHashCode(StringComparison.Ordinal) % 10_000_000).ToString("D7", CultureInfo.InvariantCulture);
        var patient = new Patient { FullName = name, PhoneE164 = phone, CreatedUtc = _factory.Clock.GetUtcNow().UtcDateTime, UpdatedUtc = _factory.Clock.GetUtcNow().UtcDateTime };
        db.Patients.Add(patient);
        await db.SaveChangesAsync();
        return patient.Id;
    });

    private async Task<int> EntryAsync(string name, string[] clinicians, DayOfWeek[] days, TimeOnly earliest, TimeOnly latest, string treatment = "mesotherapy")
    {
        var patient = await PatientAsync(name);
        var treatmentId = await TreatmentAsync(_factory, treatment);
        var clinicianIds = new List<int>();
        foreach (var clinician in clinicians)
        {
            clinicianIds.Add(await ClinicianAsync(_factory, clinician));
        }

        var outcome = await _factory.WithScopeAndReturnAsync(services => services.GetRequiredService<WaitlistDesk>().AddAsync(new WaitlistForm
        {
            PatientId = patient,
            TreatmentId = treatmentId,
            ClinicianIds = clinicianIds,
            Days = [.. days],
            EarliestTime = earliest.ToString("HH:mm", CultureInfo.InvariantCulture),
            LatestTime = latest.ToString("HH:mm", CultureInfo.InvariantCulture),
            UntilDate = "2026-12-31",
        }, default));
        Assert.IsType<Outcome.Done>(outcome);
        return await _factory.WithDbAsync(db => db.WaitlistEntries.Where(e => e.PatientId == patient).Select(e => e.Id).SingleAsync());
    }

    private Task CancelAsync(int appointmentId) => _factory.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<ClinicDbContext>();
        var appointment = await db.Appointments.SingleAsync(a => a.Id == appointmentId);
        Assert.IsType<Outcome.Done>(await services.GetRequiredService<AppointmentBooking>().CancelAsync(appointment, "Patient cannot come", false, false, default));
    });

    private Task<List<WaitlistOffer>> OffersAsync(DateTime startUtc) =>
        _factory.WithDbAsync(db => db.WaitlistOffers.AsNoTracking().Where(o => o.StartUtc == startUtc).OrderBy(o => o.Rank).ToListAsync());

    private Task<Outcome> AcceptAsync(int offerId) =>
        _factory.WithScopeAndReturnAsync(services => services.GetRequiredService<WaitlistDesk>().AcceptAsync(offerId, default));
}
