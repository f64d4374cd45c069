using System.Net;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Booking;

/// <summary>The patient's manage link: see, cancel and reschedule, and nothing for a wrong token.</summary>
public class ManageBookingTests : IClassFixture<ManageBookingTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private static readonly DateOnly Tuesday = new(2026, 12, 1);
    private readonly Factory _factory;

    public ManageBookingTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => await _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(BookingVisitor Visitor, string Link, string Reference, SlotDto Slot)> BookAsync(DateOnly day, string name)
    {
        var visitor = new BookingVisitor(_factory.CreateClient());
        var slot = (await visitor.SlotsAsync("mesotherapy", "1", day, day))[0];
        using var response = await visitor.BookAsync("mesotherapy", slot.Slot, BookingVisitor.Details(name: name, phone: "0300 4440001", email: "manage@example.test"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var link = response.Headers.Location!.OriginalString.Replace("&confirmed=1", "", StringComparison.Ordinal);
        return (visitor, link, link[9..18], slot);
    }

    [Theory]
    [InlineData("?token=wrong-token")]
    [InlineData("")]
    [InlineData("?token=")]
    public async Task WrongOrMissingTokenRevealsNothing(string query)
    {
        var (_, _, reference, slot) = await BookAsync(Tuesday, "Private Person");
        using var stranger = _factory.CreateClient();

        using var response = await stranger.GetAsync($"/booking/{reference}{query}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Private Person", html, StringComparison.Ordinal);
        Assert.DoesNotContain(reference, html, StringComparison.Ordinal);
        Assert.DoesNotContain(slot.Start.ToString("dddd d MMMM", System.Globalization.CultureInfo.InvariantCulture), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownReferenceLooksExactlyLikeAWrongToken()
    {
        using var client = _factory.CreateClient();
        using var unknown = await client.GetAsync("/booking/DC-777777?token=abc");
        using var malformed = await client.GetAsync("/booking/not-a-reference?token=abc");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
    }

    [Fact]
    public async Task CancellingWithTheLinkFreesTheTimeAndQueuesAnEmail()
    {
        var (visitor, link, reference, slot) = await BookAsync(Tuesday.AddDays(1), "Cancelling Patient");
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        Assert.Contains($"/booking/{reference}/cancel?token=", await visitor.Client.GetStringAsync(link), StringComparison.Ordinal);
        // The second step asks before anything changes.
        var confirm = await visitor.Client.GetStringAsync($"/booking/{reference}/cancel?token={token}");
        Assert.Contains("Cancel this appointment?", confirm, StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.Booked, await _factory.WithDbAsync(db => db.Appointments.Where(a => a.Reference == reference).Select(a => a.Status).SingleAsync()));
        var fields = HtmlForms.HiddenFields(confirm, $"/booking/{reference}/cancel");

        using var response = await visitor.Client.PostAsync($"/booking/{reference}/cancel", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Booking cancelled", await visitor.Client.GetStringAsync(link), StringComparison.Ordinal);
        await _factory.WithDbAsync(async db =>
        {
            var appointment = await db.Appointments.Include(a => a.TimeBlocks).SingleAsync(a => a.Reference == reference);
            Assert.Equal(AppointmentStatus.Cancelled, appointment.Status);
            Assert.Empty(appointment.TimeBlocks);
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.AppointmentId == appointment.Id && m.Kind == "BookingCancelled"));
            return 0;
        });
        var slotsAfter = await visitor.SlotsAsync("mesotherapy", "1", Tuesday.AddDays(1), Tuesday.AddDays(1));
        Assert.Contains(slotsAfter, s => s.Slot == slot.Slot);
    }

    [Fact]
    public async Task CancellingWithAWrongTokenChangesNothing()
    {
        var (visitor, link, reference, _) = await BookAsync(Tuesday.AddDays(2), "Safe Patient");
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        var fields = HtmlForms.HiddenFields(await visitor.Client.GetStringAsync($"/booking/{reference}/cancel?token={token}"), $"/booking/{reference}/cancel");
        fields["token"] = "guessed";

        using var response = await visitor.Client.PostAsync($"/booking/{reference}/cancel", fields);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(AppointmentStatus.Booked, await _factory.WithDbAsync(db => db.Appointments.Where(a => a.Reference == reference).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task ReschedulingMovesTheAppointmentAndReleasesTheOldTime()
    {
        var day = Tuesday.AddDays(3);
        var (visitor, link, reference, oldSlot) = await BookAsync(day, "Moving Patient");
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        var page = await visitor.Client.GetStringAsync($"/booking/{reference}/reschedule?token={token}&date={day:yyyy-MM-dd}");
        var fields = HtmlForms.HiddenFields(page, $"/booking/{reference}/reschedule");
        var newSlot = (await visitor.SlotsAsync("mesotherapy", "1", day, day)).Last();
        fields["slot"] = newSlot.Slot;

        using var response = await visitor.Client.PostAsync($"/booking/{reference}/reschedule", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await _factory.WithDbAsync(async db =>
        {
            var appointment = await db.Appointments.Include(a => a.TimeBlocks).SingleAsync(a => a.Reference == reference);
            Assert.Equal(newSlot.Start.UtcDateTime, appointment.StartUtc);
            Assert.Equal(AppointmentStatus.Booked, appointment.Status);
            Assert.Equal(6, appointment.TimeBlocks.Count);
            Assert.All(appointment.TimeBlocks, b => Assert.True(b.StartUtc >= appointment.StartUtc && b.StartUtc < appointment.EndUtc));
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.AppointmentId == appointment.Id && m.Kind == "BookingRescheduled"));
            return 0;
        });
        Assert.Contains(await visitor.SlotsAsync("mesotherapy", "1", day, day), s => s.Slot == oldSlot.Slot);
    }

    [Fact]
    public async Task ReschedulingOntoATakenTimeKeepsTheOriginalAppointment()
    {
        var day = Tuesday.AddDays(4);
        var (visitor, link, reference, oldSlot) = await BookAsync(day, "Staying Patient");
        var (_, _, _, takenSlot) = await BookAsync(day, "Other Patient");
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        var page = await visitor.Client.GetStringAsync($"/booking/{reference}/reschedule?token={token}&date={day:yyyy-MM-dd}");
        var fields = HtmlForms.HiddenFields(page, $"/booking/{reference}/reschedule");
        fields["slot"] = takenSlot.Slot;

        using var response = await visitor.Client.PostAsync($"/booking/{reference}/reschedule", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That time was just taken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(oldSlot.Start.UtcDateTime, await _factory.WithDbAsync(db => db.Appointments.Where(a => a.Reference == reference).Select(a => a.StartUtc).SingleAsync()));
    }

    [Fact]
    public async Task ACancelPostWithoutTheConfirmationStepOnlyShowsThatStep()
    {
        var (visitor, link, reference, _) = await BookAsync(Tuesday.AddDays(7), "Hasty Patient");
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        var fields = HtmlForms.HiddenFields(await visitor.Client.GetStringAsync($"/booking/{reference}/cancel?token={token}"), $"/booking/{reference}/cancel");
        fields.Remove("confirm");

        using var response = await visitor.Client.PostAsync($"/booking/{reference}/cancel", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"/booking/{reference}/cancel?token=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.Booked, await _factory.WithDbAsync(db => db.Appointments.Where(a => a.Reference == reference).Select(a => a.Status).SingleAsync()));
    }
}

/// <summary>Moves the clock, so it has a site of its own.</summary>
public class ManageBookingCutoffTests : IClassFixture<ManageBookingCutoffTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _factory;

    public ManageBookingCutoffTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => await _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AfterTheCutoffThePageGivesThePhoneNumberInsteadOfCancelling()
    {
        var visitor = new BookingVisitor(_factory.CreateClient());
        var day = new DateOnly(2026, 11, 30);
        var slot = (await visitor.SlotsAsync("mesotherapy", "1", day, day))[0];
        using var booked = await visitor.BookAsync("mesotherapy", slot.Slot, BookingVisitor.Details(name: "Late Patient"));
        var link = booked.Headers.Location!.OriginalString.Replace("&confirmed=1", "", StringComparison.Ordinal);
        var reference = link[9..18];
        var fields = HtmlForms.HiddenFields(await visitor.Client.GetStringAsync(link.Replace("?token=", "/cancel?token=", StringComparison.Ordinal)), $"/booking/{reference}/cancel");

        // Twelve hours before the appointment: inside the 24-hour cutoff.
        _factory.Clock.SetUtcNow(slot.Start.AddHours(-12));
        var page = await visitor.Client.GetStringAsync(link);
        using var response = await visitor.Client.PostAsync($"/booking/{reference}/cancel", fields);

        Assert.Contains("please call the clinic", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"action=\"/booking/{reference}/cancel\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(AppointmentStatus.Booked, await _factory.WithDbAsync(db => db.Appointments.Where(a => a.Reference == reference).Select(a => a.Status).SingleAsync()));
        Assert.Contains("too close to the appointment", await visitor.Client.GetStringAsync(link), StringComparison.Ordinal);
    }
}
