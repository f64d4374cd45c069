using System.Net;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Booking;

/// <summary>Online booking through HTTP on a real SQLite database, the clock fixed at Friday 27 November 2026, 10:00 in Islamabad.</summary>
public class BookingFlowTests : IClassFixture<BookingFlowTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private static readonly DateOnly Monday = new(2026, 11, 30);
    private readonly Factory _factory;

    public BookingFlowTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => await _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private BookingVisitor Visitor() => new(_factory.CreateClient());

    private async Task<SlotDto> FreeSlotAsync(string treatment, DateOnly day, int index = 0, string clinician = "any") =>
        (await Visitor().SlotsAsync(treatment, clinician, day, day))[index];

    private Task<int> AppointmentCountAsync() => _factory.WithDbAsync(db => db.Appointments.CountAsync());

    [Fact]
    public async Task WholeFlowBooksTheConsultationAndShowsItsConfirmation()
    {
        var slot = await FreeSlotAsync("mesotherapy", Monday.AddDays(1));
        var visitor = Visitor();

        using var confirmed = await visitor.BookAsync("mesotherapy", slot.Slot, BookingVisitor.Details(name: "Whole Flow", phone: "0321 5550101", email: "whole.flow@example.test"));

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var location = confirmed.Headers.Location!.OriginalString;
        Assert.Matches("^/booking/DC-[34679ACDEFGHJKMNPQRTWXY]{6}\\?token=[A-Za-z0-9_-]{40,}&confirmed=1$", location);
        var page = await visitor.Client.GetStringAsync(location);
        var reference = location[9..18];
        Assert.Contains(reference, page, StringComparison.Ordinal);
        Assert.Contains("Your consultation is booked", page, StringComparison.Ordinal);
        Assert.Contains(slot.Start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), page, StringComparison.Ordinal);
        Assert.Contains("What to bring", page, StringComparison.Ordinal);

        await _factory.WithDbAsync(async db =>
        {
            var appointment = await db.Appointments.Include(a => a.Patient).Include(a => a.TimeBlocks).SingleAsync(a => a.Reference == reference);
            Assert.Equal(AppointmentStatus.Booked, appointment.Status);
            Assert.Equal(AppointmentSource.Online, appointment.Source);
            Assert.Equal(slot.Start.UtcDateTime, appointment.StartUtc);
            Assert.Equal(slot.ClinicianId, appointment.ClinicianId);
            Assert.Equal("+923215550101", appointment.Patient!.PhoneE164);
            Assert.Equal(6, appointment.TimeBlocks.Count);
            var token = Uri.UnescapeDataString(location[(location.IndexOf("token=", StringComparison.Ordinal) + 6)..location.IndexOf('&', StringComparison.Ordinal)]);
            // Only hashes of the links' secrets are stored: the page's link and the email's own.
            var hashes = await db.AppointmentManageTokens.Where(t => t.AppointmentId == appointment.Id).Select(t => t.TokenHash).ToListAsync();
            Assert.Equal(2, hashes.Count);
            Assert.All(hashes, h => Assert.DoesNotContain(token, h, StringComparison.Ordinal));
            Assert.Contains(AppointmentManageToken.Hash(token), hashes);
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.AppointmentId == appointment.Id && m.Kind == "BookingConfirmed"));
            return 0;
        });
    }

    [Fact]
    public async Task ABookingWithTheNumberOfAMergedAwayRecordGoesToTheKeptRecord()
    {
        var (kept, merged) = await _factory.WithDbAsync(async db =>
        {
            var keptPatient = new Domain.Patients.Patient { FullName = "Kept Record", PhoneE164 = "+923215550901", CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow };
            db.Patients.Add(keptPatient);
            await db.SaveChangesAsync();
            var mergedPatient = new Domain.Patients.Patient { FullName = "Old Record", PhoneE164 = "+923215550902", MergedIntoPatientId = keptPatient.Id, CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow };
            db.Patients.Add(mergedPatient);
            await db.SaveChangesAsync();
            return (keptPatient.Id, mergedPatient.Id);
        });
        var slot = await FreeSlotAsync("mesotherapy", Monday.AddDays(2));

        using var confirmed = await Visitor().BookAsync("mesotherapy", slot.Slot, BookingVisitor.Details(name: "Old Record", phone: "0321 5550902", email: "old.record@example.test"));

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var reference = confirmed.Headers.Location!.OriginalString[9..18];
        var patientId = await _factory.WithDbAsync(db => db.Appointments.Where(a => a.Reference == reference).Select(a => a.PatientId).SingleAsync());
        Assert.Equal(kept, patientId);
        Assert.NotEqual(merged, patientId);
    }

    [Fact]
    public async Task SlotsEndpointGivesClinicTimesWithOffsets()
    {
        var slots = await Visitor().SlotsAsync("mesotherapy", "any", Monday, Monday);

        Assert.NotEmpty(slots);
        Assert.All(slots, s => Assert.Equal(TimeSpan.FromHours(5), s.Start.Offset));
        Assert.Equal(slots.OrderBy(s => s.Start).ThenBy(s => s.ClinicianId).Select(s => s.Slot), slots.Select(s => s.Slot));
        Assert.True(slots[0].Start.Hour >= 10);
    }

    [Theory]
    [InlineData("treatment=nope&from=2026-11-30&to=2026-11-30", "treatment")]
    [InlineData("treatment=mesotherapy&from=30-11-2026", "from")]
    [InlineData("treatment=mesotherapy&from=2026-12-05&to=2026-12-01", "to")]
    [InlineData("treatment=mesotherapy&from=2026-12-01&to=2027-03-01", "to")]
    [InlineData("treatment=mesotherapy&clinician=2", "clinician")]
    [InlineData("treatment=mesotherapy&clinician=abc", "clinician")]
    public async Task SlotsEndpointRefusesBadParametersWithAReadableProblem(string query, string field)
    {
        using var response = await Visitor().Client.GetAsync("/book/slots?" + query);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"\"{field}\"", body, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BadDetails => new()
    {
        { "FullName", "", "Enter your full name." },
        { "FullName", new string('a', 101), "at most 100 characters" },
        { "Phone", "12345", "Enter a valid mobile number" },
        { "Phone", "051 1234567", "Enter a valid mobile number" },
        { "Email", "not-an-email", "Enter an email address like" },
        { "Email", "", "Enter your email address" },
        { "MainConcern", "made-up", "Choose what best describes your main concern." },
        { "Message", new string('m', 1001), "at most 1000 characters" },
        { "Consent", "false", "Please confirm that you have read the privacy notice." },
        { "FullName", "Amna \u202Eiuqiddis", Domain.Text.TextRules.Message },
        { "FullName", "Amna\tSiddiqui", Domain.Text.TextRules.Message },
        { "Message", "Thinning\u0007 at the crown", Domain.Text.TextRules.Message },
        { "Message", "Thinning \u2066at\u2069 the crown", Domain.Text.TextRules.Message },
        { "Email", "amna\u202E@example.test", Domain.Text.TextRules.Message },
    };

    [Fact]
    public async Task AnUrduNameAndMessageAreBookedAsTyped()
    {
        var slot = await FreeSlotAsync("mesotherapy", Monday.AddDays(3));
        var details = BookingVisitor.Details(name: "محمد علی", phone: "0321 5550123", email: "urdu.name@example.test");
        details["Message"] = "بال گر رہے ہیں\nsince last year";

        using var confirmed = await Visitor().BookAsync("mesotherapy", slot.Slot, details);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var reference = confirmed.Headers.Location!.OriginalString[9..18];
        var (name, message) = await _factory.WithDbAsync(db => db.Appointments.Where(a => a.Reference == reference).Select(a => new ValueTuple<string, string?>(a.Patient!.FullName, a.PatientMessage)).SingleAsync());
        Assert.Equal("محمد علی", name);
        Assert.Equal("بال گر رہے ہیں\nsince last year", message);
    }

    [Theory]
    [MemberData(nameof(BadDetails))]
    public async Task BadDetailsAreRefusedBesideTheFieldAndSaveNothing(string field, string value, string message)
    {
        var slot = await FreeSlotAsync("mesotherapy", Monday);
        var details = BookingVisitor.Details(name: "Kept Name");
        details[field] = value;
        var before = await AppointmentCountAsync();

        using var response = await Visitor().SubmitDetailsAsync("mesotherapy", slot.Slot, details);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains($"id=\"{field}-error\"", html, StringComparison.Ordinal);
        if (field != "FullName")
        {
            Assert.Contains("value=\"Kept Name\"", html, StringComparison.Ordinal);
        }

        Assert.Equal(before, await AppointmentCountAsync());
    }

    public static TheoryData<string, string> RefusedSlots => new()
    {
        // In the past (Friday 09:00 Islamabad, an hour ago).
        { "1-20261127T0400Z", "already passed" },
        // Sooner than the two hours' notice (Friday 11:00).
        { "1-20261127T0600Z", "too soon" },
        // Outside working hours (Monday 08:00).
        { "1-20261130T0300Z", "not one the clinician offers" },
        // In the lunch break (Monday 13:15).
        { "1-20261130T0815Z", "not one the clinician offers" },
        // Off the slot step (Monday 10:05).
        { "1-20261130T0505Z", "not one the clinician offers" },
        // Beyond the 60-day horizon.
        { "1-20270301T0500Z", "too far ahead" },
    };

    [Theory]
    [MemberData(nameof(RefusedSlots))]
    public async Task SlotThatCannotBeBookedIsRefusedWithAClearMessageAndSavesNothing(string slot, string message)
    {
        var before = await AppointmentCountAsync();
        var visitor = Visitor();

        using var response = await visitor.BookAsync("mesotherapy", slot, BookingVisitor.Details(phone: "0333 7770001"));
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Equal(before, await AppointmentCountAsync());
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Patients.CountAsync(p => p.PhoneE164 == "+923337770001")));
    }

    [Theory]
    [InlineData("treatment=unknown&clinician=any&slot=1-20261130T0500Z", "/book")]
    [InlineData("treatment=mesotherapy&clinician=any&slot=garbage", "/book/time")]
    [InlineData("treatment=mesotherapy&clinician=any&slot=99-20261130T0500Z", "/book/time")]
    [InlineData("treatment=mesotherapy&clinician=any&slot=2-20261130T0600Z", "/book/time")]
    public async Task AlteredChoiceSendsThePatientBackAStepAndSavesNothing(string query, string redirectedTo)
    {
        var before = await AppointmentCountAsync();
        using var response = await Visitor().Client.GetAsync("/book/details?" + query);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(redirectedTo, new Uri(new Uri("https://localhost"), response.Headers.Location!).AbsolutePath);
        Assert.Equal(before, await AppointmentCountAsync());
    }

    [Fact]
    public async Task AlteredSlotInTheConfirmationIsRefusedAndSavesNothing()
    {
        var slot = await FreeSlotAsync("mesotherapy", Monday.AddDays(2));
        var visitor = Visitor();
        var review = await visitor.ReviewAsync("mesotherapy", slot.Slot);
        var fields = HtmlForms.HiddenFields(review, "/book/confirm");
        fields["Slot"] = "1-20261130T0300Z";
        var before = await AppointmentCountAsync();

        using var response = await visitor.Client.PostAsync("/book/confirm", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not one the clinician offers", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await AppointmentCountAsync());
    }

    [Fact]
    public async Task ConfirmationWithoutAntiforgeryTokenIsRefused()
    {
        var slot = await FreeSlotAsync("mesotherapy", Monday.AddDays(2));
        var visitor = Visitor();
        var fields = HtmlForms.HiddenFields(await visitor.ReviewAsync("mesotherapy", slot.Slot), "/book/confirm");
        fields.Remove("__RequestVerificationToken");
        var before = await AppointmentCountAsync();

        using var response = await visitor.Client.PostAsync("/book/confirm", fields);

        // Refused: nothing booked, and the visitor is sent back with "This form expired" rather than a bare 400.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before, await AppointmentCountAsync());
    }

    [Fact]
    public async Task SubmittingTheSameConfirmationTwiceCreatesOneAppointment()
    {
        var slot = await FreeSlotAsync("prp-therapy", Monday.AddDays(3));
        var visitor = Visitor();
        var review = await visitor.ReviewAsync("prp-therapy", slot.Slot, BookingVisitor.Details(phone: "0345 1112223"));
        var before = await AppointmentCountAsync();

        using var first = await visitor.ConfirmAsync(review);
        using var second = await visitor.ConfirmAsync(review);
        using var third = await visitor.ConfirmAsync(review);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(first.Headers.Location, third.Headers.Location);
        Assert.Equal(before + 1, await AppointmentCountAsync());
    }

    [Fact]
    public async Task TakenTimeShowsTheNearestFreeTimesKeepsTheDetailsAndSavesNothing()
    {
        var slot = await FreeSlotAsync("mesotherapy", Monday.AddDays(4), clinician: "1");
        var winner = Visitor();
        var loser = Visitor();
        var loserReview = await loser.ReviewAsync("mesotherapy", slot.Slot, BookingVisitor.Details(name: "Second Patient", phone: "0301 2223334"));
        using (var won = await winner.BookAsync("mesotherapy", slot.Slot, BookingVisitor.Details(name: "First Patient", phone: "0301 2223335")))
        {
            Assert.Equal(HttpStatusCode.Redirect, won.StatusCode);
        }

        var before = await AppointmentCountAsync();

        using var lost = await loser.ConfirmAsync(loserReview);
        var html = await lost.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, lost.StatusCode);
        Assert.Contains("that time was just taken", html, StringComparison.Ordinal);
        Assert.Contains("Nearest free times", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Second Patient\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{slot.Slot}\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await AppointmentCountAsync());
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Patients.CountAsync(p => p.PhoneE164 == "+923012223334")));
    }

    [Fact]
    public async Task AFirstAvailableBookingThatLosesItsTimeIsOfferedEveryClinicianAndNoLongerShowsTheTakenTime()
    {
        var slot = await FreeSlotAsync("mesotherapy", Monday.AddDays(5), clinician: "1");
        var winner = Visitor();
        var loser = Visitor();
        // The loser chose "first available" (the visitor's default), the winner Dr Ayesha Khan's same time.
        var loserReview = await loser.ReviewAsync("mesotherapy", slot.Slot, BookingVisitor.Details(name: "Any Clinician", phone: "0301 2223340"));
        using (var won = await winner.BookAsync("mesotherapy", slot.Slot, BookingVisitor.Details(name: "First Patient", phone: "0301 2223341")))
        {
            Assert.Equal(HttpStatusCode.Redirect, won.StatusCode);
        }

        using var lost = await loser.ConfirmAsync(loserReview);
        var html = System.Net.WebUtility.HtmlDecode(await lost.Content.ReadAsStringAsync());

        Assert.Contains("that time was just taken", html, StringComparison.Ordinal);
        // Dr Hina Raza also offers mesotherapy: her times are among the nearest, the very same time first of all.
        Assert.Contains("Dr Hina Raza", html, StringComparison.Ordinal);
        Assert.Contains("choose a time below", html, StringComparison.Ordinal);
        Assert.DoesNotContain("(Pakistan time).", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{slot.Slot}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiftyConcurrentConfirmationsForOneSlotGiveExactlyOneAppointment()
    {
        var slot = await FreeSlotAsync("mesotherapy", Monday.AddDays(8), clinician: "1");
        var visitors = Enumerable.Range(0, 50).Select(_ => Visitor()).ToList();
        var reviews = new List<string>();
        for (var i = 0; i < visitors.Count; i++)
        {
            reviews.Add(await visitors[i].ReviewAsync("mesotherapy", slot.Slot, BookingVisitor.Details(name: $"Racer {i}", phone: $"0300 55{i:00}000")));
        }

        var responses = await Task.WhenAll(visitors.Select((v, i) => v.ConfirmAsync(reviews[i])));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"got {(int)r.StatusCode}"));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        var start = slot.Start.UtcDateTime;
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Appointments.CountAsync(a => a.ClinicianId == slot.ClinicianId && a.StartUtc == start)));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task ConcurrentOverlappingBookingsOfDifferentLengthsGiveExactlyOne()
    {
        // Dr Omar (clinician 2) offers a 45-minute transplant consultation and a 30-minute general one.
        var day = Monday.AddDays(9);
        var transplant = (await Visitor().SlotsAsync("hair-transplant", "2", day, day)).First(s => s.Start.Hour == 11 && s.Start.Minute == 0);
        var general = (await Visitor().SlotsAsync("general-consultation", "2", day, day)).First(s => s.Start.Hour == 11 && s.Start.Minute == 15);
        var visitors = Enumerable.Range(0, 20).Select(_ => Visitor()).ToList();
        var reviews = new List<(BookingVisitor Visitor, string Html)>();
        for (var i = 0; i < visitors.Count; i++)
        {
            var (treatment, slot) = i % 2 == 0 ? ("hair-transplant", transplant.Slot) : ("general-consultation", general.Slot);
            reviews.Add((visitors[i], await visitors[i].ReviewAsync(treatment, slot, BookingVisitor.Details(phone: $"0312 44{i:00}000"))));
        }

        var responses = await Task.WhenAll(reviews.Select(r => r.Visitor.ConfirmAsync(r.Html)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        var from = transplant.Start.UtcDateTime;
        var to = transplant.End.UtcDateTime;
        var overlapping = await _factory.WithDbAsync(db => db.Appointments.CountAsync(a => a.ClinicianId == 2 && a.StartUtc < to && a.EndUtc > from));
        Assert.Equal(1, overlapping);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task PatientWithTheSamePhoneIsReusedWithoutSayingSo()
    {
        var day = Monday.AddDays(10);
        var slots = await Visitor().SlotsAsync("mesotherapy", "1", day, day);

        using var first = await Visitor().BookAsync("mesotherapy", slots[0].Slot, BookingVisitor.Details(name: "Repeat Patient", phone: "0300 9998887"));
        using var second = await Visitor().BookAsync("mesotherapy", slots[4].Slot, BookingVisitor.Details(name: "Repeat Patient", phone: "+92 300 999 8887"));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Patients.CountAsync(p => p.PhoneE164 == "+923009998887")));
    }

    [Fact]
    public async Task BookingWithSomeoneElsesNumberNeverShowsTheirName()
    {
        // The demo data has "Demo Patient One" on +923001110001.
        var day = Monday.AddDays(11);
        var slot = (await Visitor().SlotsAsync("mesotherapy", "1", day, day))[0];
        var visitor = Visitor();

        using var response = await visitor.BookAsync("mesotherapy", slot.Slot, BookingVisitor.Details(name: "Someone Else", phone: "0300 1110001"));
        var page = await visitor.Client.GetStringAsync(response.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("Demo Patient One", page, StringComparison.Ordinal);
        Assert.Contains("Your consultation is booked", page, StringComparison.Ordinal);
    }
}
