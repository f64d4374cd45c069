using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.Waitlist;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.IntegrationTests.Infrastructure.Messaging;
using DynamicClinic.Web.Features;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Features.Waitlist;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DynamicClinic.IntegrationTests.Rooms.RoomTestData;

namespace DynamicClinic.IntegrationTests.Messages;

/// <summary>Waitlist offers by WhatsApp: "reply 1 to take it"; the first "1" books, a later one hears "just taken".</summary>
public class WaitlistOfferTextTests
{
    private const string FirstMobile = "+923001110001";
    private const string SecondMobile = "+923001110002";

    [Fact]
    public async Task OffersAreTextedAndTheFirstReplyOfOneTakesTheTimeTheNextHearsItIsTaken()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake);
        await site.SeedDemoDataAsync();
        var tuesday = new DateOnly(2026, 12, 1);
        var first = await EntryAsync(site, "Offer Text First", FirstMobile);
        var second = await EntryAsync(site, "Offer Text Second", SecondMobile);
        var freed = Assert.IsType<Outcome.Done>(await BookAsync(site, Hina, "mesotherapy", Utc(tuesday, 10), 30, 510));

        await site.WithScopeAsync(async services =>
        {
            var appointment = await services.GetRequiredService<ClinicDbContext>().Appointments.SingleAsync(a => a.Id == freed.AppointmentId);
            Assert.IsType<Outcome.Done>(await services.GetRequiredService<AppointmentBooking>().CancelAsync(appointment, "Patient cannot come", false, false, default));
        });

        // Each waiting patient is texted by their channel, without the treatment (the setting is off by default).
        var texts = (await site.OutboxAsync()).Where(m => m.Kind == TextWaitlistOfferSender.Kind).ToList();
        Assert.Equal([FirstMobile, SecondMobile], texts.Select(t => t.ToAddress).Order());
        Assert.All(texts, t =>
        {
            Assert.Contains("Reply 1 by", t.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("Mesotherapy", t.TextBody, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("waitlist_offer", t.Template);
        });

        // The second patient answers first and is booked; the first answers a moment later: just taken.
        await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppText("wamid.offer2", SecondMobile, "1"));
        await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppText("wamid.offer1", FirstMobile, "1"));

        var entries = await site.WithDbAsync(db => db.WaitlistEntries.AsNoTracking().Where(e => e.Id == first || e.Id == second).ToDictionaryAsync(e => e.Id));
        Assert.Equal(WaitlistStatus.Booked, entries[second].Status);
        Assert.Equal(WaitlistStatus.Waiting, entries[first].Status);
        var booked = await site.AppointmentAsync(entries[second].AppointmentId!.Value);
        Assert.Equal((Utc(tuesday, 10), entries[second].PatientId), (booked.StartUtc, booked.PatientId));

        var answers = (await site.OutboxAsync()).Where(m => m.Kind == "Reply").ToDictionary(m => m.ToAddress);
        Assert.Contains(booked.Reference, answers[SecondMobile].TextBody, StringComparison.Ordinal);
        Assert.Contains("just taken", answers[FirstMobile].TextBody, StringComparison.Ordinal);
        var audited = await site.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditActions.WaitlistOfferReply).Select(a => a.PatientId).ToListAsync());
        Assert.Equal([entries[first].PatientId, entries[second].PatientId], audited.Order());
        Assert.All(await site.InboundAsync(), m => Assert.NotNull(m.ReadUtc));
    }

    [Fact]
    public async Task APatientWhoBookedInUrduIsOfferedTheTimeInUrduWithTheTreatmentsUrduName()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake, settings: ("Messaging:IncludeTreatmentName", "true"));
        await site.SeedDemoDataAsync();
        var tuesday = new DateOnly(2026, 12, 1);
        await EntryAsync(site, "Offer Text Urdu", FirstMobile, PatientLanguage.Urdu);
        await EntryAsync(site, "Offer Text English", SecondMobile);
        var freed = Assert.IsType<Outcome.Done>(await BookAsync(site, Hina, "mesotherapy", Utc(tuesday, 10), 30, 511));

        await site.WithScopeAsync(async services =>
        {
            var appointment = await services.GetRequiredService<ClinicDbContext>().Appointments.SingleAsync(a => a.Id == freed.AppointmentId);
            Assert.IsType<Outcome.Done>(await services.GetRequiredService<AppointmentBooking>().CancelAsync(appointment, "Patient cannot come", false, false, default));
        });

        var texts = (await site.OutboxAsync()).Where(m => m.Kind == TextWaitlistOfferSender.Kind).ToDictionary(m => m.ToAddress);
        var urdu = texts[FirstMobile];
        Assert.Equal("ur", urdu.Language);
        Assert.Contains("خالی ہوا ہے", urdu.TextBody, StringComparison.Ordinal);
        Assert.Contains("میسوتھراپی", urdu.TextBody, StringComparison.Ordinal);
        Assert.Contains("منگل", urdu.TextBody, StringComparison.Ordinal); // Tuesday, as the Urdu pages name it
        Assert.DoesNotContain("Reply 1", urdu.TextBody, StringComparison.Ordinal);
        var english = texts[SecondMobile];
        Assert.Equal("en", english.Language);
        Assert.Contains("Reply 1 by", english.TextBody, StringComparison.Ordinal);
        Assert.Contains("Mesotherapy", english.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UrduWaitlistPatientsReplyingOneAreAnsweredInUrduTheTakerWithItsReference()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake);
        await site.SeedDemoDataAsync();
        var tuesday = new DateOnly(2026, 12, 1);
        var first = await EntryAsync(site, "Offer Reply Urdu First", FirstMobile, PatientLanguage.Urdu);
        var second = await EntryAsync(site, "Offer Reply Urdu Second", SecondMobile, PatientLanguage.Urdu);
        var freed = Assert.IsType<Outcome.Done>(await BookAsync(site, Hina, "mesotherapy", Utc(tuesday, 10), 30, 512));

        await site.WithScopeAsync(async services =>
        {
            var appointment = await services.GetRequiredService<ClinicDbContext>().Appointments.SingleAsync(a => a.Id == freed.AppointmentId);
            Assert.IsType<Outcome.Done>(await services.GetRequiredService<AppointmentBooking>().CancelAsync(appointment, "Patient cannot come", false, false, default));
        });

        await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppText("wamid.offerur1", FirstMobile, "1"));
        await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppText("wamid.offerur2", SecondMobile, "1"));

        var taker = await site.WithDbAsync(db => db.WaitlistEntries.AsNoTracking().SingleAsync(e => e.Id == first));
        Assert.Equal(WaitlistStatus.Booked, taker.Status);
        var booked = await site.AppointmentAsync(taker.AppointmentId!.Value);
        var answers = (await site.OutboxAsync()).Where(m => m.Kind == "Reply").ToDictionary(m => m.ToAddress);
        Assert.All(answers.Values, a => Assert.Equal("ur", a.Language));
        Assert.Contains("یہ وقت آپ کا ہو گیا ہے", answers[FirstMobile].TextBody, StringComparison.Ordinal);
        Assert.Contains($"\u2066{booked.Reference}\u2069", answers[FirstMobile].TextBody, StringComparison.Ordinal);
        Assert.Contains("کسی اور نے لے لیا ہے", answers[SecondMobile].TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("just taken", answers[SecondMobile].TextBody, StringComparison.Ordinal);
        Assert.Equal(WaitlistStatus.Waiting, (await site.WithDbAsync(db => db.WaitlistEntries.AsNoTracking().SingleAsync(e => e.Id == second))).Status);
    }

    private static async Task<int> EntryAsync(MessagingAppFactory site, string name, string phone, PatientLanguage? language = null)
    {
        var patient = await site.WithDbAsync(async db =>
        {
            var now = site.Clock.GetUtcNow().UtcDateTime;
            var added = new Patient { FullName = name, PhoneE164 = phone, CreatedUtc = now, UpdatedUtc = now, PreferredLanguage = language };
            db.Patients.Add(added);
            await db.SaveChangesAsync();
            return added.Id;
        });
        var treatment = await TreatmentAsync(site, "mesotherapy");
        Assert.IsType<Outcome.Done>(await site.WithScopeAndReturnAsync(services => services.GetRequiredService<WaitlistDesk>().AddAsync(new WaitlistForm
        {
            PatientId = patient,
            TreatmentId = treatment,
            Days = [DayOfWeek.Tuesday],
            EarliestTime = "10:00",
            LatestTime = "14:00",
            UntilDate = "2026-12-31",
        }, default)));
        return await site.WithDbAsync(db => db.WaitlistEntries.Where(e => e.PatientId == patient).Select(e => e.Id).SingleAsync());
    }
}
