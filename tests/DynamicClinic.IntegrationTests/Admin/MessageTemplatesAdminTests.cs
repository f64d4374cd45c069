using System.Net;
using System.Text.RegularExpressions;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Infrastructure.Messaging;

namespace DynamicClinic.IntegrationTests.Admin;

/// <summary>The admin preview of the WhatsApp/SMS templates at /staff/admin/messages.</summary>
public partial class MessageTemplatesAdminTests : IClassFixture<MessageTemplatesAdminTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _factory;

    public MessageTemplatesAdminTests(Factory factory) => _factory = factory;

    public Task InitializeAsync() => _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [GeneratedRegex("<div class=\"template-preview__sample\">(?:(?!</div>).)*</div>", RegexOptions.Singleline)]
    private static partial Regex Sample();

    [Fact]
    public async Task AdminSeesEveryTemplateInEnglishAndUrduWithItsSmsLength()
    {
        using var client = await _factory.SignedInClientAsync(DemoDataSeeder.AdminEmail);

        var index = await client.GetStringAsync("/staff/admin/users");
        Assert.Contains("href=\"/staff/admin/messages\"", index, StringComparison.Ordinal);

        using var response = await client.GetAsync("/staff/admin/messages");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        foreach (var name in TextTemplates.Names)
        {
            Assert.Contains($"<code>{name}</code>", html, StringComparison.Ordinal);
        }

        var samples = Sample().Matches(html).Select(m => m.Value).ToList();
        Assert.Equal(TextTemplates.Names.Count * 2, samples.Count);

        // The sample appointment is filled in; the treatment is not named by default.
        var confirmedEnglish = samples[0];
        Assert.Contains("lang=\"en\"", confirmedEnglish, StringComparison.Ordinal);
        Assert.Contains("Tue 15 Dec 2026 at 11:30", confirmedEnglish, StringComparison.Ordinal);
        Assert.Contains("DC-7K4M2Q", confirmedEnglish, StringComparison.Ordinal);
        Assert.DoesNotContain("Hair consultation", html, StringComparison.Ordinal);
        Assert.Matches(@"\d+ characters, 1 SMS segment, GSM-7", confirmedEnglish);

        var confirmedUrdu = samples[1];
        Assert.Contains("lang=\"ur\" dir=\"rtl\"", confirmedUrdu, StringComparison.Ordinal);
        Assert.Contains("آپ کی ملاقات", confirmedUrdu, StringComparison.Ordinal);
        Assert.Matches(@"\d+ characters, [2-9] SMS segments, UCS-2", confirmedUrdu);

        // The SMS reminder carries the reply numbers, and they count.
        var reminderEnglish = samples[2 * TextTemplates.Names.ToList().IndexOf(TextTemplates.Reminder)];
        Assert.Contains("Reply 1 to confirm", reminderEnglish, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DemoDataSeeder.ReceptionEmail)]
    [InlineData(DemoDataSeeder.ClinicianEmail)]
    public async Task OtherStaffAreForbidden(string email)
    {
        using var client = await _factory.SignedInClientAsync(email);

        using var response = await client.GetAsync("/staff/admin/messages");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
