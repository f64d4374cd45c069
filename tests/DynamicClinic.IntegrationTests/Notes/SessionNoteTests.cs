using System.Net;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Notes;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using static DynamicClinic.IntegrationTests.Notes.NoteClient;

namespace DynamicClinic.IntegrationTests.Notes;

/// <summary>Writing, signing and amending notes through HTTP, as Dr Ayesha Khan (the demo clinician).</summary>
public class SessionNoteTests : IClassFixture<SessionNoteTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    // Words no page, log line or audit entry may repeat outside the note itself.
    private const string Assessment = "Scalp-QZX-4471 shows crown thinning";
    private const string NextPlan = "Plan-QZX-9912 keep the blend";

    private readonly Factory _site;

    public SessionNoteTests(Factory site) => _site = site;

    public Task InitializeAsync() => _site.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A complete mesotherapy session note (its field set's <c>f.*</c> inputs); the reactions carry <paramref name="assessment"/>.</summary>
    public static (string, string)[] CompleteSession(string assessment = Assessment) =>
    [
        ("f.reactions", assessment),
        ("f.product", "Vitamin and biotin cocktail"),
        ("f.batch", "LOT-2291"),
        ("f.expiry", "2027-06-30"),
        ("f.volume", "4.5"),
        ("f.technique", "manual"),
        ("f.areas", "temples"),
        ("f.areas", "crown"),
        ("f.pain-score", "3"),
        ("f.needle", NextPlan),
    ];

    /// <summary>A complete consultation note for a patient whose sex is not recorded (either stage will do).</summary>
    public static (string, string)[] CompleteConsultation(string plan = "Six mesotherapy sessions, review after three") =>
    [
        ("f.hair-loss-history", "Thinning for two years"),
        ("f.medications", "None"),
        ("f.norwood-stage", "3"),
        ("f.scalp-findings", "Miniaturised hairs"),
        ("f.contraindications", "none"),
        ("f.plan", plan),
    ];

    private Task<HttpClient> ClinicianAsync(string email = DemoDataSeeder.ClinicianEmail) => _site.SignedInClientAsync(email);

    private Task<SessionNote?> NoteAsync(string reference) =>
        _site.WithDbAsync(db => db.SessionNotes.AsNoTracking().Include(n => n.Amendments).SingleOrDefaultAsync(n => n.Appointment!.Reference == reference));

    private async Task<string> SignedSessionNoteAsync(HttpClient client)
    {
        var reference = await NoteTestData.AddAsync(_site, AppointmentStatus.Completed, session: true);
        using (var saved = await client.SubmitAsync(reference, "", CompleteSession()))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using var signed = await client.SubmitAsync(reference, "sign", [("Confirm", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        return reference;
    }

    [Fact]
    public async Task AClinicianSavesAnIncompleteDraftThenEditsIt()
    {
        using var client = await ClinicianAsync();
        var reference = await NoteTestData.AddAsync(_site, AppointmentStatus.Completed, session: true);

        var empty = await client.GetStringAsync(Page(reference));
        Assert.Contains("Session note", empty, StringComparison.Ordinal);
        Assert.Contains("Session 3 of 8", empty, StringComparison.Ordinal);
        Assert.Contains("No note yet", empty, StringComparison.Ordinal);

        using (var saved = await client.SubmitAsync(reference, "", [("f.reactions", "First look"), ("f.product", "Minerals")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal(Page(reference), saved.Headers.Location!.OriginalString);
        }

        var draft = await NoteAsync(reference);
        Assert.NotNull(draft);
        Assert.Equal(NoteStatus.Draft, draft.Status);
        Assert.Equal(NoteKind.Session, draft.Kind);
        Assert.Equal("Dr Ayesha Khan", draft.AuthorName);
        Assert.Equal("mesotherapy", draft.CurrentContent().FieldSet);
        Assert.Equal("First look", draft.CurrentContent().Answer("reactions"));

        using (var edited = await client.SubmitAsync(reference, "", CompleteSession()))
        {
            Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        }

        var after = await NoteAsync(reference);
        Assert.Equal(draft.Id, after!.Id);
        Assert.Equal(Assessment, after.CurrentContent().Answer("reactions"));
        Assert.Equal("4.5", after.CurrentContent().Answer("volume"));
        Assert.Equal(["crown", "temples"], after.CurrentContent().Answers["areas"]);
        Assert.NotEqual(draft.Version, after.Version);

        var page = await client.GetStringAsync(Page(reference));
        Assert.Contains("Draft, not signed yet", page, StringComparison.Ordinal);
        Assert.Contains(Assessment, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningNeedsTheConfirmationAndACompleteNote()
    {
        using var client = await ClinicianAsync();
        var reference = await NoteTestData.AddAsync(_site, AppointmentStatus.Arrived);
        using (var saved = await client.SubmitAsync(reference, "", [("f.hair-loss-history", "Two years")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using (var unconfirmed = await client.SubmitAsync(reference, "sign", []))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
            Assert.Contains("Confirm that the note is accurate", await unconfirmed.HtmlAsync(), StringComparison.Ordinal);
        }

        using (var incomplete = await client.SubmitAsync(reference, "sign", [("Confirm", "true")]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
            var html = await incomplete.HtmlAsync();
            Assert.Contains("not complete yet", html, StringComparison.Ordinal);
            Assert.Contains("Scalp findings: fill this in before signing.", html, StringComparison.Ordinal);
        }

        Assert.Equal(NoteStatus.Draft, (await NoteAsync(reference))!.Status);

        using (var completed = await client.SubmitAsync(reference, "", CompleteConsultation("Mesotherapy, six sessions")))
        {
            Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);
        }

        using (var signed = await client.SubmitAsync(reference, "sign", [("Confirm", "true")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        }

        var note = await NoteAsync(reference);
        Assert.Equal(NoteStatus.Signed, note!.Status);
        Assert.Equal(NoteKind.Consultation, note.Kind);
        Assert.Equal(_site.Clock.GetUtcNow().UtcDateTime, note.SignedUtc);
        var page = await client.GetStringAsync(Page(reference));
        Assert.Contains("Signed note", page, StringComparison.Ordinal);
        Assert.Contains("Mesotherapy", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignedNoteRefusesEditsThroughEveryRouteAndNothingChanges()
    {
        using var client = await ClinicianAsync();
        var reference = await SignedSessionNoteAsync(client);
        var signed = await NoteAsync(reference);
        var audits = await _site.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == reference && e.Action != AuditActions.NoteViewed));

        // The page offers no draft form any more; a forged post with the current version is refused all the same.
        var page = await client.GetStringAsync(Page(reference));
        Assert.DoesNotContain($"action=\"{Page(reference)}\"", page, StringComparison.Ordinal);
        var token = HtmlForms.HiddenFields(page, $"{Page(reference)}/amend")["__RequestVerificationToken"];
        (string, string)[] rewrite = [("__RequestVerificationToken", token), ("Version", signed!.Version.ToString()), ("f.reactions", "Rewritten"), ("Confirm", "true")];

        using (var draft = await client.PostRawAsync(Page(reference), rewrite))
        {
            Assert.Equal(HttpStatusCode.BadRequest, draft.StatusCode);
            Assert.Contains("signed, so it cannot be changed", await draft.HtmlAsync(), StringComparison.Ordinal);
        }

        using (var sign = await client.PostRawAsync($"{Page(reference)}/sign", rewrite))
        {
            Assert.Equal(HttpStatusCode.BadRequest, sign.StatusCode);
            Assert.Contains("already signed", await sign.HtmlAsync(), StringComparison.Ordinal);
        }

        using (var amendWithoutReason = await client.PostRawAsync($"{Page(reference)}/amend", rewrite))
        {
            Assert.Equal(HttpStatusCode.BadRequest, amendWithoutReason.StatusCode);
        }

        var after = await NoteAsync(reference);
        Assert.Equal(signed.Content, after!.Content);
        Assert.Equal(signed.Version, after.Version);
        Assert.Equal(signed.SignedUtc, after.SignedUtc);
        Assert.Empty(after.Amendments);
        Assert.Equal(audits, await _site.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == reference && e.Action != AuditActions.NoteViewed)));
    }

    [Fact]
    public async Task AnAmendmentKeepsTheOriginalAndShowsWhoWhenAndWhy()
    {
        using var client = await ClinicianAsync();
        var reference = await SignedSessionNoteAsync(client);
        var original = (await NoteAsync(reference))!.Content;

        var corrected = CompleteSession().Select(f => f.Item1 == "f.volume" ? ("f.volume", "6") : f).Append(("Reason", "Volume typed wrongly"));
        _site.Clock.Advance(TimeSpan.FromMinutes(20));
        using (var amended = await client.SubmitAsync(reference, "amend", corrected))
        {
            Assert.Equal(HttpStatusCode.Redirect, amended.StatusCode);
        }

        var note = await NoteAsync(reference);
        Assert.Equal(original, note!.Content);
        Assert.Equal(NoteStatus.Signed, note.Status);
        var amendment = Assert.Single(note.Amendments);
        Assert.Equal("Volume typed wrongly", amendment.Reason);
        Assert.Equal("Dr Ayesha Khan", amendment.AuthorName);
        Assert.Equal("6", note.CurrentContent().Answer("volume"));
        Assert.Equal("4.5", NoteContent.Parse(note.Content).Answer("volume"));

        var page = await client.GetStringAsync(Page(reference));
        Assert.Contains("Signed, amended 1 time", page, StringComparison.Ordinal);
        Assert.Contains("Amended by Dr Ayesha Khan", page, StringComparison.Ordinal);
        Assert.Contains("27 Nov 2026 10:20", page, StringComparison.Ordinal);
        Assert.Contains("Volume typed wrongly", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"preserve-lines\">4.5 mL</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"preserve-lines\">6 mL</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInputIsRefusedBesideTheFieldAndNothingIsSaved()
    {
        using var client = await ClinicianAsync();
        var reference = await NoteTestData.AddAsync(_site, AppointmentStatus.Completed, session: true);

        (string Field, (string, string)[] Input, string Message)[] cases =
        [
            ("f.areas", [("f.areas", "crown"), ("f.areas", "elbow")], "Areas treated: choose from the options shown."),
            ("f.technique", [("f.technique", "great")], "Technique: choose from the options shown."),
            ("f.technique", [("f.technique", "manual"), ("f.technique", "gun")], "Technique: give one value."),
            ("f.reactions", [("f.reactions", new string('a', SessionNote.TextMaxLength + 1))], "Immediate reactions can be at most 2000 characters."),
            ("f.needle", [("f.needle", new string('a', 61))], "Needle can be at most 60 characters."),
            ("f.product", [("f.product", "<script>alert(1)</script>\u0007")], "Product or cocktail: "),
            ("f.volume", [("f.volume", "25")], "Enter the volume as a number from 0.1 to 20 mL (at most 2 decimal places)."),
            ("f.volume", [("f.volume", "0")], "Enter the volume as a number from 0.1 to 20 mL"),
            ("f.volume", [("f.volume", "4.555")], "Enter the volume as a number from 0.1 to 20 mL"),
            ("f.volume", [("f.volume", "lots")], "Enter the volume as a number from 0.1 to 20 mL"),
            ("f.pain-score", [("f.pain-score", "2.5")], "Enter the pain score as a number from 0 to 10 (a whole number)."),
            ("f.expiry", [("f.expiry", "31/12/2027")], "Expiry date: enter a date such as 2027-03-31."),
        ];
        foreach (var (field, input, message) in cases)
        {
            using var response = await client.SubmitAsync(reference, "", input);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var html = await response.HtmlAsync();
            Assert.Matches($"<span[^>]*id=\"{field.Replace("f.", "f-", StringComparison.Ordinal)}-error\"[^>]*>{System.Text.RegularExpressions.Regex.Escape(message)}", html);
            Assert.Contains($"name=\"{field}\"", html, StringComparison.Ordinal);
        }

        Assert.Null(await NoteAsync(reference));
        Assert.Equal(0, await _site.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == reference && e.Action == AuditActions.NoteDraftSaved)));
    }

    [Fact]
    public async Task AnAmendmentWithoutAReasonIsRefusedBesideTheField()
    {
        using var client = await ClinicianAsync();
        var reference = await SignedSessionNoteAsync(client);

        var corrected = CompleteSession().Select(f => f.Item1 == "f.volume" ? ("f.volume", "6") : f).Append(("Reason", "   "));
        using var response = await client.SubmitAsync(reference, "amend", corrected);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Matches("<span[^>]*id=\"Reason-error\"[^>]*>Say why the note is being amended.", html);
        // What was typed is kept for another try.
        Assert.Contains("value=\"6\"", html, StringComparison.Ordinal);
        Assert.Empty((await NoteAsync(reference))!.Amendments);
    }

    [Fact]
    public async Task AConcurrentEditOfADraftIsDetected()
    {
        using var client = await ClinicianAsync();
        var reference = await NoteTestData.AddAsync(_site, AppointmentStatus.Completed, session: true);
        using (var first = await client.SubmitAsync(reference, "", [("f.reactions", "Version one")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        // Two tabs show the same draft; the first saves, then the second.
        var tab = HtmlForms.HiddenFields(await client.GetStringAsync(Page(reference)), Page(reference));
        using (var tabOne = await client.SubmitAsync(reference, "", [("f.reactions", "From tab one")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, tabOne.StatusCode);
        }

        using var tabTwo = await client.PostRawAsync(Page(reference), tab.Select(h => (h.Key, h.Value)).Append(("f.reactions", "From tab two")));

        Assert.Equal(HttpStatusCode.Conflict, tabTwo.StatusCode);
        var html = await tabTwo.HtmlAsync();
        Assert.Contains("your changes were not saved", html, StringComparison.Ordinal);
        Assert.Contains("From tab two", html, StringComparison.Ordinal);
        Assert.Equal("From tab one", (await NoteAsync(reference))!.CurrentContent().Answer("reactions"));
    }

    [Fact]
    public async Task NoNoteIsWrittenBeforeThePatientArrivesNorForAMissedAppointment()
    {
        using var client = await ClinicianAsync();
        foreach (var status in new[] { AppointmentStatus.Booked, AppointmentStatus.NoShow, AppointmentStatus.Cancelled })
        {
            var reference = await NoteTestData.AddAsync(_site, status, startUtc: NoteTestData.Utc(day: 26));
            var page = await client.GetStringAsync(Page(reference));
            Assert.DoesNotContain("Save draft", page, StringComparison.Ordinal);

            var token = HtmlForms.HiddenFields(await client.GetStringAsync("/staff"), "/staff/sign-out");
            using var response = await client.PostRawAsync(Page(reference), token.Select(h => (h.Key, h.Value)).Append(("f.reactions", "x")));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Null(await NoteAsync(reference));
        }
    }

    [Fact]
    public async Task EveryViewSaveSignatureAndAmendmentIsAuditedWithoutClinicalText()
    {
        using var client = await ClinicianAsync();
        var reference = await SignedSessionNoteAsync(client);
        var corrected = CompleteSession("Amended-QZX-5150 assessment").Append(("Reason", "Reason-QZX-7788 wrong words"));
        using (var amended = await client.SubmitAsync(reference, "amend", corrected))
        {
            Assert.Equal(HttpStatusCode.Redirect, amended.StatusCode);
        }

        await client.GetStringAsync(Page(reference));

        var entries = await _site.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.EntityId == reference).OrderBy(e => e.Id).ToListAsync());
        var patientId = await _site.WithDbAsync(db => db.Appointments.Where(a => a.Reference == reference).Select(a => a.PatientId).SingleAsync());
        Assert.Contains(entries, e => e.Action == AuditActions.NoteDraftSaved);
        Assert.Contains(entries, e => e.Action == AuditActions.NoteSigned);
        Assert.Contains(entries, e => e.Action == AuditActions.NoteAmended);
        Assert.Contains(entries, e => e.Action == AuditActions.NoteViewed);
        Assert.All(entries, e =>
        {
            Assert.Equal(AuditEntityTypes.SessionNote, e.EntityType);
            Assert.Equal(patientId, e.PatientId);
            Assert.Contains("Dr Ayesha Khan", e.ActorName, StringComparison.Ordinal);
            var stored = $"{e.Summary} {e.Before} {e.After}";
            Assert.DoesNotContain("QZX", stored, StringComparison.Ordinal);
            Assert.DoesNotContain("crown", stored, StringComparison.OrdinalIgnoreCase);
        });

        var amendedEntry = Assert.Single(entries, e => e.Action == AuditActions.NoteAmended);
        Assert.Contains("f.reactions", amendedEntry.After, StringComparison.Ordinal);
        Assert.Contains("\"ReasonLength\":27", amendedEntry.After, StringComparison.Ordinal);
        Assert.Equal(
            [AuditActions.NoteDraftSaved, AuditActions.NoteViewed, AuditActions.NoteSigned, AuditActions.NoteViewed, AuditActions.NoteAmended, AuditActions.NoteViewed],
            entries.Select(e => e.Action));
    }

    [Fact]
    public async Task NoLogLineContainsTheNoteText()
    {
        using var client = await ClinicianAsync();
        var reference = await SignedSessionNoteAsync(client);
        var corrected = CompleteSession("Logcheck-QZX-3030 assessment").Append(("Reason", "Logcheck-QZX-reason"));
        using (var amended = await client.SubmitAsync(reference, "amend", corrected))
        {
            Assert.Equal(HttpStatusCode.Redirect, amended.StatusCode);
        }

        using (var bad = await client.SubmitAsync(reference, "amend", CompleteSession("Logcheck-QZX-4040 bad").Select(f => f.Item1 == "f.volume" ? ("f.volume", "99") : f)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        await client.GetStringAsync("/staff/today");

        // The file sink writes in the background: wait for the last request's line, bounded.
        string[] lines = [];
        for (var i = 0; i < 100 && !lines.Any(l => l.Contains("\"RequestPath\":\"/staff/today\"", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(100);
            lines = Directory.Exists(_site.LogFolder)
                ? Directory.GetFiles(_site.LogFolder, "dynamicclinic-*.log").SelectMany(ReadShared).ToArray()
                : [];
        }

        Assert.Contains(lines, l => l.Contains(reference, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("QZX", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("keep the blend", StringComparison.Ordinal));
    }

    private static string[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
