using System.Globalization;
using System.Net;
using System.Text.Json;
using DynamicClinic.Domain.Audit;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Patients;

/// <summary>
/// Records flagged "possible duplicate of ..." by a booking: the banner and actions on the record, reception's list at
/// /staff/patients/duplicates, dismissing a flag ("Not the same person"), and who may do it.
/// </summary>
public class PatientDuplicateTests : IClassFixture<PatientDuplicateTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private const string ListPath = "/staff/patients/duplicates";

    private readonly Factory _factory;

    public PatientDuplicateTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => await _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string DismissPath(int id) => $"/staff/patients/{Id(id)}/not-duplicate";

    private Task<HttpClient> SignedInAsync(string email) => _factory.SignedInClientAsync(email);

    [Theory]
    [InlineData(DemoDataSeeder.ReceptionEmail)]
    [InlineData(DemoDataSeeder.AdminEmail)]
    public async Task ReceptionAndAdminSeeThePairInTheListAndDismissItThere(string email)
    {
        var (existing, flagged) = await PatientTestData.AddFlaggedPairAsync(_factory, "Listed Mother " + email[..5], "Listed Son " + email[..5]);
        var before = await PatientTestData.PatientAsync(_factory, flagged);
        using var client = await SignedInAsync(email);

        var index = PatientTestData.Text(await client.GetStringAsync("/staff/patients"));
        Assert.Matches("<a href=\"/staff/patients/duplicates\">[0-9]+ possible duplicates? to check</a>", index);
        var list = PatientTestData.Text(await client.GetStringAsync(ListPath));
        Assert.Contains($"Records {Id(flagged)} and {Id(existing)}: same mobile number", list, StringComparison.Ordinal);
        Assert.Contains($"Listed Son {email[..5]} (record {Id(flagged)})", list, StringComparison.Ordinal);
        Assert.Contains($"Listed Mother {email[..5]} (record {Id(existing)})", list, StringComparison.Ordinal);
        Assert.Contains($"href=\"/staff/patients/{Id(existing)}/merge?other={Id(flagged)}\"", list, StringComparison.Ordinal);

        var fields = HtmlForms.HiddenFields(list, DismissPath(flagged));
        using var response = await client.PostAsync(DismissPath(flagged), fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ListPath, response.Headers.Location!.OriginalString);
        var after = await PatientTestData.PatientAsync(_factory, flagged);
        Assert.Null(after.PossibleDuplicateOfPatientId);
        Assert.NotEqual(before.Version, after.Version);
        var listAfter = PatientTestData.Text(await client.GetStringAsync(ListPath));
        Assert.Contains($"Record {Id(flagged)} is no longer marked as a possible duplicate of record {Id(existing)}.", listAfter, StringComparison.Ordinal);
        Assert.DoesNotContain($"Records {Id(flagged)} and", listAfter, StringComparison.Ordinal);

        // Audited on both records, by record number only: no names, phones or emails.
        var entries = new[]
        {
            Assert.Single(await PatientTestData.AuditAsync(_factory, flagged, AuditActions.PatientDuplicateDismissed)),
            Assert.Single(await PatientTestData.AuditAsync(_factory, existing, AuditActions.PatientDuplicateDismissed)),
        };
        Assert.Equal(Id(flagged), entries[0].EntityId);
        using var beforeJson = JsonDocument.Parse(entries[0].Before!);
        Assert.Equal(existing, beforeJson.RootElement.GetProperty("PossibleDuplicateOfPatientId").GetInt32());
        foreach (var entry in entries)
        {
            var text = entry.Summary + entry.Before + entry.After;
            Assert.DoesNotContain("Listed", text, StringComparison.Ordinal);
            Assert.DoesNotContain(before.PhoneE164[3..], text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheFlaggedRecordShowsTheBannerAndTheOtherRecordCountsItsPossibleDuplicates()
    {
        var (existing, flagged) = await PatientTestData.AddFlaggedPairAsync(_factory, "Banner Mother", "Banner Son", email: "banner.family@example.test");
        await _factory.WithDbAsync(async db =>
        {
            // The same email too: the banner names both.
            var son = await db.Patients.SingleAsync(p => p.Id == flagged);
            son.Email = "Banner.Family@example.test";
            return await db.SaveChangesAsync();
        });
        using var client = await SignedInAsync(DemoDataSeeder.ReceptionEmail);

        var record = PatientTestData.Text(await client.GetStringAsync($"/staff/patients/{Id(flagged)}"));
        Assert.Contains($"Possible duplicate of <a href=\"/staff/patients/{Id(existing)}\">Banner Mother (record {Id(existing)})</a></strong> (same mobile number and email).", record, StringComparison.Ordinal);
        Assert.Contains($"<a class=\"button\" href=\"/staff/patients/{Id(existing)}/merge?other={Id(flagged)}\">Merge into Banner Mother…</a>", record, StringComparison.Ordinal);
        Assert.Contains($"method=\"post\" action=\"{DismissPath(flagged)}\"", record, StringComparison.Ordinal);
        // Named once, in the banner, not again in the "same mobile number" list below.
        Assert.DoesNotContain("Other records with the same mobile number", record, StringComparison.Ordinal);

        var other = PatientTestData.Text(await client.GetStringAsync($"/staff/patients/{Id(existing)}"));
        Assert.Contains("1 possible duplicate of this record", other, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/staff/patients/{Id(flagged)}\">Banner Son (record {Id(flagged)})</a>", other, StringComparison.Ordinal);
        Assert.DoesNotContain("Possible duplicate of <a", other, StringComparison.Ordinal);

        // Dismissed from the record page: back to the record, banner gone.
        using var response = await client.PostAsync(DismissPath(flagged), HtmlForms.HiddenFields(record, DismissPath(flagged)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/staff/patients/{Id(flagged)}", response.Headers.Location!.OriginalString);
        var recordAfter = PatientTestData.Text(await client.GetStringAsync($"/staff/patients/{Id(flagged)}"));
        Assert.DoesNotContain("Possible duplicate of <a", recordAfter, StringComparison.Ordinal);
        Assert.Contains("is no longer marked as a possible duplicate", recordAfter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlagsOnOrAgainstAMergedAwayOrAnonymisedRecordAreNotListed()
    {
        var (mergedTarget, flaggedAtMerged) = await PatientTestData.AddFlaggedPairAsync(_factory, "Gone Target", "Flagged At Gone");
        var (anonTarget, flaggedAtAnon) = await PatientTestData.AddFlaggedPairAsync(_factory, "Anon Target", "Flagged At Anon");
        var (_, mergedFlagged) = await PatientTestData.AddFlaggedPairAsync(_factory, "Stays Target", "Merged Flagged");
        var (_, open) = await PatientTestData.AddFlaggedPairAsync(_factory, "Open Target", "Open Flagged");
        var keeper = await PatientTestData.AddPatientAsync(_factory, "Keeper Record");
        // Written straight to the database, as older data might hold them: the list must not offer these.
        await _factory.WithDbAsync(async db =>
        {
            (await db.Patients.SingleAsync(p => p.Id == mergedTarget)).MergedIntoPatientId = keeper;
            (await db.Patients.SingleAsync(p => p.Id == mergedFlagged)).MergedIntoPatientId = keeper;
            (await db.Patients.SingleAsync(p => p.Id == anonTarget)).AnonymisedUtc = ClinicAppFactory.DefaultNow.UtcDateTime;
            return await db.SaveChangesAsync();
        });
        using var client = await SignedInAsync(DemoDataSeeder.ReceptionEmail);

        var list = PatientTestData.Text(await client.GetStringAsync(ListPath));

        Assert.Contains($"Records {Id(open)} and", list, StringComparison.Ordinal);
        foreach (var id in new[] { flaggedAtMerged, flaggedAtAnon, mergedFlagged })
        {
            Assert.DoesNotContain($"Records {Id(id)} and", list, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Possible duplicate of <a", PatientTestData.Text(await client.GetStringAsync($"/staff/patients/{Id(flaggedAtAnon)}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MergingClearsBothFlagsAndRepointsFlagsOnTheMergedAwayRecord()
    {
        var (kept, duplicate) = await PatientTestData.AddFlaggedPairAsync(_factory, "Merge Flag Kept", "Merge Flag Duplicate");
        var third = await PatientTestData.AddPatientAsync(_factory, "Merge Flag Third", (await PatientTestData.PatientAsync(_factory, duplicate)).PhoneE164);
        await PatientTestData.FlagAsync(_factory, third, duplicate);
        var elsewhere = await PatientTestData.AddPatientAsync(_factory, "Merge Flag Elsewhere");
        await PatientTestData.FlagAsync(_factory, kept, elsewhere);
        using var client = await SignedInAsync(DemoDataSeeder.ReceptionEmail);
        var action = $"/staff/patients/{Id(kept)}/merge";
        var fields = await PatientTestData.FormAsync(client, $"{action}?other={Id(duplicate)}", action);

        using var response = await client.PostAsync(action, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null((await PatientTestData.PatientAsync(_factory, kept)).PossibleDuplicateOfPatientId);
        Assert.Null((await PatientTestData.PatientAsync(_factory, duplicate)).PossibleDuplicateOfPatientId);
        Assert.Equal(kept, (await PatientTestData.PatientAsync(_factory, third)).PossibleDuplicateOfPatientId);
        var list = PatientTestData.Text(await client.GetStringAsync(ListPath));
        Assert.Contains($"Records {Id(third)} and {Id(kept)}", list, StringComparison.Ordinal);
        Assert.DoesNotContain($"Records {Id(duplicate)} and", list, StringComparison.Ordinal);
        Assert.DoesNotContain($"Records {Id(kept)} and", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClinicianIsForbiddenAndAnonymousIsSentToSignInAndNeitherChangesAnything()
    {
        var (_, flagged) = await PatientTestData.AddFlaggedPairAsync(_factory, "Guarded Mother", "Guarded Son");
        var version = (await PatientTestData.PatientAsync(_factory, flagged)).Version;

        using var clinician = await SignedInAsync(DemoDataSeeder.ClinicianEmail);
        var clinicianToken = HttpClientExtensions.AntiforgeryToken(await clinician.GetStringAsync("/staff"));
        using (var list = await clinician.GetAsync(ListPath))
        {
            Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        }

        using (var post = await clinician.PostAsync(DismissPath(flagged), DismissFields(clinicianToken, version)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }

        using var anonymous = _factory.CreateClient();
        var anonymousToken = HttpClientExtensions.AntiforgeryToken(await anonymous.GetStringAsync("/staff/sign-in"));
        using (var list = await anonymous.GetAsync(ListPath))
        {
            Assert.Equal(HttpStatusCode.Redirect, list.StatusCode);
            Assert.Equal("/staff/sign-in", list.Headers.Location!.AbsolutePath);
        }

        using (var post = await anonymous.PostAsync(DismissPath(flagged), DismissFields(anonymousToken, version)))
        {
            Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
            Assert.Equal("/staff/sign-in", post.Headers.Location!.AbsolutePath);
        }

        await AssertStillFlaggedAsync(flagged, version);
    }

    [Fact]
    public async Task APostWithoutAntiforgeryOrForAnUnknownRecordChangesNothing()
    {
        var (_, flagged) = await PatientTestData.AddFlaggedPairAsync(_factory, "Forged Mother", "Forged Son");
        var version = (await PatientTestData.PatientAsync(_factory, flagged)).Version;
        using var client = await SignedInAsync(DemoDataSeeder.ReceptionEmail);

        // Without its token the form is refused and sent back to the page it came from (a browser names it: the
        // site's Referrer-Policy is same-origin) to be tried again, the site's rule for every form.
        client.DefaultRequestHeaders.Referrer = new Uri(client.BaseAddress!, ListPath);
        using (var forged = await client.PostAsync(DismissPath(flagged), new Dictionary<string, string> { ["Version"] = version.ToString() }))
        {
            Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
            Assert.Equal(ListPath, forged.Headers.Location!.OriginalString);
            Assert.Contains("This form expired", WebUtility.HtmlDecode(await client.GetStringAsync(forged.Headers.Location)), StringComparison.Ordinal);
        }

        client.DefaultRequestHeaders.Referrer = null;

        var token = HttpClientExtensions.AntiforgeryToken(await client.GetStringAsync(ListPath));
        using (var unknown = await client.PostAsync(DismissPath(999999), DismissFields(token, version)))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        // A version that is not one: treated as stale, nothing changed, never a 500.
        using (var garbled = await client.PostAsync(DismissPath(flagged), new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Version"] = "not-a-version" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, garbled.StatusCode);
        }

        await AssertStillFlaggedAsync(flagged, version);
        Assert.Empty(await PatientTestData.AuditAsync(_factory, flagged, AuditActions.PatientDuplicateDismissed));
    }

    [Fact]
    public async Task DismissingTwiceIsHarmless()
    {
        var (existing, flagged) = await PatientTestData.AddFlaggedPairAsync(_factory, "Twice Mother", "Twice Son");
        using var client = await SignedInAsync(DemoDataSeeder.ReceptionEmail);
        var fields = await PatientTestData.FormAsync(client, $"/staff/patients/{Id(flagged)}", DismissPath(flagged));

        using (var first = await client.PostAsync(DismissPath(flagged), fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        var afterFirst = await PatientTestData.PatientAsync(_factory, flagged);
        using var second = await client.PostAsync(DismissPath(flagged), fields);

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var page = PatientTestData.Text(await client.GetStringAsync(second.Headers.Location!.OriginalString));
        Assert.Contains($"Record {Id(flagged)} is not marked as a possible duplicate (any more): nothing to dismiss.", page, StringComparison.Ordinal);
        Assert.Equal(afterFirst.Version, (await PatientTestData.PatientAsync(_factory, flagged)).Version);
        Assert.Single(await PatientTestData.AuditAsync(_factory, flagged, AuditActions.PatientDuplicateDismissed));
        Assert.Single(await PatientTestData.AuditAsync(_factory, existing, AuditActions.PatientDuplicateDismissed));
    }

    [Fact]
    public async Task DismissingFromAStalePageSaysTheRecordChangedMeanwhileAndKeepsTheFlag()
    {
        var (_, flagged) = await PatientTestData.AddFlaggedPairAsync(_factory, "Stale Flag Mother", "Stale Flag Son");
        using var client = await SignedInAsync(DemoDataSeeder.ReceptionEmail);
        var fields = await PatientTestData.FormAsync(client, ListPath, DismissPath(flagged));

        // Someone corrects the son's name after the list was opened.
        var edit = $"/staff/patients/{Id(flagged)}/edit";
        var form = await PatientTestData.FormAsync(client, edit, edit);
        form["FullName"] = "Stale Flag Son Renamed";
        form["Phone"] = PatientTestData.Typed((await PatientTestData.PatientAsync(_factory, flagged)).PhoneE164);
        form["Email"] = "";
        using (var saved = await client.PostAsync(edit, form))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var version = (await PatientTestData.PatientAsync(_factory, flagged)).Version;
        using var response = await client.PostAsync(DismissPath(flagged), fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ListPath, response.Headers.Location!.OriginalString);
        var list = PatientTestData.Text(await client.GetStringAsync(ListPath));
        Assert.Contains($"Record {Id(flagged)} was changed meanwhile, so its flag was not dismissed.", list, StringComparison.Ordinal);
        Assert.Contains("Stale Flag Son Renamed", list, StringComparison.Ordinal);
        await AssertStillFlaggedAsync(flagged, version);
    }

    private static Dictionary<string, string> DismissFields(string token, Guid version) => new()
    {
        ["__RequestVerificationToken"] = token,
        ["Version"] = version.ToString(),
        ["From"] = "list",
    };

    private async Task AssertStillFlaggedAsync(int flagged, Guid version)
    {
        var patient = await PatientTestData.PatientAsync(_factory, flagged);
        Assert.NotNull(patient.PossibleDuplicateOfPatientId);
        Assert.Equal(version, patient.Version);
    }
}
