using System.Globalization;
using System.Net;
using System.Text.Json;
using DynamicClinic.Domain.Audit;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Patients;

/// <summary>Merging a duplicate patient into the record that stays.</summary>
public class PatientMergeTests : IClassFixture<PatientMergeTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _factory;

    public PatientMergeTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => await _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpClient> ReceptionAsync() => _factory.SignedInClientAsync(DemoDataSeeder.ReceptionEmail);

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task TheDuplicateIsFoundBySearchAndShownSideBySide()
    {
        var kept = await PatientTestData.AddPatientAsync(_factory, "Side Kept Noor", email: "kept.noor@example.test");
        var other = await PatientTestData.AddPatientAsync(_factory, "Side Other Noor", email: "other.noor@example.test");
        using var client = await ReceptionAsync();

        var search = PatientTestData.Text(await client.GetStringAsync($"/staff/patients/{kept}/merge?q=noor"));
        Assert.Contains($"href=\"/staff/patients/{kept}/merge?other={other}\"", search, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/staff/patients/{kept}/merge?other={kept}\"", search, StringComparison.Ordinal);

        var compare = PatientTestData.Text(await client.GetStringAsync($"/staff/patients/{kept}/merge?other={other}"));
        Assert.Contains($"Stays: record {kept}", compare, StringComparison.Ordinal);
        Assert.Contains($"Merged away: record {other}", compare, StringComparison.Ordinal);
        Assert.Contains("kept.noor@example.test", compare, StringComparison.Ordinal);
        Assert.Contains("other.noor@example.test", compare, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MergingMovesEveryAppointmentKeepsTheChosenDetailsTombstonesTheDuplicateAndAuditsBoth()
    {
        var keptPhone = PatientTestData.NewPhone();
        var otherPhone = PatientTestData.NewPhone();
        var kept = await PatientTestData.AddPatientAsync(_factory, "Merge Kept Name", keptPhone, "kept@example.test");
        var other = await PatientTestData.AddPatientAsync(_factory, "Merge Better Name", otherPhone, "better@example.test");
        var keptRef = await PatientTestData.AddAppointmentAsync(_factory, kept, TimeSpan.FromDays(4));
        var movedRefs = new[]
        {
            await PatientTestData.AddAppointmentAsync(_factory, other, TimeSpan.FromDays(5)),
            await PatientTestData.AddAppointmentAsync(_factory, other, TimeSpan.FromDays(-5)),
        };
        using var client = await ReceptionAsync();
        var action = $"/staff/patients/{kept}/merge";
        var fields = await PatientTestData.FormAsync(client, $"{action}?other={other}", action);
        fields["NameFrom"] = "other";
        fields["PhoneFrom"] = "kept";
        fields["EmailFrom"] = "other";

        using var response = await client.PostAsync(action, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/staff/patients/{kept}", response.Headers.Location!.OriginalString);
        Assert.Equal(new[] { keptRef }.Concat(movedRefs).Order(StringComparer.Ordinal), await PatientTestData.ReferencesOfAsync(_factory, kept));
        Assert.Empty(await PatientTestData.ReferencesOfAsync(_factory, other));

        var keptNow = await PatientTestData.PatientAsync(_factory, kept);
        Assert.Equal("Merge Better Name", keptNow.FullName);
        Assert.Equal(keptPhone, keptNow.PhoneE164);
        Assert.Equal("better@example.test", keptNow.Email);
        var tombstone = await PatientTestData.PatientAsync(_factory, other);
        Assert.Equal(kept, tombstone.MergedIntoPatientId);

        var keptEntry = Assert.Single(await PatientTestData.AuditAsync(_factory, kept, AuditActions.PatientMerged));
        var otherEntry = Assert.Single(await PatientTestData.AuditAsync(_factory, other, AuditActions.PatientMerged));
        Assert.Equal(Id(kept), keptEntry.EntityId);
        Assert.Equal(Id(other), otherEntry.EntityId);
        using var before = JsonDocument.Parse(keptEntry.Before!);
        using var after = JsonDocument.Parse(keptEntry.After!);
        // Ids and which record each field came from; never the contact details themselves.
        Assert.Equal(kept, before.RootElement.GetProperty("Kept").GetProperty("Id").GetInt32());
        Assert.Equal(other, before.RootElement.GetProperty("Duplicate").GetProperty("Id").GetInt32());
        Assert.Equal("other", after.RootElement.GetProperty("FieldsFrom").GetProperty("Name").GetString());
        Assert.DoesNotContain("Merge Kept Name", keptEntry.Before + keptEntry.After, StringComparison.Ordinal);
        Assert.DoesNotContain("Merge Better Name", keptEntry.Before + keptEntry.After, StringComparison.Ordinal);
        Assert.DoesNotContain(otherPhone[1..], keptEntry.Before + keptEntry.After, StringComparison.Ordinal);
        Assert.Equal(kept, after.RootElement.GetProperty("Duplicate").GetProperty("MergedIntoPatientId").GetInt32());
        Assert.Equal(movedRefs.Order(StringComparer.Ordinal), after.RootElement.GetProperty("References").EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal));

        var record = PatientTestData.Text(await client.GetStringAsync($"/staff/patients/{kept}"));
        Assert.Contains($"Record {other} was merged into this one: 2 appointments moved.", record, StringComparison.Ordinal);
        foreach (var reference in movedRefs)
        {
            Assert.Contains($"/staff/appointments/{reference}", record, StringComparison.Ordinal);
        }

        var tombstonePage = PatientTestData.Text(await client.GetStringAsync($"/staff/patients/{other}"));
        Assert.Contains("This record was merged", tombstonePage, StringComparison.Ordinal);
        Assert.DoesNotContain("Merge Better Name (record", (await client.GetStringAsync("/staff/patients?q=merge+better")).Replace("&#x2B;", "+", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MergingARecordIntoItselfIsRefusedAndChangesNothing()
    {
        var id = await PatientTestData.AddPatientAsync(_factory, "Self Merge Attempt");
        var reference = await PatientTestData.AddAppointmentAsync(_factory, id, TimeSpan.FromDays(6));
        var version = (await PatientTestData.PatientAsync(_factory, id)).Version;
        using var client = await ReceptionAsync();
        var action = $"/staff/patients/{id}/merge";

        var page = PatientTestData.Text(await client.GetStringAsync($"{action}?other={id}"));
        Assert.Contains("A record can't be merged into itself.", page, StringComparison.Ordinal);

        var token = HttpClientExtensions.AntiforgeryToken(await client.GetStringAsync(action));
        using var response = await client.PostAsync(action, new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Other"] = Id(id),
            ["KeptVersion"] = version.ToString(),
            ["OtherVersion"] = version.ToString(),
            ["NameFrom"] = "kept",
            ["PhoneFrom"] = "kept",
            ["EmailFrom"] = "kept",
        });
        var html = PatientTestData.Text(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("A record can't be merged into itself.", html, StringComparison.Ordinal);
        var after = await PatientTestData.PatientAsync(_factory, id);
        Assert.Null(after.MergedIntoPatientId);
        Assert.Equal(version, after.Version);
        Assert.Equal([reference], await PatientTestData.ReferencesOfAsync(_factory, id));
        Assert.Empty(await PatientTestData.AuditAsync(_factory, id, AuditActions.PatientMerged));
    }

    [Fact]
    public async Task MergingARecordAlreadyMergedAwayIsRefused()
    {
        var kept = await PatientTestData.AddPatientAsync(_factory, "Already Kept");
        var gone = await PatientTestData.AddPatientAsync(_factory, "Already Gone");
        var third = await PatientTestData.AddPatientAsync(_factory, "Third Record");
        await _factory.WithDbAsync(async db =>
        {
            var p = await db.Patients.SingleAsync(x => x.Id == gone);
            p.MergedIntoPatientId = kept;
            return await db.SaveChangesAsync();
        });
        using var client = await ReceptionAsync();

        var intoThird = PatientTestData.Text(await client.GetStringAsync($"/staff/patients/{third}/merge?other={gone}"));
        var intoGone = PatientTestData.Text(await client.GetStringAsync($"/staff/patients/{gone}/merge?other={third}"));

        Assert.Contains($"Record {gone} was already merged into record {kept}, so there is nothing left to merge.", intoThird, StringComparison.Ordinal);
        Assert.Contains($"Record {gone} was already merged into record {kept}. Merge into record {kept} instead.", intoGone, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"OtherVersion\"", intoThird, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnonymisedRecordCannotBeMergedEitherWayRoundAndAForgedPostChangesNothing()
    {
        var named = await PatientTestData.AddPatientAsync(_factory, "Named Record Holder");
        var anonymised = await PatientTestData.AddPatientAsync(_factory, "To Be Anonymised");
        var reference = await PatientTestData.AddAppointmentAsync(_factory, anonymised, TimeSpan.FromDays(-9));
        await _factory.WithDbAsync(async db =>
        {
            var p = await db.Patients.SingleAsync(x => x.Id == anonymised);
            p.FullName = $"Anonymised patient {Id(anonymised)}";
            p.AnonymisedUtc = ClinicAppFactory.DefaultNow.UtcDateTime;
            return await db.SaveChangesAsync();
        });
        var before = await PatientTestData.PatientAsync(_factory, anonymised);
        var namedVersion = (await PatientTestData.PatientAsync(_factory, named)).Version;
        using var client = await ReceptionAsync();
        var refusal = $"Record {anonymised} was anonymised at the patient's request, so it can't be merged with another record.";

        var asDuplicate = PatientTestData.Text(await client.GetStringAsync($"/staff/patients/{named}/merge?other={anonymised}"));
        var asKept = PatientTestData.Text(await client.GetStringAsync($"/staff/patients/{anonymised}/merge?other={named}"));
        Assert.Contains(refusal, asDuplicate, StringComparison.Ordinal);
        Assert.Contains(refusal, asKept, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"OtherVersion\"", asDuplicate, StringComparison.Ordinal);

        // A POST made by hand, with both current versions, is refused by the merge itself.
        var action = $"/staff/patients/{named}/merge";
        var token = HttpClientExtensions.AntiforgeryToken(await client.GetStringAsync(action));
        using var response = await client.PostAsync(action, new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Other"] = Id(anonymised),
            ["KeptVersion"] = namedVersion.ToString(),
            ["OtherVersion"] = before.Version.ToString(),
            ["NameFrom"] = "kept",
            ["PhoneFrom"] = "kept",
            ["EmailFrom"] = "kept",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(refusal, PatientTestData.Text(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var after = await PatientTestData.PatientAsync(_factory, anonymised);
        Assert.Null(after.MergedIntoPatientId);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal([reference], await PatientTestData.ReferencesOfAsync(_factory, anonymised));
        Assert.Empty(await PatientTestData.ReferencesOfAsync(_factory, named));
        Assert.Empty(await PatientTestData.AuditAsync(_factory, named, AuditActions.PatientMerged));
    }

    [Fact]
    public async Task AMergeFromAStalePageIsRefusedWhenEitherRecordChangedMeanwhile()
    {
        var kept = await PatientTestData.AddPatientAsync(_factory, "Stale Kept");
        var other = await PatientTestData.AddPatientAsync(_factory, "Stale Other");
        var reference = await PatientTestData.AddAppointmentAsync(_factory, other, TimeSpan.FromDays(7));
        using var client = await ReceptionAsync();
        var action = $"/staff/patients/{kept}/merge";
        var fields = await PatientTestData.FormAsync(client, $"{action}?other={other}", action);

        // Someone edits the duplicate after the merge page was opened.
        var editAction = $"/staff/patients/{other}/edit";
        var edit = await PatientTestData.FormAsync(client, editAction, editAction);
        edit["FullName"] = "Stale Other Renamed";
        edit["Phone"] = PatientTestData.Typed((await PatientTestData.PatientAsync(_factory, other)).PhoneE164);
        edit["Email"] = "";
        using (var saved = await client.PostAsync(editAction, edit))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using var response = await client.PostAsync(action, fields);
        var html = PatientTestData.Text(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("changed by someone else since you opened this page, so nothing was merged", html, StringComparison.Ordinal);
        Assert.Contains("Stale Other Renamed", html, StringComparison.Ordinal);
        Assert.Null((await PatientTestData.PatientAsync(_factory, other)).MergedIntoPatientId);
        Assert.Equal([reference], await PatientTestData.ReferencesOfAsync(_factory, other));
    }

    [Fact]
    public async Task RecordsMergedIntoTheDuplicateEarlierNowPointAtTheKeptRecord()
    {
        var kept = await PatientTestData.AddPatientAsync(_factory, "Chain Kept");
        var middle = await PatientTestData.AddPatientAsync(_factory, "Chain Middle");
        var earliest = await PatientTestData.AddPatientAsync(_factory, "Chain Earliest");
        await _factory.WithDbAsync(async db =>
        {
            var p = await db.Patients.SingleAsync(x => x.Id == earliest);
            p.MergedIntoPatientId = middle;
            return await db.SaveChangesAsync();
        });
        using var client = await ReceptionAsync();
        var action = $"/staff/patients/{kept}/merge";
        var fields = await PatientTestData.FormAsync(client, $"{action}?other={middle}", action);

        using var response = await client.PostAsync(action, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(kept, (await PatientTestData.PatientAsync(_factory, middle)).MergedIntoPatientId);
        Assert.Equal(kept, (await PatientTestData.PatientAsync(_factory, earliest)).MergedIntoPatientId);
        Assert.Equal("Chain Kept", (await PatientTestData.PatientAsync(_factory, kept)).FullName);
    }
}
