using System.Net;
using DynamicClinic.Domain.Text;
using DynamicClinic.IntegrationTests.Booking;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Errors;

/// <summary>
/// What a form does with a request it can't take: a NUL character, an expired or missing antiforgery token. Always the
/// page with a message, never a blank 400; error pages render whatever the method.
/// </summary>
public class FormProblemsTests : IClassFixture<FormProblemsTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private const string Expired = "This form expired, please try again.";
    private static readonly DateOnly Monday = new(2026, 11, 30);
    private readonly Factory _factory;

    public FormProblemsTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => await _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<int> AppointmentCountAsync() => _factory.WithDbAsync(db => db.Appointments.CountAsync());

    [Theory]
    [InlineData("FullName", "Amna\0Siddiqui")]
    [InlineData("Message", "Thinning\0 at the crown")]
    [InlineData("Email", "amna\0@example.test")]
    public async Task ANulCharacterInTheDetailsStepIsRefusedBesideTheField(string field, string value)
    {
        var visitor = new BookingVisitor(_factory.CreateClient());
        var slot = (await visitor.SlotsAsync("mesotherapy", "any", Monday, Monday))[0];
        var details = BookingVisitor.Details();
        details[field] = value;

        using var response = await visitor.SubmitDetailsAsync("mesotherapy", slot.Slot, details);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your details", html, StringComparison.Ordinal);
        Assert.Contains($"id=\"{field}-error\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Check and confirm", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANulCharacterInAStaffFormIsRefusedBesideTheFieldAndNothingIsSaved()
    {
        using var admin = _factory.CreateClient();
        await admin.SignInAsStaffAsync(DemoDataSeeder.AdminEmail);

        using var response = await admin.PostFormAsync("/staff/admin/closures", "/staff/admin/closures", new Dictionary<string, string>
        {
            ["Date"] = "2026-12-23",
            ["Reason"] = "Public\0holiday",
        });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"id=\"Reason-error\">{TextRules.Message}", html, StringComparison.Ordinal);
        Assert.False(await _factory.WithDbAsync(db => db.ClinicClosures.AnyAsync(c => c.Date == new DateOnly(2026, 12, 23))));
    }

    [Fact]
    public async Task TheDetailsStepWithoutItsTokenGoesBackToTheFormSayingItExpired()
    {
        var visitor = new BookingVisitor(_factory.CreateClient());
        var slot = (await visitor.SlotsAsync("mesotherapy", "any", Monday, Monday))[0];
        var formPage = $"/book/details?treatment=mesotherapy&clinician=any&slot={Uri.EscapeDataString(slot.Slot)}";
        var fields = HtmlForms.HiddenFields(await visitor.Client.GetStringAsync(formPage), "/book/details");
        fields.Remove("__RequestVerificationToken");
        foreach (var (key, value) in BookingVisitor.Details())
        {
            fields[key] = value;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/book/details") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Referrer = new Uri(visitor.Client.BaseAddress!, formPage);
        using var response = await visitor.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(formPage, response.Headers.Location!.OriginalString);
        var page = WebUtility.HtmlDecode(await visitor.Client.GetStringAsync(response.Headers.Location));
        Assert.Contains(Expired, page, StringComparison.Ordinal);
        Assert.Contains("name=\"FullName\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/staff/calendar/block", "/staff/calendar/block")]
    [InlineData("/staff/appointments/new", "/staff/appointments/new")]
    [InlineData("/staff/patients", "/staff/sign-out")]
    [InlineData("/staff/account/password", "/staff/account/password")]
    public async Task AStaffFormWithAStaleTokenGoesBackToItsPageSayingItExpired(string page, string action)
    {
        using var reception = _factory.CreateClient();
        await reception.SignInAsStaffAsync(DemoDataSeeder.ReceptionEmail);
        var before = await AppointmentCountAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, action)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = "CfDJ8-stale-token" }),
        };
        request.Headers.Referrer = new Uri(reception.BaseAddress!, page);
        using var response = await reception.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(page, response.Headers.Location!.OriginalString);
        using var back = await reception.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Contains(Expired, WebUtility.HtmlDecode(await back.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, await AppointmentCountAsync());
        // Still signed in: the refused sign-out changed nothing.
        using var staff = await reception.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
    }

    [Fact]
    public async Task SignInWithoutATokenAndNoRefererComesBackToTheSignInPage()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsync("/staff/sign-in", new Dictionary<string, string> { ["Email"] = DemoDataSeeder.AdminEmail, ["Password"] = DemoDataSeeder.DemoPassword });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff/sign-in", response.Headers.Location!.OriginalString);
        Assert.Contains(Expired, WebUtility.HtmlDecode(await client.GetStringAsync("/staff/sign-in")), StringComparison.Ordinal);
        using var staff = await client.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, staff.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/error/400", HttpStatusCode.BadRequest, "We couldn&#x27;t handle that request")]
    [InlineData("POST", "/error/500", HttpStatusCode.InternalServerError, "Something went wrong on our side")]
    [InlineData("GET", "/no-such-page", HttpStatusCode.NotFound, "We couldn&#x27;t find that page")]
    [InlineData("PUT", "/no-such-page", HttpStatusCode.MethodNotAllowed, "We couldn&#x27;t handle that request")]
    [InlineData("DELETE", "/book/details", HttpStatusCode.MethodNotAllowed, "We couldn&#x27;t handle that request")]
    public async Task ErrorPagesRenderWhateverTheMethod(string method, string path, HttpStatusCode status, string text)
    {
        using var client = _factory.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new FormUrlEncodedContent([]) });

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(text, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
