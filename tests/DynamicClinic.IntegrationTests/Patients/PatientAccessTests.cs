using System.Net;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;

namespace DynamicClinic.IntegrationTests.Patients;

/// <summary>Patient records are for reception and admins: clinicians get 403, anonymous visitors are sent to sign in.</summary>
public class PatientAccessTests : IClassFixture<PatientAccessTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _factory;
    private int _patientId;
    private int _otherId;

    public PatientAccessTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync()
    {
        await _factory.SeedDemoDataAsync();
        _patientId = await PatientTestData.AddPatientAsync(_factory, "Access Tested");
        _otherId = await PatientTestData.AddPatientAsync(_factory, "Access Duplicate");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string[] GetRoutes() =>
    [
        "/staff/patients",
        "/staff/patients?q=access&page=1",
        $"/staff/patients/{_patientId}",
        $"/staff/patients/{_patientId}/edit",
        $"/staff/patients/{_patientId}/merge",
        $"/staff/patients/{_patientId}/merge?other={_otherId}",
    ];

    private string[] PostRoutes() =>
    [
        $"/staff/patients/{_patientId}/edit",
        $"/staff/patients/{_patientId}/merge",
    ];

    private Dictionary<string, string> PostFields(string token) => new()
    {
        ["__RequestVerificationToken"] = token,
        ["FullName"] = "Changed By Intruder",
        ["Phone"] = "0300 1112223",
        ["Email"] = "intruder@example.test",
        ["Other"] = _otherId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["KeptVersion"] = Guid.NewGuid().ToString(),
        ["OtherVersion"] = Guid.NewGuid().ToString(),
        ["NameFrom"] = "other",
        ["PhoneFrom"] = "other",
        ["EmailFrom"] = "other",
    };

    [Fact]
    public async Task AnonymousVisitorIsSentToSignInFromEveryRoute()
    {
        using var client = _factory.CreateClient();
        var token = HttpClientExtensions.AntiforgeryToken(await client.GetStringAsync("/staff/sign-in"));

        foreach (var route in GetRoutes())
        {
            using var response = await client.GetAsync(route);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/staff/sign-in", response.Headers.Location!.AbsolutePath);
        }

        foreach (var route in PostRoutes())
        {
            using var response = await client.PostAsync(route, PostFields(token));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/staff/sign-in", response.Headers.Location!.AbsolutePath);
        }

        await AssertUntouchedAsync();
    }

    [Fact]
    public async Task ClinicianIsForbiddenOnEveryRoute()
    {
        using var client = _factory.CreateClient();
        await client.SignInAsStaffAsync(DemoDataSeeder.ClinicianEmail);
        // The staff home's sign-out form carries a valid token for this client.
        var token = HttpClientExtensions.AntiforgeryToken(await client.GetStringAsync("/staff"));

        foreach (var route in GetRoutes())
        {
            using var response = await client.GetAsync(route);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        foreach (var route in PostRoutes())
        {
            using var response = await client.PostAsync(route, PostFields(token));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        await AssertUntouchedAsync();
    }

    [Theory]
    [InlineData(DemoDataSeeder.ReceptionEmail)]
    [InlineData(DemoDataSeeder.AdminEmail)]
    public async Task ReceptionAndAdminSeeThePagesAndTheNavLink(string email)
    {
        using var client = _factory.CreateClient();
        await client.SignInAsStaffAsync(email);

        foreach (var route in GetRoutes())
        {
            using var response = await client.GetAsync(route);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl!.NoStore);
        }

        var home = await client.GetStringAsync("/staff");
        Assert.Contains("<a href=\"/staff/patients\">Patients</a>", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClinicianHasNoPatientsLinkInTheNav()
    {
        using var client = _factory.CreateClient();
        await client.SignInAsStaffAsync(DemoDataSeeder.ClinicianEmail);

        var home = await client.GetStringAsync("/staff");

        Assert.DoesNotContain("href=\"/staff/patients\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPatientIsNotFound()
    {
        using var client = _factory.CreateClient();
        await client.SignInAsStaffAsync(DemoDataSeeder.ReceptionEmail);

        foreach (var route in new[] { "/staff/patients/999999", "/staff/patients/999999/edit", "/staff/patients/999999/merge" })
        {
            using var response = await client.GetAsync(route);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    private async Task AssertUntouchedAsync()
    {
        var patient = await PatientTestData.PatientAsync(_factory, _patientId);
        var other = await PatientTestData.PatientAsync(_factory, _otherId);
        Assert.Equal("Access Tested", patient.FullName);
        Assert.Null(other.MergedIntoPatientId);
    }
}
