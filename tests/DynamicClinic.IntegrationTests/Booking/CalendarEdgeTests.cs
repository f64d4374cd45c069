using System.Net;
using DynamicClinic.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Booking;

/// <summary>Hand-made times and dates at the ends of the calendar (year 1, year 9999) are refused with a message, never a 500.</summary>
public class CalendarEdgeTests : IClassFixture<CalendarEdgeTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private static readonly DateOnly Wednesday = new(2026, 12, 2);
    private readonly Factory _factory;

    public CalendarEdgeTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => await _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string> EdgeSlots => new() { "1-00010101T0000Z", "1-00010101T0500Z", "1-99991231T2345Z", "1-19991231T0500Z", "1-21010101T0500Z" };

    [Theory]
    [MemberData(nameof(EdgeSlots))]
    public async Task ConfirmingATimeAtTheEdgeOfTheCalendarSendsThePatientBackToChooseATime(string edgeSlot)
    {
        var visitor = new BookingVisitor(_factory.CreateClient());
        var slot = (await visitor.SlotsAsync("mesotherapy", "1", Wednesday, Wednesday))[0];
        var review = await visitor.ReviewAsync("mesotherapy", slot.Slot);
        var fields = HtmlForms.HiddenFields(review, "/book/confirm");
        fields["Slot"] = edgeSlot;
        var before = await _factory.WithDbAsync(db => db.Appointments.CountAsync());

        using var response = await visitor.Client.PostAsync("/book/confirm", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/book/time", location, StringComparison.Ordinal);
        Assert.Contains("Please choose a time from the list.", await visitor.Client.GetStringAsync(location), StringComparison.Ordinal);
        Assert.Equal(before, await _factory.WithDbAsync(db => db.Appointments.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(EdgeSlots))]
    public async Task ReschedulingToATimeAtTheEdgeOfTheCalendarKeepsTheAppointment(string edgeSlot)
    {
        var visitor = new BookingVisitor(_factory.CreateClient());
        var slot = (await visitor.SlotsAsync("mesotherapy", "1", Wednesday.AddDays(1), Wednesday.AddDays(1)))[0];
        using var booked = await visitor.BookAsync("mesotherapy", slot.Slot, BookingVisitor.Details(phone: "0300 4440002", email: "edge@example.test"));
        var link = booked.Headers.Location!.OriginalString.Replace("&confirmed=1", "", StringComparison.Ordinal);
        var reference = link[9..18];
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        var page = await visitor.Client.GetStringAsync($"/booking/{reference}/reschedule?token={token}&date={Wednesday.AddDays(1):yyyy-MM-dd}");
        var fields = HtmlForms.HiddenFields(page, $"/booking/{reference}/reschedule");
        fields["slot"] = edgeSlot;

        using var response = await visitor.Client.PostAsync($"/booking/{reference}/reschedule", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Please choose one of the times shown.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(slot.Start.UtcDateTime, await _factory.WithDbAsync(db => db.Appointments.Where(a => a.Reference == reference).Select(a => a.StartUtc).SingleAsync()));
    }

    [Theory]
    [InlineData("from=0001-01-01&to=0001-01-02", "from")]
    [InlineData("from=9999-12-30&to=9999-12-31", "from")]
    [InlineData("from=2026-12-01&to=9999-12-31", "to")]
    public async Task TheSlotsFeedRefusesDatesAtTheEdgeOfTheCalendar(string range, string field)
    {
        using var response = await _factory.CreateClient().GetAsync("/book/slots?treatment=mesotherapy&" + range);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("date=0001-01-01")]
    [InlineData("date=9999-12-31")]
    [InlineData("from=9999-12-31")]
    [InlineData("from=0001-01-01&date=0001-01-01")]
    public async Task TheTimePageIgnoresDatesAtTheEdgeOfTheCalendar(string query)
    {
        using var response = await _factory.CreateClient().GetAsync("/book/time?treatment=mesotherapy&clinician=any&" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose a date and time", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
