using System.Net;
using DynamicClinic.Domain.Messaging;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.IntegrationTests.Infrastructure.Email;
using DynamicClinic.IntegrationTests.Infrastructure.Messaging;
using DynamicClinic.Web.Infrastructure.Database;

namespace DynamicClinic.IntegrationTests.Messages;

/// <summary>Reception's inbox at /staff/messages.</summary>
public class ReceptionInboxTests
{
    private const string Mobile = "+923001234567";

    // The demo data queues emails of its own; these tests look at reception's answers only.
    private static Func<Task<List<Data.Outbox.OutboxMessage>>> Replies(MessagingAppFactory site) =>
        async () => (await site.OutboxAsync()).Where(m => m.Kind == "Reply").ToList();

    [Fact]
    public async Task ReceptionSeesTheMessageEncodedWithEveryRecordOnTheNumberAndAnswersIt()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake);
        await site.SeedDemoDataAsync();
        await site.AddAppointmentAsync(Mobile, name: "Mother Record");
        await site.AddAppointmentAsync(Mobile, name: "Son Record");
        await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppText("wamid.x1", Mobile, "<script>alert(1)</script> Can I bring my son?"));
        await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppText("wamid.x2", "+923339998888", "who is this?"));
        var reception = await site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);

        var page = await reception.GetStringAsync("/staff/messages");

        Assert.Contains("Messages (2 unread)", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", page, StringComparison.Ordinal);
        Assert.Contains("Mother Record", page, StringComparison.Ordinal);
        Assert.Contains("Son Record", page, StringComparison.Ordinal);
        Assert.Contains("Not on any patient", page, StringComparison.Ordinal);

        var inbound = await site.InboundAsync();
        var fields = HtmlForms.HiddenFields(page, $"/staff/messages/{inbound[0].Id}/answer");
        fields["Text"] = "Yes, you are welcome to.";
        using var answered = await reception.PostAsync($"/staff/messages/{inbound[0].Id}/answer", fields);
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var sent = (await Eventually.WaitForAsync(Replies(site), r => r.Count == 1 && r[0].SentUtc is not null, "the answer"));
        Assert.Equal(Mobile, sent[0].ToAddress);
        Assert.Equal(ContactChannel.WhatsApp, sent[0].Channel);
        Assert.Equal("Yes, you are welcome to.", Assert.Single(fake.Messages, m => m.To == Mobile).Text);

        // The unknown number gets no answer form, and a forged answer sends nothing.
        var unknownFields = HtmlForms.HiddenFields(page, $"/staff/messages/{inbound[0].Id}/answer");
        unknownFields["Text"] = "Hello";
        using var refused = await reception.PostAsync($"/staff/messages/{inbound[1].Id}/answer", unknownFields);
        Assert.Single(await Replies(site)());
        Assert.Contains("Messages (1 unread)", await reception.GetStringAsync("/staff/messages"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerAfterTheWindowGoesAsTheTemplate()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake);
        await site.SeedDemoDataAsync();
        await site.AddAppointmentAsync(Mobile);
        await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppText("wamid.w1", Mobile, "Hello?"));
        site.Clock.Advance(TimeSpan.FromHours(25));
        var reception = await site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);
        var page = await reception.GetStringAsync("/staff/messages");
        var id = (await site.InboundAsync())[0].Id;
        var fields = HtmlForms.HiddenFields(page, $"/staff/messages/{id}/answer");
        fields["Text"] = "Sorry for the wait.";

        await reception.PostAsync($"/staff/messages/{id}/answer", fields);
        await Eventually.WaitForAsync(Replies(site), r => r.Count == 1 && r[0].SentUtc is not null, "the template");

        Assert.Equal("clinic_reply", Assert.Single(fake.Messages, m => m.To == Mobile).Template);
        Assert.Empty(fake.Problems);
    }
}
