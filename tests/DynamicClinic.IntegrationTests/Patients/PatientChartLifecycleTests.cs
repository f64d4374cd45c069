using System.Net;
using System.Text.Json;
using DynamicClinic.Domain.Patients;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.IntegrationTests.Privacy;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Patients;

/// <summary>The clinical details follow the record through export, merge and anonymisation.</summary>
public class PatientChartLifecycleTests : IClassFixture<PatientChartLifecycleTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _site;

    public PatientChartLifecycleTests(Factory site) => _site = site;

    public Task InitializeAsync() => _site.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<int> SetDetailsAsync(int id, Action<Patient> change) =>
        _site.WithDbAsync(async db =>
        {
            var patient = await db.Patients.SingleAsync(p => p.Id == id);
            change(patient);
            patient.Version = Guid.NewGuid();
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task TheExportHoldsTheClinicalDetails()
    {
        var id = await PatientTestData.AddPatientAsync(_site, "Export Chart Patient");
        await SetDetailsAsync(id, p =>
        {
            p.DateOfBirth = new DateOnly(1985, 3, 14);
            p.Sex = PatientSex.Female;
            p.Allergies = "Penicillin";
            p.SecondContactName = "Sister Contact";
            p.SecondContactPhoneE164 = "+923001239876";
            p.ConsentsToClinicalPhotos = true;
        });
        using var admin = await _site.SignedInClientAsync(DemoDataSeeder.AdminEmail);

        using var json = await admin.GetAsync($"/staff/patients/{id}/privacy/export.json");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        using var document = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        var clinical = document.RootElement.GetProperty("patient").GetProperty("clinicalDetails");
        Assert.Equal("1985-03-14", clinical.GetProperty("dateOfBirth").GetString());
        Assert.Equal("Female", clinical.GetProperty("sex").GetString());
        Assert.Equal("Penicillin", clinical.GetProperty("allergies").GetString());
        Assert.Equal("Sister Contact", clinical.GetProperty("secondContactName").GetString());
        Assert.True(clinical.GetProperty("consentsToClinicalPhotos").GetBoolean());
        Assert.False(clinical.GetProperty("consentsToTeachingUse").GetBoolean());

        var printable = WebUtility.HtmlDecode(await admin.GetStringAsync($"/staff/patients/{id}/privacy/export"));
        Assert.Contains("Penicillin", printable, StringComparison.Ordinal);
        Assert.Contains("14 Mar 1985", printable, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMergeKeepsBothRecordsAllergiesAndFillsWhatTheKeptRecordLacks()
    {
        var kept = await PatientTestData.AddPatientAsync(_site, "Merge Chart Kept");
        var other = await PatientTestData.AddPatientAsync(_site, "Merge Chart Other");
        await SetDetailsAsync(kept, p => p.Allergies = "Latex");
        await SetDetailsAsync(other, p =>
        {
            p.Allergies = "Iodine";
            p.DateOfBirth = new DateOnly(1979, 1, 2);
            p.ConsentsToClinicalPhotos = true;
            p.ConsentsToTeachingUse = true;
        });
        using var client = await _site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);
        var action = $"/staff/patients/{kept}/merge";
        var fields = await PatientTestData.FormAsync(client, $"{action}?other={other}", action);
        fields["NameFrom"] = "kept";
        fields["PhoneFrom"] = "kept";
        fields["EmailFrom"] = "kept";

        using var response = await client.PostAsync(action, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var merged = await PatientTestData.PatientAsync(_site, kept);
        Assert.Equal("Latex\nIodine", merged.Allergies);
        Assert.Equal(new DateOnly(1979, 1, 2), merged.DateOfBirth);
        Assert.True(merged.ConsentsToClinicalPhotos);
        Assert.False(merged.ConsentsToTeachingUse);
    }

    [Fact]
    public async Task AnonymisingDropsWhatIdentifiesAndKeepsTheAllergies()
    {
        var phone = PrivacyTestData.NewPhone();
        var id = await PatientTestData.AddPatientAsync(_site, "Anon Chart Patient", phone, "anon.chart@example.test");
        await PrivacyTestData.AddClinicalRecordAsync(_site, id);
        await SetDetailsAsync(id, p =>
        {
            p.DateOfBirth = new DateOnly(1990, 5, 6);
            p.Sex = PatientSex.Male;
            p.Allergies = "Chlorhexidine";
            p.SecondContactName = "Brother Contact";
            p.SecondContactPhoneE164 = "+923001118877";
            p.ConsentsToClinicalPhotos = true;
            p.ConsentsToTeachingUse = true;
        });
        using var admin = await _site.SignedInClientAsync(DemoDataSeeder.AdminEmail);
        var page = $"/staff/patients/{id}/privacy";
        var fields = await PatientTestData.FormAsync(admin, page, page);
        fields["Decision"] = "Anonymise";
        fields["Reason"] = "Erasure requested; clinical record kept under the retention rule.";
        fields["Confirmation"] = $"Record {id}";

        using var response = await admin.PostAsync(page, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var patient = await PatientTestData.PatientAsync(_site, id);
        Assert.NotNull(patient.AnonymisedUtc);
        Assert.Null(patient.DateOfBirth);
        Assert.Null(patient.SecondContactName);
        Assert.Null(patient.SecondContactPhoneE164);
        Assert.False(patient.ConsentsToTeachingUse);
        Assert.Equal(PatientSex.Male, patient.Sex);
        Assert.Equal("Chlorhexidine", patient.Allergies);
    }
}
