using System.Net;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Patients;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.IntegrationTests.Notes;
using DynamicClinic.Web.Infrastructure.Database;

namespace DynamicClinic.IntegrationTests.Patients;

/// <summary>
/// The clinician's part of the record: date of birth (age shown), sex, allergies and alerts (a banner on every clinical
/// page), a second contact and photo consents. The treating clinician writes it; reception sees none of it but the
/// second contact; bad input changes nothing.
/// </summary>
public class PatientChartDetailsTests : IClassFixture<PatientChartDetailsTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private const string Allergy = "Lidocaine-QZX rash";

    private readonly Factory _site;
    private int _patientId;
    private string _reference = "";

    public PatientChartDetailsTests(Factory site) => _site = site;

    private string Chart => $"/staff/patients/{_patientId}/chart";

    private string Record => $"/staff/patients/{_patientId}";

    public async Task InitializeAsync()
    {
        await _site.SeedDemoDataAsync();
        await NoteTestData.EnsureOtherClinicianAsync(_site);
        var phone = PatientTestData.NewPhone();
        _patientId = await PatientTestData.AddPatientAsync(_site, "Chart Details", phone);
        _reference = await NoteTestData.AddAsync(_site, AppointmentStatus.Arrived, session: true, patientPhone: phone);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static Dictionary<string, string> Valid() => new()
    {
        ["DateOfBirth"] = "1990-11-28",
        ["Sex"] = "Male",
        ["Allergies"] = Allergy,
        ["Alerts"] = "Faints at needles",
        ["SecondContactName"] = "Imran Second",
        ["SecondContactPhone"] = "0300 7654321",
        ["ConsentsToClinicalPhotos"] = "true",
    };

    [Fact]
    public async Task TheTreatingClinicianCompletesTheDetailsAndTheBannerShowsOnClinicalPages()
    {
        using var client = await SignedInAsync(DemoDataSeeder.ClinicianEmail);

        using (var saved = await PostAsync(client, Valid()))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var patient = await PatientTestData.PatientAsync(_site, _patientId);
        Assert.Equal(new DateOnly(1990, 11, 28), patient.DateOfBirth);
        Assert.Equal(PatientSex.Male, patient.Sex);
        Assert.Equal(Allergy, patient.Allergies);
        Assert.Equal("+923007654321", patient.SecondContactPhoneE164);
        Assert.True(patient.ConsentsToClinicalPhotos);
        Assert.False(patient.ConsentsToTeachingUse);

        var record = WebUtility.HtmlDecode(await client.GetStringAsync(Record));
        // The tests' today is 27 November 2026: a day before the 36th birthday.
        Assert.Contains("28 Nov 1990 (age 35)", record, StringComparison.Ordinal);
        Assert.Contains("class=\"chart-alerts\"", record, StringComparison.Ordinal);
        Assert.Contains(Allergy, record, StringComparison.Ordinal);
        Assert.Contains("Imran Second, +92 300 7654321", record, StringComparison.Ordinal);

        var note = WebUtility.HtmlDecode(await client.GetStringAsync(NoteClient.Page(_reference)));
        Assert.Contains("class=\"chart-alerts\"", note, StringComparison.Ordinal);
        Assert.Contains(Allergy, note, StringComparison.Ordinal);

        // The audit names the fields changed, never what they say.
        var entry = Assert.Single(await PatientTestData.AuditAsync(_site, _patientId, AuditActions.ChartDetailsUpdated));
        Assert.Contains("Allergies", entry.After!, StringComparison.Ordinal);
        Assert.DoesNotContain("QZX", entry.After!, StringComparison.Ordinal);
        Assert.DoesNotContain("1990", entry.After!, StringComparison.Ordinal);

        // Admins read it on the record.
        using var admin = await SignedInAsync(DemoDataSeeder.AdminEmail);
        Assert.Contains(Allergy, WebUtility.HtmlDecode(await admin.GetStringAsync(Record)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DateOfBirth", "2030-01-01", "can't be in the future")]
    [InlineData("DateOfBirth", "23/04/1990", "Enter the date of birth as a date")]
    [InlineData("DateOfBirth", "1850-01-01", "after 1900")]
    [InlineData("Sex", "Other", "Choose female or male")]
    [InlineData("SecondContactPhone", "12345", "valid mobile number")]
    [InlineData("ConsentsToClinicalPhotos", "false", "needs consent to clinical photos first")]
    [InlineData("Allergies", "", "")]
    public async Task BadInputGetsAMessageBesideTheFieldAndChangesNothing(string field, string value, string message)
    {
        using var client = await SignedInAsync(DemoDataSeeder.ClinicianEmail);
        var before = await PatientTestData.PatientAsync(_site, _patientId);
        var fields = Valid();
        fields["ConsentsToTeachingUse"] = "true";
        fields[field] = value;
        if (message.Length == 0)
        {
            // Too long rather than empty: 501 characters.
            fields[field] = new string('x', Patient.ClinicalTextMaxLength + 1);
            message = "500 characters or fewer";
        }

        using var response = await PostAsync(client, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Contains("field-validation-error", html, StringComparison.Ordinal);
        var after = await PatientTestData.PatientAsync(_site, _patientId);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Allergies, after.Allergies);
    }

    [Fact]
    public async Task ReceptionSeesNeitherTheFormNorTheClinicalDetails()
    {
        await SeedDetailsAsync();
        using var client = await SignedInAsync(DemoDataSeeder.ReceptionEmail);

        using (var form = await client.GetAsync(Chart))
        {
            Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
        }

        var token = HttpClientExtensions.AntiforgeryToken(await client.GetStringAsync("/staff"));
        using (var posted = await client.PostAsync(Chart, new Dictionary<string, string>(Valid()) { ["__RequestVerificationToken"] = token, ["Allergies"] = "Changed by reception" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        }

        var record = WebUtility.HtmlDecode(await client.GetStringAsync(Record));
        Assert.DoesNotContain("QZX", record, StringComparison.Ordinal);
        Assert.DoesNotContain("chart-alerts", record, StringComparison.Ordinal);
        Assert.DoesNotContain("Faints at needles", record, StringComparison.Ordinal);
        Assert.Equal(Allergy, (await PatientTestData.PatientAsync(_site, _patientId)).Allergies);
    }

    [Fact]
    public async Task AClinicianWhoDoesNotTreatThePatientIsAskedForAReasonAndChangesNothing()
    {
        using var client = await SignedInAsync(NoteTestData.OtherClinicianEmail);
        var before = await PatientTestData.PatientAsync(_site, _patientId);

        using (var form = await client.GetAsync(Chart))
        {
            Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
            Assert.Contains("Give a reason to open this record", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var token = HttpClientExtensions.AntiforgeryToken(await client.GetStringAsync("/staff"));
        using (var posted = await client.PostAsync(Chart, new Dictionary<string, string>(Valid()) { ["__RequestVerificationToken"] = token, ["Version"] = before.Version.ToString() }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        }

        Assert.Equal(before.Version, (await PatientTestData.PatientAsync(_site, _patientId)).Version);
    }

    private async Task SeedDetailsAsync()
    {
        using var client = await SignedInAsync(DemoDataSeeder.ClinicianEmail);
        using var saved = await PostAsync(client, Valid());
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(HttpClient client, Dictionary<string, string> fields)
    {
        var hidden = await PatientTestData.FormAsync(client, Chart, Chart);
        foreach (var (name, value) in fields)
        {
            hidden[name] = value;
        }

        return await client.PostAsync(Chart, hidden);
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = _site.CreateClient();
        await client.SignInAsStaffAsync(email);
        return client;
    }
}
