using System.Net;
using System.Text;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.IntegrationTests.Booking;
using DynamicClinic.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Scheduling;

/// <summary>
/// One phone, two people (a mother and her son): each booking lands on its own person's record, and every message
/// about an appointment goes to that appointment's own patient. Also: joining the same person, manage links per
/// message, the calendar entry's UID across a move and a cancellation, and "Add to calendar".
/// </summary>
public class SharedPhoneTests : IClassFixture<SharedPhoneTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private static readonly DateOnly Tuesday = new(2026, 12, 1);
    private readonly Factory _factory;

    public SharedPhoneTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => await _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<(BookingVisitor Visitor, string Reference, string Token)> BookAsync(DateOnly day, int index, string name, string phone, string email) =>
        OnlineBooking.BookAsync(_factory, day, index, name, phone, email);

    [Fact]
    public async Task TwoPeopleOnOnePhoneGetTwoRecordsAndOnlyTheirOwnEmails()
    {
        var (_, motherRef, _) = await BookAsync(Tuesday, 0, "Nasreen Akhtar", "0300 7770001", "nasreen@example.test");
        var (son, sonRef, sonToken) = await BookAsync(Tuesday, 2, "Bilal Akhtar", "0300 7770001", "bilal@example.test");

        var (mother, sonRecord) = await _factory.WithDbAsync(async db => (
            await db.Appointments.Include(a => a.Patient).SingleAsync(a => a.Reference == motherRef),
            await db.Appointments.Include(a => a.Patient).SingleAsync(a => a.Reference == sonRef)));
        Assert.NotEqual(mother.PatientId, sonRecord.PatientId);
        Assert.Equal("Bilal Akhtar", sonRecord.Patient!.FullName);
        Assert.Equal("Nasreen Akhtar", mother.Patient!.FullName);
        // Reception is asked whether they are one person; the son's page never says a record existed.
        Assert.Equal(mother.PatientId, sonRecord.Patient.PossibleDuplicateOfPatientId);
        Assert.Null(mother.Patient.PossibleDuplicateOfPatientId);

        // He moves, then cancels, from his own link: every email goes to him, none to her.
        var day = Tuesday.AddDays(1);
        var page = await son.Client.GetStringAsync($"/booking/{sonRef}/reschedule?token={Uri.EscapeDataString(sonToken)}&date={day:yyyy-MM-dd}");
        Assert.DoesNotContain("Nasreen", page, StringComparison.Ordinal);
        var fields = HtmlForms.HiddenFields(page, $"/booking/{sonRef}/reschedule");
        fields["slot"] = (await son.SlotsAsync("mesotherapy", "1", day, day))[1].Slot;
        using (var moved = await son.Client.PostAsync($"/booking/{sonRef}/reschedule", fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        }

        var confirm = await son.Client.GetStringAsync($"/booking/{sonRef}/cancel?token={Uri.EscapeDataString(sonToken)}");
        using (var cancelled = await son.Client.PostAsync($"/booking/{sonRef}/cancel", HtmlForms.HiddenFields(confirm, $"/booking/{sonRef}/cancel")))
        {
            Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        }

        var messages = await _factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.AppointmentId == mother.Id || m.AppointmentId == sonRecord.Id)
            .Select(m => new { m.AppointmentId, m.Kind, m.ToAddress, m.ToName })
            .ToListAsync());
        var his = messages.Where(m => m.AppointmentId == sonRecord.Id).ToList();
        Assert.Equal(["BookingConfirmed", "BookingRescheduled", "BookingCancelled"], his.Select(m => m.Kind));
        Assert.All(his, m => Assert.Equal("bilal@example.test", m.ToAddress));
        Assert.All(his, m => Assert.Equal("Bilal Akhtar", m.ToName));
        Assert.All(messages.Where(m => m.AppointmentId == mother.Id), m => Assert.Equal("nasreen@example.test", m.ToAddress));
        Assert.DoesNotContain(messages, m => m.AppointmentId == sonRecord.Id && m.ToAddress == "nasreen@example.test");
    }

    [Fact]
    public async Task TheSamePersonAgainJoinsTheirRecordWithoutChangingIt()
    {
        var (_, first, _) = await BookAsync(Tuesday.AddDays(2), 0, "Muhammad Ali Raza", "0300 7770002", "ali.raza@example.test");
        // Case, spacing and accents folded; a new email typed is not written over the record's.
        var (_, again, _) = await BookAsync(Tuesday.AddDays(2), 2, "  muhammad   ALÍ raza ", "+92 300 7770002", "new.address@example.test");
        // Same phone and same email, the name written differently: the same person too.
        var (_, third, _) = await BookAsync(Tuesday.AddDays(2), 4, "M. Ali Raza", "03007770002", "ALI.RAZA@example.test");

        var rows = await _factory.WithDbAsync(db => db.Appointments.Include(a => a.Patient)
            .Where(a => a.Reference == first || a.Reference == again || a.Reference == third).ToListAsync());
        Assert.Single(rows.Select(a => a.PatientId).Distinct());
        var patient = rows[0].Patient!;
        Assert.Equal("Muhammad Ali Raza", patient.FullName);
        Assert.Equal("ali.raza@example.test", patient.Email);
        Assert.Null(patient.PossibleDuplicateOfPatientId);
        var addresses = await _factory.WithDbAsync(db => db.OutboxMessages.Where(m => rows.Select(r => r.Id).Contains(m.AppointmentId!.Value)).Select(m => m.ToAddress).Distinct().ToListAsync());
        Assert.Equal(["ali.raza@example.test"], addresses);
    }

    [Fact]
    public async Task EveryMessageCarriesAWorkingLinkOfItsOwnAndAMoveKeepsTheCalendarEntry()
    {
        var (visitor, reference, pageToken) = await BookAsync(Tuesday.AddDays(3), 0, "Sadia Noor", "0300 7770003", "sadia@example.test");
        var day = Tuesday.AddDays(3);
        var page = await visitor.Client.GetStringAsync($"/booking/{reference}/reschedule?token={Uri.EscapeDataString(pageToken)}&date={day:yyyy-MM-dd}");
        var fields = HtmlForms.HiddenFields(page, $"/booking/{reference}/reschedule");
        fields["slot"] = (await visitor.SlotsAsync("mesotherapy", "1", day, day))[3].Slot;
        using (await visitor.Client.PostAsync($"/booking/{reference}/reschedule", fields))
        {
        }

        var emails = await _factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Appointment!.Reference == reference).OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(["BookingConfirmed", "BookingRescheduled"], emails.Select(m => m.Kind));
        var links = emails.Select(m => LinkIn(m.TextBody, reference)).ToList();
        Assert.Equal(2, links.Distinct().Count());
        Assert.DoesNotContain(links, l => l.Contains(pageToken, StringComparison.Ordinal));
        var anonymous = _factory.CreateClient();
        foreach (var link in links)
        {
            using var opened = await anonymous.GetAsync(new Uri(link).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }

        var booked = Ical.Net.Calendar.Load(Encoding.UTF8.GetString(emails[0].AttachmentContent!))!.Events.Single();
        var moved = Ical.Net.Calendar.Load(Encoding.UTF8.GetString(emails[1].AttachmentContent!))!;
        Assert.Equal(booked.Uid, moved.Events.Single().Uid);
        Assert.True(moved.Events.Single().Sequence > booked.Sequence);
        Assert.Equal("REQUEST", moved.Method);

        // "Add to calendar" on the manage page is the same entry as the latest email's.
        var manage = await anonymous.GetStringAsync(new Uri(links[1]).PathAndQuery);
        Assert.Contains("Add to calendar", manage, StringComparison.Ordinal);
        using var download = await anonymous.GetAsync($"/booking/{reference}/calendar.ics?token={Uri.EscapeDataString(pageToken)}");
        Assert.Equal("text/calendar", download.Content.Headers.ContentType!.MediaType);
        var downloaded = Ical.Net.Calendar.Load(await download.Content.ReadAsStringAsync())!.Events.Single();
        Assert.Equal(booked.Uid, downloaded.Uid);
        Assert.Equal(moved.Events.Single().Sequence, downloaded.Sequence);
        Assert.Equal(moved.Events.Single().DtStart!.AsUtc, downloaded.DtStart!.AsUtc);

        // A cancellation removes the same entry from the patient's calendar.
        var confirm = await anonymous.GetStringAsync($"/booking/{reference}/cancel?token={Uri.EscapeDataString(pageToken)}");
        using (await anonymous.PostAsync($"/booking/{reference}/cancel", HtmlForms.HiddenFields(confirm, $"/booking/{reference}/cancel")))
        {
        }

        var cancellation = await _factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Appointment!.Reference == reference && m.Kind == "BookingCancelled"));
        var cancelled = Ical.Net.Calendar.Load(Encoding.UTF8.GetString(cancellation.AttachmentContent!))!;
        Assert.Equal("CANCEL", cancelled.Method);
        Assert.Equal(booked.Uid, cancelled.Events.Single().Uid);
        Assert.True(cancelled.Events.Single().Sequence > moved.Events.Single().Sequence);
    }

    private static string LinkIn(string text, string reference)
    {
        var start = text.IndexOf($"/booking/{reference}?token=", StringComparison.Ordinal);
        Assert.True(start > 0, "the email has no manage link");
        var from = text.LastIndexOf("http", start, StringComparison.Ordinal);
        var end = text.IndexOfAny([' ', '\n', '\r', ')'], start);
        return text[from..(end < 0 ? text.Length : end)];
    }
}

/// <summary>Manage links expire when the appointment is over (a class of its own: it moves the clock on).</summary>
public class ManageLinkExpiryTests : IClassFixture<ManageLinkExpiryTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private static readonly DateOnly Tuesday = new(2026, 12, 1);
    private readonly Factory _factory;

    public ManageLinkExpiryTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => await _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<(BookingVisitor Visitor, string Reference, string Token)> BookAsync(DateOnly day, int index, string name, string phone, string email) =>
        OnlineBooking.BookAsync(_factory, day, index, name, phone, email);

    [Fact]
    public async Task ALinkStopsWorkingOnceTheAppointmentIsOver()
    {
        var (visitor, reference, token) = await BookAsync(Tuesday.AddDays(8), 0, "Over Soon", "0300 7770004", "over@example.test");
        var end = await _factory.WithDbAsync(db => db.Appointments.Where(a => a.Reference == reference).Select(a => a.EndUtc).SingleAsync());
        var link = $"/booking/{reference}?token={Uri.EscapeDataString(token)}";
        using (var before = await visitor.Client.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // A class of its own: its clock moves past the appointment.
        _factory.Clock.SetUtcNow(new DateTimeOffset(end, TimeSpan.Zero).AddMinutes(1));
        using var after = await visitor.Client.GetAsync(link);

        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }
}

/// <summary>A mesotherapy consultation booked online with clinician 1: the visitor, the reference and the page's link secret.</summary>
internal static class OnlineBooking
{
    public static async Task<(BookingVisitor Visitor, string Reference, string Token)> BookAsync(
        ClinicAppFactory factory, DateOnly day, int index, string name, string phone, string email)
    {
        var visitor = new BookingVisitor(factory.CreateClient());
        var slot = (await visitor.SlotsAsync("mesotherapy", "1", day, day))[index];
        using var response = await visitor.BookAsync("mesotherapy", slot.Slot, BookingVisitor.Details(name: name, phone: phone, email: email));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        var token = Uri.UnescapeDataString(location[(location.IndexOf("token=", StringComparison.Ordinal) + 6)..location.IndexOf('&', StringComparison.Ordinal)]);
        return (visitor, location[9..18], token);
    }
}
