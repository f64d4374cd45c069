using System.Net;
using System.Text.RegularExpressions;
using DynamicClinic.IntegrationTests.Infrastructure.Messaging;
using DynamicClinic.Web.Infrastructure.Database;

namespace DynamicClinic.IntegrationTests.Calendar;

/// <summary>
/// An appointment the patient confirmed by replying to the reminder is marked on the day grid, and on the week's grid
/// and list ("confirmed by patient" for screen readers, a tick to see); one not confirmed is not.
/// </summary>
public partial class CalendarConfirmedByPatientTests
{
    [GeneratedRegex("<div class=\"cal-appt [^\"]*\"[^>]*>(?:(?!</div>).)*</div>", RegexOptions.Singleline)]
    private static partial Regex GridAppointment();

    [GeneratedRegex("<li class=\"ci [^\"]*\">(?:(?!</li>).)*</li>", RegexOptions.Singleline)]
    private static partial Regex ListAppointment();

    [Fact]
    public async Task AnAppointmentConfirmedByReplyIsMarkedOnTheDayAndWeek()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake);
        await site.SeedDemoDataAsync();
        // 28 November 2026, 11:00 and 12:00 clinic time.
        var confirmed = await site.AddAppointmentAsync("+923001234567", fromNow: TimeSpan.FromHours(25), name: "Replied Patient");
        var silent = await site.AddAppointmentAsync("+923007654321", fromNow: TimeSpan.FromHours(26), name: "Silent Patient");

        var reply = MessagingAppFactory.WhatsAppButton("wamid.cal1", "+923001234567", $"CONFIRM|{confirmed.Reference}");
        Assert.Equal(HttpStatusCode.OK, (await site.PostWhatsAppAsync(reply)).StatusCode);
        Assert.NotNull((await site.AppointmentAsync(confirmed.Id)).PatientConfirmedUtc);

        using var client = await site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);
        var day = await client.GetStringAsync("/staff/calendar?date=2026-11-28");
        AssertMarkedOnlyOn(GridAppointment(), day, "Replied Patient", "Silent Patient");

        var week = await client.GetStringAsync($"/staff/calendar/week?clinician={confirmed.ClinicianId}&date=2026-11-28");
        AssertMarkedOnlyOn(GridAppointment(), week, "Replied Patient", "Silent Patient");
        AssertMarkedOnlyOn(ListAppointment(), week, "Replied Patient", "Silent Patient");
    }

    private static void AssertMarkedOnlyOn(Regex item, string html, string confirmedName, string otherName)
    {
        var items = item.Matches(html).Select(m => m.Value).ToList();
        var confirmedItem = Assert.Single(items, i => i.Contains(confirmedName, StringComparison.Ordinal));
        var otherItem = Assert.Single(items, i => i.Contains(otherName, StringComparison.Ordinal));
        Assert.Contains("<span class=\"cal-sr\">, confirmed by patient</span>", confirmedItem, StringComparison.Ordinal);
        Assert.Contains("title=\"Confirmed by patient\"", confirmedItem, StringComparison.Ordinal);
        Assert.DoesNotContain("confirmed by patient", otherItem, StringComparison.OrdinalIgnoreCase);
    }
}
