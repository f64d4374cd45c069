using System.Net;
using DynamicClinic.Domain.Messaging;
using DynamicClinic.IntegrationTests.Booking;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.IntegrationTests.Infrastructure.Email;
using DynamicClinic.IntegrationTests.Infrastructure.Messaging;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Messages;

/// <summary>"How should we reach you?" on the booking form, reception's choice on the record, and "no reminders".</summary>
public class ChannelChoiceTests
{
    private static readonly DateOnly Tuesday = new(2026, 12, 1);

    [Fact]
    public async Task BookingByWhatsAppNeedsNoEmailAndTheConfirmationGoesByWhatsApp()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake);
        await site.SeedDemoDataAsync();
        var visitor = new BookingVisitor(site.CreateClient());
        var slot = (await visitor.SlotsAsync("mesotherapy", "any", Tuesday, Tuesday))[0];
        var details = BookingVisitor.Details(name: "Walk In Texter", phone: "0333 5550111", email: "");
        details["Channel"] = "WhatsApp";

        var details_page = await visitor.Client.GetStringAsync($"/book/details?treatment=mesotherapy&clinician=any&slot={Uri.EscapeDataString(slot.Slot)}");
        Assert.Contains("How should we reach you?", details_page, StringComparison.Ordinal);
        using var booked = await visitor.BookAsync("mesotherapy", slot.Slot, details);

        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        var patient = await site.WithDbAsync(db => db.Patients.SingleAsync(p => p.FullName == "Walk In Texter"));
        Assert.Equal(ContactChannel.WhatsApp, patient.PreferredChannel);
        Assert.Null(patient.Email);
        await Eventually.WaitForAsync(site.OutboxAsync, rows => rows.Any(r => r.SentUtc is not null && r.ToAddress == "+923335550111"), "the WhatsApp confirmation");
        var sent = Assert.Single(fake.Messages, m => m.To == "+923335550111");
        Assert.Equal("appointment_confirmed", sent.Template);
        Assert.Empty(fake.Problems);
    }

    [Fact]
    public async Task ChoosingEmailStillNeedsAnAddressBesideTheField()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake);
        await site.SeedDemoDataAsync();
        var visitor = new BookingVisitor(site.CreateClient());
        var slot = (await visitor.SlotsAsync("mesotherapy", "any", Tuesday, Tuesday))[0];
        var details = BookingVisitor.Details(email: "");
        details["Channel"] = "Email";

        using var response = await visitor.SubmitDetailsAsync("mesotherapy", slot.Slot, details);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("Email-error", html, StringComparison.Ordinal);
        Assert.Contains("Enter your email address so we can send your confirmation.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceptionChangesTheChannelAndSeesNoRemindersWhenNothingReachesThePatient()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake);
        await site.SeedDemoDataAsync();
        var appointment = await site.AddAppointmentAsync("+923001230000", email: null, name: "No Email Patient");
        var reception = await site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);

        var edit = await reception.GetStringAsync($"/staff/patients/{appointment.PatientId}/edit");
        var fields = HtmlForms.HiddenFields(edit, $"/staff/patients/{appointment.PatientId}/edit");
        fields["FullName"] = "No Email Patient";
        fields["Phone"] = "+923001230000";
        fields["Channel"] = "Sms";
        using var saved = await reception.PostAsync($"/staff/patients/{appointment.PatientId}/edit", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(ContactChannel.Sms, (await site.PatientAsync(appointment.PatientId)).PreferredChannel);
        Assert.Contains("SMS", await reception.GetStringAsync($"/staff/patients/{appointment.PatientId}"), StringComparison.Ordinal);

        await site.PostTwilioAsync("/webhooks/twilio/inbound", new() { ["MessageSid"] = "SMstop", ["From"] = "+923001230000", ["Body"] = "STOP" });

        var record = await reception.GetStringAsync($"/staff/patients/{appointment.PatientId}");
        Assert.Contains("No reminders", record, StringComparison.Ordinal);
        Assert.Contains("replied STOP", record, StringComparison.Ordinal);
    }
}
