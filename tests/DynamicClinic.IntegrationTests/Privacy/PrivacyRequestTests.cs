using System.Globalization;
using System.Net;
using System.Text.Json;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.IntegrationTests.Patients;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DynamicClinic.IntegrationTests.Privacy;

/// <summary>
/// Privacy requests at /staff/patients/{id}/privacy: admins export a patient's data and erase, anonymise or keep the
/// record on request; everyone else is refused. Real SQLite, real HTTP with antiforgery.
/// </summary>
[Trait("Database", TestDatabase.SqliteOnly)]
public class PrivacyRequestTests : IClassFixture<PrivacyRequestTests.Factory>, IAsyncLifetime
{
    /// <summary>On SQLite in every run: <see cref="PrivacyTestData.WhereFoundAsync"/> reads every table of its file.</summary>
    public sealed class Factory : ClinicAppFactory
    {
        protected override bool SqliteOnly => true;
    }

    private readonly Factory _factory;

    public PrivacyRequestTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => await _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private Task<HttpClient> SignedInAsync(string email) => _factory.SignedInClientAsync(email);

    private static async Task<HttpResponseMessage> DecideAsync(HttpClient client, int id, string? decision, string? reason, string? confirmation)
    {
        var page = $"/staff/patients/{Id(id)}/privacy";
        var fields = await PatientTestData.FormAsync(client, page, page);
        if (decision is not null)
        {
            fields["Decision"] = decision;
        }

        fields["Reason"] = reason ?? "";
        fields["Confirmation"] = confirmation ?? "";
        return await client.PostAsync(page, fields);
    }

    private Task<int> AuditCountAsync() => _factory.WithDbAsync(db => db.AuditEntries.CountAsync());

    [Fact]
    public async Task OnlyAdminsReachThePrivacyPagesAndExports()
    {
        var id = await PatientTestData.AddPatientAsync(_factory, "Privacy Access Patient");
        string[] routes = [$"/staff/patients/{Id(id)}/privacy", $"/staff/patients/{Id(id)}/privacy/export", $"/staff/patients/{Id(id)}/privacy/export.json"];
        var auditBefore = await AuditCountAsync();

        using var anonymous = _factory.CreateClient();
        foreach (var route in routes)
        {
            using var response = await anonymous.GetAsync(route);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/staff/sign-in", response.Headers.Location!.AbsolutePath);
        }

        foreach (var email in new[] { DemoDataSeeder.ReceptionEmail, DemoDataSeeder.ClinicianEmail })
        {
            using var client = await SignedInAsync(email);
            foreach (var route in routes)
            {
                using var response = await client.GetAsync(route);
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            }

            var token = HttpClientExtensions.AntiforgeryToken(await client.GetStringAsync("/staff"));
            using var post = await client.PostAsync(routes[0], new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Decision"] = "Erase",
                ["Reason"] = "Patient asked by phone to be forgotten.",
                ["Confirmation"] = Id(id),
            });
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }

        Assert.Equal("Privacy Access Patient", (await PatientTestData.PatientAsync(_factory, id)).FullName);
        Assert.Equal(auditBefore, await AuditCountAsync());

        using var reception = await SignedInAsync(DemoDataSeeder.ReceptionEmail);
        Assert.DoesNotContain("/privacy", await reception.GetStringAsync($"/staff/patients/{Id(id)}"), StringComparison.Ordinal);

        using var admin = await SignedInAsync(DemoDataSeeder.AdminEmail);
        Assert.Contains($"href=\"/staff/patients/{Id(id)}/privacy\">Privacy requests</a>", await admin.GetStringAsync($"/staff/patients/{Id(id)}"), StringComparison.Ordinal);
        foreach (var route in routes)
        {
            using var response = await admin.GetAsync(route);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl!.NoStore);
        }
    }

    [Fact]
    public async Task TheHtmlExportShowsAppointmentsPlansAndSignedNotesWithAmendmentsAndIsAudited()
    {
        var phone = PrivacyTestData.NewPhone();
        var id = await PatientTestData.AddPatientAsync(_factory, "Export Html Patient", phone, "export.html@example.test");
        var (upcoming, past, _) = await PrivacyTestData.AddBookingTrailAsync(_factory, id, "Export Html Patient", phone, "export.html@example.test", "Export Old Name");
        var consultation = await PrivacyTestData.AddClinicalRecordAsync(_factory, id);
        using var admin = await SignedInAsync(DemoDataSeeder.AdminEmail);

        using var response = await admin.GetAsync($"/staff/patients/{Id(id)}/privacy/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var html = PatientTestData.Text(await response.Content.ReadAsStringAsync());
        Assert.Contains("Personal data held about Export Html Patient", html, StringComparison.Ordinal);
        Assert.Contains("export.html@example.test", html, StringComparison.Ordinal);
        foreach (var reference in new[] { upcoming, past, consultation })
        {
            Assert.Contains("Reference " + reference, html, StringComparison.Ordinal);
        }

        Assert.Contains("Status: Cancelled", html, StringComparison.Ordinal);
        Assert.Contains("Status: Completed", html, StringComparison.Ordinal);
        Assert.Contains("Status: Booked", html, StringComparison.Ordinal);
        Assert.Contains("Mesotherapy with Dr Ayesha Khan", html, StringComparison.Ordinal);
        Assert.Contains("Consultation note for " + consultation, html, StringComparison.Ordinal);
        Assert.Contains("Crown thinning for two years.", html, StringComparison.Ordinal);
        Assert.Contains("Crown thinning for three years.", html, StringComparison.Ordinal);
        Assert.Contains("Reason: Duration corrected after the patient called back.", html, StringComparison.Ordinal);
        Assert.Contains("Androgenetic alopecia, male pattern", html, StringComparison.Ordinal);

        var entry = Assert.Single(await PatientTestData.AuditAsync(_factory, id, AuditActions.PatientExported));
        Assert.Contains("Admin", entry.ActorName, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("printable summary", entry.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Crown", entry.After, StringComparison.Ordinal);
        Assert.DoesNotContain("Export Html", entry.Summary + entry.After, StringComparison.Ordinal);
        Assert.DoesNotContain("example.test", entry.Summary + entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheJsonExportIsADownloadWithTheDocumentedShape()
    {
        var phone = PrivacyTestData.NewPhone();
        var id = await PatientTestData.AddPatientAsync(_factory, "Export Json Patient", phone, "export.json@example.test");
        await PrivacyTestData.AddBookingTrailAsync(_factory, id, "Export Json Patient", phone, "export.json@example.test", "Export Json Old");
        var consultation = await PrivacyTestData.AddClinicalRecordAsync(_factory, id);
        using var admin = await SignedInAsync(DemoDataSeeder.AdminEmail);

        using var response = await admin.GetAsync($"/staff/patients/{Id(id)}/privacy/export.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"patient-{Id(id)}-20261127.json", response.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.True(response.Headers.CacheControl!.NoStore);

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("dynamicclinic.patient-export", root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("formatVersion").GetInt32());
        Assert.Equal("Asia/Karachi", root.GetProperty("clinicTimeZone").GetString());
        Assert.Equal(ClinicAppFactory.DefaultNow.UtcDateTime, root.GetProperty("exportedUtc").GetDateTime().ToUniversalTime());

        var patient = root.GetProperty("patient");
        Assert.Equal(id, patient.GetProperty("recordNumber").GetInt32());
        Assert.Equal("Export Json Patient", patient.GetProperty("fullName").GetString());
        Assert.Equal("export.json@example.test", patient.GetProperty("email").GetString());
        Assert.Equal(phone.Replace("+92", "", StringComparison.Ordinal), patient.GetProperty("mobile").GetString()!.Replace("+92", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Null, patient.GetProperty("anonymisedUtc").ValueKind);

        var appointments = root.GetProperty("appointments").EnumerateArray().ToList();
        Assert.Equal(3, appointments.Count);
        Assert.All(appointments, a =>
        {
            foreach (var property in new[] { "reference", "startUtc", "startLocal", "endUtc", "clinician", "treatment", "status", "bookedBy", "bookedUtc" })
            {
                Assert.True(a.TryGetProperty(property, out _), property);
            }
        });
        Assert.Contains(appointments, a => a.GetProperty("reference").GetString() == consultation && a.GetProperty("status").GetString() == "Completed");

        var plan = Assert.Single(root.GetProperty("sessionPlans").EnumerateArray().ToList());
        Assert.Equal("Mesotherapy", plan.GetProperty("treatment").GetString());
        Assert.Equal(8, plan.GetProperty("totalSessions").GetInt32());

        var note = Assert.Single(root.GetProperty("notes").EnumerateArray().ToList());
        Assert.Equal(consultation, note.GetProperty("appointmentReference").GetString());
        Assert.Equal("Consultation", note.GetProperty("kind").GetString());
        Assert.Contains(note.GetProperty("fields").EnumerateArray(), f => f.GetProperty("field").GetString() == "Notes" && f.GetProperty("value").GetString() == "Crown thinning for two years.");
        var amendment = Assert.Single(note.GetProperty("amendments").EnumerateArray().ToList());
        Assert.Equal("Duration corrected after the patient called back.", amendment.GetProperty("reason").GetString());
        Assert.Contains(amendment.GetProperty("fields").EnumerateArray(), f => f.GetProperty("value").GetString() == "Crown thinning for three years.");

        Assert.Equal(3, root.GetProperty("emails").GetArrayLength());
        Assert.All(root.GetProperty("emails").EnumerateArray(), e => Assert.False(e.TryGetProperty("textBody", out _)));

        var entry = Assert.Single(await PatientTestData.AuditAsync(_factory, id, AuditActions.PatientExported));
        using var after = JsonDocument.Parse(entry.After!);
        Assert.Equal("json", after.RootElement.GetProperty("Format").GetString());
        Assert.Equal(1, after.RootElement.GetProperty("Notes").GetInt32());
    }

    [Fact]
    public async Task ErasingAPatientWithNoClinicalRecordLeavesTheirDetailsInNoRowAndOneAuditEntry()
    {
        const string name = "Zubaida Erasable";
        const string email = "zubaida.erasable@example.test";
        const string oldName = "Zubaida Formerly";
        var phone = PrivacyTestData.NewPhone();
        var id = await PatientTestData.AddPatientAsync(_factory, name, phone, email);
        var (upcoming, past, upcomingStart) = await PrivacyTestData.AddBookingTrailAsync(_factory, id, name, phone, email, oldName);
        using var admin = await SignedInAsync(DemoDataSeeder.AdminEmail);
        // Viewing and exporting write entries of their own that name the patient by id.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/staff/patients/{Id(id)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/staff/patients/{Id(id)}/privacy/export")).StatusCode);
        var digits = phone[1..];
        foreach (var value in new[] { name, email, digits, oldName })
        {
            Assert.NotEmpty(await PrivacyTestData.WhereFoundAsync(_factory, value));
        }

        using var response = await DecideAsync(admin, id, "Erase", "Patient emailed on 25 Nov asking to be forgotten.", Id(id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff/patients", response.Headers.Location!.OriginalString);
        Assert.Contains($"Patient record {Id(id)} was erased", PatientTestData.Text(await admin.GetStringAsync("/staff/patients")), StringComparison.Ordinal);

        foreach (var value in new[] { name, email, digits, oldName, "Zubaida", "0" + phone[3..] })
        {
            Assert.Empty(await PrivacyTestData.WhereFoundAsync(_factory, value));
        }

        await _factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<ClinicDbContext>();
            Assert.False(await db.Patients.AnyAsync(p => p.Id == id));
            Assert.False(await db.Appointments.AnyAsync(a => a.Reference == upcoming || a.Reference == past));
            Assert.Equal(0, await db.ClinicianTimeBlocks.CountAsync(b => b.StartUtc >= upcomingStart && b.StartUtc < upcomingStart.AddHours(1)));
            var erased = await db.AuditEntries.Where(e => e.Action == AuditActions.PatientErased && e.EntityId == Id(id)).ToListAsync();
            var entry = Assert.Single(erased);
            Assert.Null(entry.PatientId);
            using var after = JsonDocument.Parse(entry.After!);
            Assert.Equal("Patient emailed on 25 Nov asking to be forgotten.", after.RootElement.GetProperty("Reason").GetString());
            Assert.Equal(2, after.RootElement.GetProperty("AppointmentsRemoved").GetInt32());
            Assert.Equal(3, after.RootElement.GetProperty("EmailsRemoved").GetInt32());
            Assert.True(after.RootElement.GetProperty("AuditEntriesRedacted").GetInt32() >= 1);

            // The earlier entries stay (who did what, when), unlinked and without the contact details.
            var earlier = await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.PatientUpdated && e.EntityId == Id(id)).SingleAsync();
            Assert.Null(earlier.PatientId);
            Assert.Contains("[removed]", earlier.Before, StringComparison.Ordinal);
            Assert.Equal("Bilal Ahmed (reception@dynamicclinic.test)", earlier.ActorName);
        });
    }

    [Fact]
    public async Task ErasingAPatientWithAClinicalRecordIsRefusedAndChangesNothing()
    {
        var phone = PrivacyTestData.NewPhone();
        var id = await PatientTestData.AddPatientAsync(_factory, "Clinical Record Keeper", phone, "keeper@example.test");
        await PrivacyTestData.AddClinicalRecordAsync(_factory, id);
        using var admin = await SignedInAsync(DemoDataSeeder.AdminEmail);
        var page = PatientTestData.Text(await admin.GetStringAsync($"/staff/patients/{Id(id)}/privacy"));
        Assert.Contains("1 session note, 1 session plan and 1 attended appointment", page, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"Erase\"", page, StringComparison.Ordinal);
        var before = await PatientTestData.PatientAsync(_factory, id);
        var auditBefore = await AuditCountAsync();

        // Posted anyway (an old page, or a crafted request): the rules are checked again on the server.
        using var response = await DecideAsync(admin, id, "Erase", "Patient asked by phone to be forgotten.", Id(id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = PatientTestData.Text(await response.Content.ReadAsStringAsync());
        Assert.Contains("This patient can't be erased: the clinic holds a clinical record", html, StringComparison.Ordinal);
        var after = await PatientTestData.PatientAsync(_factory, id);
        Assert.Equal(before.FullName, after.FullName);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(auditBefore, await AuditCountAsync());
        Assert.Single(await PatientTestData.ReferencesOfAsync(_factory, id));
    }

    [Fact]
    public async Task AnonymisingReplacesContactDetailsKeepsNotesCancelsFutureVisitsAndRecordsTheReason()
    {
        const string name = "Anwar Anonymisable";
        const string email = "anwar.anon@example.test";
        var phone = PrivacyTestData.NewPhone();
        var id = await PatientTestData.AddPatientAsync(_factory, name, phone, email);
        var (upcoming, past, _) = await PrivacyTestData.AddBookingTrailAsync(_factory, id, name, phone, email, "Anwar Previously");
        var consultation = await PrivacyTestData.AddClinicalRecordAsync(_factory, id);
        using var admin = await SignedInAsync(DemoDataSeeder.AdminEmail);

        using var response = await DecideAsync(admin, id, "Anonymise", "Erasure requested; notes kept under the medical records retention rule.", $"Record {Id(id)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var patient = await PatientTestData.PatientAsync(_factory, id);
        Assert.Equal($"Anonymised patient {Id(id)}", patient.FullName);
        Assert.Equal("", patient.PhoneE164);
        Assert.Null(patient.Email);
        Assert.Equal(ClinicAppFactory.DefaultNow.UtcDateTime, patient.AnonymisedUtc);
        foreach (var value in new[] { name, email, phone[1..], "Anwar Previously" })
        {
            Assert.Empty(await PrivacyTestData.WhereFoundAsync(_factory, value));
        }

        await _factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<ClinicDbContext>();
            var appointments = await db.Appointments.AsNoTracking().Where(a => a.PatientId == id).ToListAsync();
            Assert.Equal(3, appointments.Count);
            var future = appointments.Single(a => a.Reference == upcoming);
            Assert.Equal(AppointmentStatus.Cancelled, future.Status);
            Assert.Equal(0, await db.ClinicianTimeBlocks.CountAsync(b => b.AppointmentId == future.Id));
            Assert.Equal(0, await db.AppointmentManageTokens.CountAsync(t => appointments.Select(a => a.Id).Contains(t.AppointmentId)));
            Assert.Equal("[removed] phoned to cancel", appointments.Single(a => a.Reference == past).CancellationReason);
            Assert.Equal(AppointmentStatus.Completed, appointments.Single(a => a.Reference == consultation).Status);
            Assert.Equal(0, await db.OutboxMessages.CountAsync(m => m.AppointmentId == future.Id));
            var note = await db.SessionNotes.AsNoTracking().Include(n => n.Amendments).SingleAsync(n => n.Appointment!.Reference == consultation);
            Assert.Contains("Crown thinning for two years.", note.Content, StringComparison.Ordinal);
            Assert.Single(note.Amendments);
            Assert.Equal(1, await db.SessionPlans.CountAsync(p => p.PatientId == id));
        });

        var entry = Assert.Single(await PatientTestData.AuditAsync(_factory, id, AuditActions.PatientAnonymised));
        using (var after = JsonDocument.Parse(entry.After!))
        {
            Assert.Equal("Erasure requested; notes kept under the medical records retention rule.", after.RootElement.GetProperty("Reason").GetString());
            Assert.Equal([upcoming], after.RootElement.GetProperty("FutureAppointmentsCancelled").EnumerateArray().Select(r => r.GetString()!).ToArray());
        }

        var record = PatientTestData.Text(await admin.GetStringAsync($"/staff/patients/{Id(id)}"));
        Assert.Contains("Anonymised", record, StringComparison.Ordinal);
        Assert.DoesNotContain($"/staff/patients/{Id(id)}/edit", record, StringComparison.Ordinal);
        using var reception = await SignedInAsync(DemoDataSeeder.ReceptionEmail);
        const string cannotEdit = "This record was anonymised at the patient's request, so its contact details can't be edited.";
        using (var edit = await reception.GetAsync($"/staff/patients/{Id(id)}/edit"))
        {
            Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
            Assert.Equal($"/staff/patients/{Id(id)}", edit.Headers.Location!.OriginalString);
        }

        Assert.Contains(cannotEdit, PatientTestData.Text(await reception.GetStringAsync($"/staff/patients/{Id(id)}")), StringComparison.Ordinal);

        // A POST made by hand gets the same answer and gives the record no contact details back.
        var token = HttpClientExtensions.AntiforgeryToken(await reception.GetStringAsync($"/staff/patients/{Id(id)}"));
        using (var post = await reception.PostAsync($"/staff/patients/{Id(id)}/edit", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["FullName"] = name,
            ["Phone"] = phone,
            ["Email"] = email,
            ["Version"] = patient.Version.ToString(),
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
            Assert.Equal($"/staff/patients/{Id(id)}", post.Headers.Location!.OriginalString);
        }

        var unchanged = await PatientTestData.PatientAsync(_factory, id);
        Assert.Equal($"Anonymised patient {Id(id)}", unchanged.FullName);
        Assert.Equal("", unchanged.PhoneE164);
        Assert.Equal(patient.Version, unchanged.Version);
        var page = PatientTestData.Text(await admin.GetStringAsync($"/staff/patients/{Id(id)}/privacy"));
        Assert.DoesNotContain("value=\"Anonymise\"", page, StringComparison.Ordinal);
        Assert.Contains("Anonymised on the patient's request; clinical records kept", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepingTheRecordRecordsTheReasonAndChangesNothing()
    {
        var id = await PatientTestData.AddPatientAsync(_factory, "Kept On Purpose", PrivacyTestData.NewPhone(), "kept@example.test");
        await PrivacyTestData.AddClinicalRecordAsync(_factory, id);
        var before = await PatientTestData.PatientAsync(_factory, id);
        using var admin = await SignedInAsync(DemoDataSeeder.AdminEmail);

        using var response = await DecideAsync(admin, id, "Keep", "Treatment ongoing; records must be retained for 7 years.", null);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/staff/patients/{Id(id)}/privacy", response.Headers.Location!.OriginalString);
        var after = await PatientTestData.PatientAsync(_factory, id);
        Assert.Equal(before.FullName, after.FullName);
        Assert.Equal(before.Email, after.Email);
        Assert.Equal(before.Version, after.Version);
        Assert.Null(after.AnonymisedUtc);
        var entry = Assert.Single(await PatientTestData.AuditAsync(_factory, id, AuditActions.PatientRetained));
        Assert.Contains("Treatment ongoing; records must be retained for 7 years.", entry.After, StringComparison.Ordinal);
        Assert.Contains("Recorded: the record is kept", PatientTestData.Text(await admin.GetStringAsync(response.Headers.Location.OriginalString)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Patient asked to be forgotten.", "ID", "Decision", "Choose what to do with the request.")]
    [InlineData("Erase", "", "ID", "Reason", "Give the reason")]
    [InlineData("Erase", "short", "ID", "Reason", "at least 10 characters")]
    [InlineData("Erase", "Patient asked to be forgotten.", "", "Confirmation", "Type the record number to confirm.")]
    [InlineData("Erase", "Patient asked to be forgotten.", "999999", "Confirmation", "That is not this record's number.")]
    public async Task BadInputIsRefusedWithTheMessageBesideTheFieldAndChangesNothing(string? decision, string reason, string confirmation, string field, string message)
    {
        var id = await PatientTestData.AddPatientAsync(_factory, "Bad Input Patient", PrivacyTestData.NewPhone(), "bad.input@example.test");
        await PatientTestData.AddAppointmentAsync(_factory, id, TimeSpan.FromDays(4));
        var auditBefore = await AuditCountAsync();
        using var admin = await SignedInAsync(DemoDataSeeder.AdminEmail);

        using var response = await DecideAsync(admin, id, decision, reason, confirmation.Replace("ID", Id(id), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var error = html.IndexOf($"id=\"{field}-error\"", StringComparison.Ordinal);
        Assert.True(error >= 0, $"No message beside {field}.");
        Assert.Contains(message, PatientTestData.Text(html[error..(error + 300)]), StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", html, StringComparison.Ordinal);
        Assert.Equal("Bad Input Patient", (await PatientTestData.PatientAsync(_factory, id)).FullName);
        Assert.Single(await PatientTestData.ReferencesOfAsync(_factory, id));
        Assert.Equal(auditBefore, await AuditCountAsync());
    }

    [Fact]
    public async Task ErasingTheRecordAFlagPointsAtClearsTheFlagAndTheExportSaysWhichRecordItWas()
    {
        var (target, flagged) = await PatientTestData.AddFlaggedPairAsync(_factory, "Erased Flag Target", "Flagged Against Erased");
        using var admin = await SignedInAsync(DemoDataSeeder.AdminEmail);
        using (var export = await admin.GetAsync($"/staff/patients/{Id(flagged)}/privacy/export.json"))
        {
            using var json = JsonDocument.Parse(await export.Content.ReadAsStringAsync());
            Assert.Equal(target, json.RootElement.GetProperty("patient").GetProperty("possibleDuplicateOfRecordNumber").GetInt32());
        }

        Assert.Contains($"Record {Id(target)} (not yet checked by reception)", PatientTestData.Text(await admin.GetStringAsync($"/staff/patients/{Id(flagged)}/privacy/export")), StringComparison.Ordinal);
        var version = (await PatientTestData.PatientAsync(_factory, flagged)).Version;

        using var response = await DecideAsync(admin, target, "Erase", "Asked to be forgotten by phone.", Id(target));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await _factory.WithDbAsync(db => db.Patients.AnyAsync(p => p.Id == target)));
        var after = await PatientTestData.PatientAsync(_factory, flagged);
        Assert.Null(after.PossibleDuplicateOfPatientId);
        Assert.NotEqual(version, after.Version);
        var entry = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditActions.PatientErased && e.EntityId == Id(target)));
        using var audit = JsonDocument.Parse(entry.After!);
        Assert.Equal([flagged], audit.RootElement.GetProperty("DuplicateFlagsCleared").EnumerateArray().Select(e => e.GetInt32()));
        using var exportAfter = JsonDocument.Parse(await admin.GetStringAsync($"/staff/patients/{Id(flagged)}/privacy/export.json"));
        Assert.Equal(JsonValueKind.Null, exportAfter.RootElement.GetProperty("patient").GetProperty("possibleDuplicateOfRecordNumber").ValueKind);
    }

    [Fact]
    public async Task AnonymisingClearsFlagsPointingToAndFromTheRecord()
    {
        var (other, anonymised) = await PatientTestData.AddFlaggedPairAsync(_factory, "Anon Flag Other", "Anon Flag Patient");
        await PrivacyTestData.AddClinicalRecordAsync(_factory, anonymised);
        var pointing = await PatientTestData.AddPatientAsync(_factory, "Anon Flag Pointing");
        await PatientTestData.FlagAsync(_factory, pointing, anonymised);
        using var admin = await SignedInAsync(DemoDataSeeder.AdminEmail);

        using var response = await DecideAsync(admin, anonymised, "Anonymise", "Notes kept under the retention rule.", $"Record {Id(anonymised)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var record = await PatientTestData.PatientAsync(_factory, anonymised);
        Assert.NotNull(record.AnonymisedUtc);
        Assert.Null(record.PossibleDuplicateOfPatientId);
        Assert.Null((await PatientTestData.PatientAsync(_factory, pointing)).PossibleDuplicateOfPatientId);
        Assert.Null((await PatientTestData.PatientAsync(_factory, other)).PossibleDuplicateOfPatientId);
    }
}
