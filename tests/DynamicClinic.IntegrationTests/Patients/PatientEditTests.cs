using System.Net;
using System.Text.Json;
using DynamicClinic.Domain.Audit;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;

namespace DynamicClinic.IntegrationTests.Patients;

/// <summary>Reception edits a patient's contact details: validated like online booking, audited, and never over someone else's change.</summary>
public class PatientEditTests : IClassFixture<PatientEditTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _factory;

    public PatientEditTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => await _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpClient> ReceptionAsync() => _factory.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);

    private static async Task<HttpResponseMessage> EditAsync(HttpClient client, int id, string name, string phone, string email, Dictionary<string, string>? form = null)
    {
        var action = $"/staff/patients/{id}/edit";
        var fields = form ?? await PatientTestData.FormAsync(client, action, action);
        fields["FullName"] = name;
        fields["Phone"] = phone;
        fields["Email"] = email;
        return await client.PostAsync(action, fields);
    }

    [Fact]
    public async Task SavesTheChangeRenewsTheVersionAndAuditsOnlyTheChangedFields()
    {
        var id = await PatientTestData.AddPatientAsync(_factory, "Edit Me Please", email: "old@example.test");
        var before = await PatientTestData.PatientAsync(_factory, id);
        var newPhone = PatientTestData.NewPhone();
        using var client = await ReceptionAsync();

        using var response = await EditAsync(client, id, "  Edited Name  ", PatientTestData.Typed(newPhone), "old@example.test");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/staff/patients/{id}", response.Headers.Location!.OriginalString);
        var after = await PatientTestData.PatientAsync(_factory, id);
        Assert.Equal("Edited Name", after.FullName);
        Assert.Equal(newPhone, after.PhoneE164);
        Assert.Equal("old@example.test", after.Email);
        Assert.NotEqual(before.Version, after.Version);
        Assert.Equal(ClinicAppFactory.DefaultNow.UtcDateTime, after.UpdatedUtc);

        var entry = Assert.Single(await PatientTestData.AuditAsync(_factory, id, AuditActions.PatientUpdated));
        Assert.Contains("Bilal Ahmed", entry.ActorName, StringComparison.Ordinal);
        // Which fields changed, never their values: contact details stay out of the audit trail.
        Assert.Null(entry.Before);
        using var afterJson = JsonDocument.Parse(entry.After!);
        Assert.Equal(["FullName", "PhoneE164"], afterJson.RootElement.GetProperty("ChangedFields").EnumerateArray().Select(f => f.GetString()!).ToArray());
        Assert.DoesNotContain("Edit", entry.After, StringComparison.Ordinal);
        Assert.DoesNotContain(newPhone[1..], entry.After, StringComparison.Ordinal);

        var record = PatientTestData.Text(await client.GetStringAsync($"/staff/patients/{id}"));
        Assert.Contains("Saved: the name, mobile number.", record, StringComparison.Ordinal);
        Assert.Contains("Changed the name, mobile number", record, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyEmailIsAllowedAndStoredAsNone()
    {
        var id = await PatientTestData.AddPatientAsync(_factory, "Walk In Without Email", email: "remove.me@example.test");
        using var client = await ReceptionAsync();
        var patient = await PatientTestData.PatientAsync(_factory, id);

        using var response = await EditAsync(client, id, "Walk In Without Email", patient.PhoneE164, "");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null((await PatientTestData.PatientAsync(_factory, id)).Email);
    }

    [Theory]
    [InlineData("", "0300 1234567", "ok@example.test", "FullName", "Enter the patient's full name.")]
    [InlineData("   ", "0300 1234567", "ok@example.test", "FullName", "Enter the patient's full name.")]
    [InlineData("Long", "0300 1234567", "ok@example.test", "FullName", "A name can be at most 100 characters.")]
    [InlineData("Valid Name", "12345", "ok@example.test", "Phone", "Enter a valid mobile number")]
    [InlineData("Valid Name", "051 1234567", "ok@example.test", "Phone", "Enter a valid mobile number")]
    [InlineData("Valid Name", "", "ok@example.test", "Phone", "Enter the patient's mobile number.")]
    [InlineData("Valid Name", "0300 1234567", "not-an-email", "Email", "Enter an email address like name@example.com")]
    [InlineData("Valid Name", "0300 1234567", "Long", "Email", "An email address is at most 254 characters.")]
    public async Task InvalidInputShowsTheErrorBesideTheFieldKeepsWhatWasTypedAndSavesNothing(string name, string phone, string email, string field, string message)
    {
        name = name == "Long" ? new string('a', 101) : name;
        email = email == "Long" ? new string('e', 250) + "@example.test" : email;
        var id = await PatientTestData.AddPatientAsync(_factory, "Unchanged Patient", email: "unchanged@example.test");
        var before = await PatientTestData.PatientAsync(_factory, id);
        using var client = await ReceptionAsync();

        using var response = await EditAsync(client, id, name, phone, email);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nothing was saved.", html, StringComparison.Ordinal);
        var error = html.IndexOf($"id=\"{field}-error\"", StringComparison.Ordinal);
        Assert.True(error >= 0, $"No error shown beside {field}.");
        Assert.Contains(message, PatientTestData.Text(html[error..]), StringComparison.Ordinal);
        Assert.Contains($"aria-invalid=\"true\" aria-describedby=\"{field}-error", html, StringComparison.Ordinal);
        foreach (var typed in new[] { name, phone, email }.Where(t => t.Trim().Length > 0))
        {
            Assert.Contains($"value=\"{WebUtility.HtmlEncode(typed)}\"", html, StringComparison.Ordinal);
        }

        var after = await PatientTestData.PatientAsync(_factory, id);
        Assert.Equal(before.FullName, after.FullName);
        Assert.Equal(before.PhoneE164, after.PhoneE164);
        Assert.Equal(before.Email, after.Email);
        Assert.Equal(before.Version, after.Version);
        Assert.Empty(await PatientTestData.AuditAsync(_factory, id, AuditActions.PatientUpdated));
    }

    [Fact]
    public async Task ASecondEditorWorkingFromTheOldVersionIsRefusedAndShownTheStoredValues()
    {
        var id = await PatientTestData.AddPatientAsync(_factory, "Contested Patient", email: "contested@example.test");
        var phone = (await PatientTestData.PatientAsync(_factory, id)).PhoneE164;
        var action = $"/staff/patients/{id}/edit";
        using var first = await ReceptionAsync();
        using var second = _factory.CreateClient();
        await second.SignInAsStaffAsync(DemoDataSeeder.AdminEmail);
        var firstForm = await PatientTestData.FormAsync(first, action, action);
        var secondForm = await PatientTestData.FormAsync(second, action, action);

        using var firstSave = await EditAsync(first, id, "First Editor Wins", PatientTestData.Typed(phone), "first@example.test", firstForm);
        using var secondSave = await EditAsync(second, id, "Second Editor Loses", PatientTestData.Typed(phone), "second@example.test", secondForm);
        var html = PatientTestData.Text(await secondSave.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, firstSave.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondSave.StatusCode);
        Assert.Contains("Someone else changed this patient while you were editing, so your changes were not saved.", html, StringComparison.Ordinal);
        Assert.Contains("<dd>First Editor Wins</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd>first@example.test</dd>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Second Editor Loses\"", html, StringComparison.Ordinal);

        var stored = await PatientTestData.PatientAsync(_factory, id);
        Assert.Equal("First Editor Wins", stored.FullName);
        Assert.Equal("first@example.test", stored.Email);
        Assert.Single(await PatientTestData.AuditAsync(_factory, id, AuditActions.PatientUpdated));

        // The refused form now carries the current version: saving it again is a deliberate choice, and works.
        var retry = HtmlForms.HiddenFields(await secondSave.Content.ReadAsStringAsync(), action);
        Assert.Equal(stored.Version.ToString(), retry["Version"]);
    }

    [Fact]
    public async Task SavingAPhoneAnotherPatientHasWarnsButSaves()
    {
        var shared = PatientTestData.NewPhone();
        var other = await PatientTestData.AddPatientAsync(_factory, "Phone Already Taken", shared);
        var id = await PatientTestData.AddPatientAsync(_factory, "Moving To Shared Phone");
        using var client = await ReceptionAsync();

        using var response = await EditAsync(client, id, "Moving To Shared Phone", PatientTestData.Typed(shared), "");
        var record = PatientTestData.Text(await client.GetStringAsync(response.Headers.Location!.OriginalString));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(shared, (await PatientTestData.PatientAsync(_factory, id)).PhoneE164);
        Assert.Contains($"Another active record has the same mobile number: Phone Already Taken (record {other})", record, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmittingWithoutChangesSavesNothing()
    {
        var id = await PatientTestData.AddPatientAsync(_factory, "Nothing To Change", email: "same@example.test");
        var before = await PatientTestData.PatientAsync(_factory, id);
        using var client = await ReceptionAsync();

        using var response = await EditAsync(client, id, "Nothing To Change", PatientTestData.Typed(before.PhoneE164), "same@example.test");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before.Version, (await PatientTestData.PatientAsync(_factory, id)).Version);
        Assert.Empty(await PatientTestData.AuditAsync(_factory, id, AuditActions.PatientUpdated));
    }
}
