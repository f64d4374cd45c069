using Deque.AxeCore.Playwright;
using DynamicClinic.BrowserTests.Booking;
using DynamicClinic.BrowserTests.Infrastructure;
using DynamicClinic.Data;
using DynamicClinic.Domain.Messaging;
using DynamicClinic.Web.Features.Messages;
using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Infrastructure.Messaging;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DynamicClinic.BrowserTests.Messages;

/// <summary>
/// A patient with no email books online at phone width choosing WhatsApp; she then writes to the clinic (the message
/// arrives through the site's own inbound handling, as the signed webhook delivers it), and reception, also at phone
/// width, finds it at /staff/messages under her record and answers it.
/// </summary>
[Collection(SharedBrowser.Name)]
public class WhatsAppInboxJourneyTests(BrowserFixture browser)
{
    private const string Phone = "0300 1234592";
    private const string PhoneE164 = "+923001234592";
    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    [Fact]
    public async Task PatientBooksChoosingWhatsAppAndReceptionAnswersHerMessage()
    {
        await using var context = await browser.NewContextAsync(Viewport.Phone);
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);
        var today = browser.Site.Services.GetRequiredService<ClinicClock>().Today;
        var patient = BookingPatient.Sample("Rukhsana Abbasi", Phone) with { Email = "" };

        await page.GotoAsync(BookingSteps.StartPath);
        await page.ContinueWithFirstAvailableAsync();
        await page.ChooseFirstDateAsync(today.AddDays(5));
        await page.ChooseFirstTimeAsync();
        await page.ContinueToDetailsAsync();
        await page.FillDetailsAsync(patient);
        await page.GetByLabel("WhatsApp on my mobile").CheckAsync();
        await page.SaveScreenshotAsync("1-details-whatsapp");
        await page.SubmitDetailsAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check and confirm", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.ReviewList()).ToContainTextAsync("WhatsApp");
        await page.ConfirmAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your consultation is booked.");
        await Expect(page.Locator(".booking")).Not.ToContainTextAsync("emailed you");
        var reference = await page.Locator(".reference strong").InnerTextAsync();
        await page.SaveScreenshotAsync("2-booked");

        var record = await WithDbAsync(db => db.Appointments.AsNoTracking()
            .Where(a => a.Reference == reference)
            .Select(a => new { a.Patient!.Id, a.Patient.PreferredChannel, a.Patient.Email, a.Patient.PhoneE164 })
            .SingleAsync());
        Assert.Equal(ContactChannel.WhatsApp, record.PreferredChannel);
        Assert.True(string.IsNullOrEmpty(record.Email));
        Assert.Equal(PhoneE164, record.PhoneE164);

        // She writes to the clinic on WhatsApp. The text carries markup, which must show as text.
        const string Written = "Can I bring my sister along? <b>Thanks</b>";
        await using (var scope = browser.Site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PatientReplies>()
                .ReceiveAsync(ContactChannel.WhatsApp, "wamid.browser-inbox-1", PhoneE164, Written, CancellationToken.None);
        }

        await using var desk = await browser.NewContextAsync(Viewport.Phone);
        var reception = await desk.NewPageAsync();
        var deskProblems = PageProblems.Watch(reception);
        await reception.GotoAsync("/staff/messages");
        await reception.GetByLabel("Work email").FillAsync(DemoDataSeeder.ReceptionEmail);
        await reception.GetByLabel("Password").FillAsync(DemoDataSeeder.DemoPassword);
        await reception.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(reception.GetByRole(AriaRole.Heading, new() { Name = "Messages", Level = 1 })).ToBeVisibleAsync();

        var item = reception.Locator(".inbox-item").Filter(new() { HasText = "Can I bring my sister along?" });
        await Expect(item).ToHaveCountAsync(1);
        await Expect(item).ToContainTextAsync("(unread)");
        await Expect(item.Locator(".message-text")).ToHaveTextAsync(Written);
        await Expect(item.Locator(".message-text b")).ToHaveCountAsync(0);
        await Expect(item.GetByRole(AriaRole.Link, new() { Name = "Rukhsana Abbasi" })).ToHaveAttributeAsync("href", $"/staff/patients/{record.Id}");
        await reception.SaveScreenshotAsync("3-inbox");
        await reception.AssertNoSidewaysScrollAsync();
        await AssertNoBlockingAxeViolationsAsync(reception);

        await item.GetByLabel("Answer").FillAsync("Yes, of course. See you then.");
        await item.GetByRole(AriaRole.Button, new() { Name = "Send answer" }).ClickAsync();
        await Expect(reception.GetByRole(AriaRole.Status)).ToHaveTextAsync("Answer sent.");
        var answered = reception.Locator(".inbox-item").Filter(new() { HasText = "Can I bring my sister along?" });
        await Expect(answered).Not.ToContainTextAsync("(unread)");
        await reception.SaveScreenshotAsync("4-answered");
        await AssertNoBlockingAxeViolationsAsync(reception);

        // Inside WhatsApp's 24-hour window: her words answered as free text, to her number, on WhatsApp.
        var answer = await WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.ToAddress == PhoneE164 && m.Kind == PatientReplies.ReplyKind)
            .SingleAsync());
        Assert.Equal(ContactChannel.WhatsApp, answer.Channel);
        Assert.Equal(TextTemplates.FreeText, answer.Template);
        Assert.Equal("Yes, of course. See you then.", answer.TextBody);
        problems.AssertNone();
        deskProblems.AssertNone();
    }

    private static async Task AssertNoBlockingAxeViolationsAsync(IPage page)
    {
        var results = await page.RunAxe();
        var blocking = results.Violations.Where(v => BlockingImpacts.Contains(v.Impact)).ToList();
        Assert.True(blocking.Count == 0, string.Join("\n", blocking.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})")));
    }

    private async Task<T> WithDbAsync<T>(Func<ClinicDbContext, Task<T>> work)
    {
        await using var scope = browser.Site.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ClinicDbContext>());
    }
}
