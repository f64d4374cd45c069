using System.Net;
using System.Text.Json;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Notes;
using DynamicClinic.Domain.Patients;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.IntegrationTests.Patients;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using static DynamicClinic.IntegrationTests.Notes.NoteClient;

namespace DynamicClinic.IntegrationTests.Notes;

/// <summary>
/// Each kind of visit writes its own fields (the field sets in Content/note-fields): the form asks them, signing
/// needs the required ones, and the signed note, the chart and the export show them with their labels and units.
/// </summary>
public class StructuredNoteTests : IClassFixture<StructuredNoteTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _site;

    public StructuredNoteTests(Factory site) => _site = site;

    public Task InitializeAsync() => _site.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Per kind of visit: the treatment, whether it is a session, what is typed, and lines the signed note shows.</summary>
    public static TheoryData<string, string?, string[], string[]> Kinds() => new()
    {
        {
            "consultation", null,
            ["f.hair-loss-history=Receding for three years", "f.medications=None", "f.norwood-stage=3-vertex", "f.scalp-findings=Miniaturisation at the crown",
             "f.contraindications=none", "f.plan=Six PRP sessions"],
            ["Hair-loss history|Receding for three years", "Norwood stage|III vertex", "Contraindications|None", "Plan|Six PRP sessions"]
        },
        {
            "mesotherapy", "mesotherapy",
            ["f.product=Biotin cocktail", "f.batch=LOT-77", "f.expiry=2027-01-31", "f.volume=4,50", "f.technique=gun", "f.areas=crown", "f.areas=frontal",
             "f.needle=32G 4 mm", "f.pain-score=2", "f.reactions=None"],
            ["Volume (mL)|4.5 mL", "Expiry date|31 January 2027", "Technique|Injection gun", "Areas treated|Frontal, Crown", "Pain score|2", "Needle|32G 4 mm"]
        },
        {
            "prp", "prp-therapy",
            ["f.blood-drawn=20", "f.spins=2", "f.speed=3200", "f.prp-volume=6.5", "f.activated=yes", "f.activator=Calcium chloride", "f.areas=temples", "f.reactions=Mild redness"],
            ["Blood drawn (mL)|20 mL", "Spins|2", "Spin speed (rpm)|3200 rpm", "PRP volume (mL)|6.5 mL", "Activator used|Yes", "Activator|Calcium chloride", "Areas treated|Temples"]
        },
        {
            "hair-transplant", "hair-transplant",
            ["f.technique=fue", "f.grafts-harvested=2400", "f.grafts-implanted=2350", "f.donor-area=Occipital", "f.recipient-areas=frontal", "f.recipient-areas=crown",
             "f.anaesthetic=Lidocaine 2% with adrenaline", "f.anaesthetic-dose=18.5", "f.duration=7.5", "f.complications=None"],
            ["Technique|FUE (follicular unit extraction)", "Grafts implanted|2350", "Recipient areas|Frontal hairline, Crown", "Anaesthetic dose (mL)|18.5 mL", "Duration (hours)|7.5 hours"]
        },
        {
            "follow-up", "medications",
            ["f.reported-change=better", "f.change-details=Less shedding in the shower", "f.side-effects=None", "f.adherence=misses-doses"],
            ["Change the patient reports|A little better", "In the patient's words|Less shedding in the shower", "Adherence to medication|Misses some doses"]
        },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task EachKindOfVisitIsWrittenSignedShownAndExportedWithItsOwnFields(string set, string? sessionTreatment, string[] typed, string[] shown)
    {
        var phone = PatientTestData.NewPhone();
        var patientId = await PatientTestData.AddPatientAsync(_site, "Structured " + set, phone);
        var reference = await NoteTestData.AddAsync(_site, AppointmentStatus.Completed, session: sessionTreatment is not null, patientPhone: phone, treatmentSlug: sessionTreatment);
        using var client = await _site.SignedInClientAsync(DemoDataSeeder.ClinicianEmail);

        // The form asks this visit's fields, and only those.
        var form = await client.GetStringAsync(Page(reference));
        foreach (var field in typed.Select(t => t[..t.IndexOf('=', StringComparison.Ordinal)]).Distinct())
        {
            Assert.Contains($"name=\"{field}\"", form, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("name=\"ScalpAssessment\"", form, StringComparison.Ordinal);

        // Signing with every required field filled: the typed note is saved and signed in one go.
        using (var signed = await client.SignAsTypedAsync(reference, [.. Pairs(typed), ("Confirm", "true")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        }

        var note = await _site.WithDbAsync(db => db.SessionNotes.AsNoTracking().SingleAsync(n => n.Appointment!.Reference == reference));
        Assert.Equal(NoteStatus.Signed, note.Status);
        Assert.Equal(set, NoteContent.Parse(note.Content).FieldSet);

        var page = await (await client.GetAsync(Page(reference))).HtmlAsync();
        foreach (var line in shown)
        {
            var (label, value) = (line.Split('|')[0], line.Split('|')[1]);
            Assert.Contains($"<dt>{label}</dt>", page, StringComparison.Ordinal);
            Assert.Contains($"<dd class=\"preserve-lines\">{value}</dd>", page, StringComparison.Ordinal);
        }

        // The chart lists it with the same labels.
        var chart = await (await client.GetAsync($"/staff/patients/{patientId}")).HtmlAsync();
        Assert.Contains(shown[0].Split('|')[1], chart, StringComparison.Ordinal);

        // The export carries each line with its label and value.
        using var admin = await _site.SignedInClientAsync(DemoDataSeeder.AdminEmail);
        using var exported = await admin.GetAsync($"/staff/patients/{patientId}/privacy/export.json");
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        using var json = JsonDocument.Parse(await exported.Content.ReadAsStringAsync());
        var fields = Assert.Single(json.RootElement.GetProperty("notes").EnumerateArray().ToList()).GetProperty("fields").EnumerateArray().ToList();
        foreach (var line in shown)
        {
            Assert.Contains(fields, f => f.GetProperty("label").GetString() == line.Split('|')[0] && f.GetProperty("value").GetString() == line.Split('|')[1]);
        }

        // The printable export too.
        var printable = await (await admin.GetAsync($"/staff/patients/{patientId}/privacy/export")).HtmlAsync();
        Assert.Contains(shown[^1].Split('|')[1], printable, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PatientSex.Male, "f.norwood-stage", "f.ludwig-stage")]
    [InlineData(PatientSex.Female, "f.ludwig-stage", "f.norwood-stage")]
    public async Task AConsultationAsksNorwoodForMenAndLudwigForWomen(PatientSex sex, string asked, string notAsked)
    {
        var phone = PatientTestData.NewPhone();
        var patientId = await PatientTestData.AddPatientAsync(_site, "Staging " + sex, phone);
        await _site.WithDbAsync(async db =>
        {
            (await db.Patients.SingleAsync(p => p.Id == patientId)).Sex = sex;
            return await db.SaveChangesAsync();
        });
        var reference = await NoteTestData.AddAsync(_site, AppointmentStatus.Arrived, patientPhone: phone);
        using var client = await _site.SignedInClientAsync(DemoDataSeeder.ClinicianEmail);

        var form = await client.GetStringAsync(Page(reference));
        Assert.Contains($"name=\"{asked}\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain($"name=\"{notAsked}\"", form, StringComparison.Ordinal);

        // Without the stage the note cannot be signed; the message sits beside the stage.
        var withoutStage = SessionNoteTests.CompleteConsultation().Where(f => f.Item1 != "f.norwood-stage").Append(("Confirm", "true"));
        using var refused = await client.SignAsTypedAsync(reference, withoutStage);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var label = sex == PatientSex.Male ? "Norwood stage" : "Ludwig stage";
        Assert.Matches($"<span[^>]*id=\"{asked.Replace('.', '-')}-error\"[^>]*>{label}: choose one before signing.", await refused.HtmlAsync());
    }

    [Fact]
    public async Task WhenTheSexIsNotRecordedBothStagesAreAskedAndEitherIsEnough()
    {
        var phone = PatientTestData.NewPhone();
        await PatientTestData.AddPatientAsync(_site, "Staging Unknown", phone);
        var reference = await NoteTestData.AddAsync(_site, AppointmentStatus.Arrived, patientPhone: phone);
        using var client = await _site.SignedInClientAsync(DemoDataSeeder.ClinicianEmail);

        var form = await (await client.GetAsync(Page(reference))).HtmlAsync();
        Assert.Contains("Norwood stage (men)", form, StringComparison.Ordinal);
        Assert.Contains("Ludwig stage (women)", form, StringComparison.Ordinal);

        var ludwigOnly = SessionNoteTests.CompleteConsultation().Where(f => f.Item1 != "f.norwood-stage").Append(("f.ludwig-stage", "2")).Append(("Confirm", "true"));
        using var signed = await client.SignAsTypedAsync(reference, ludwigOnly);
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
    }

    [Fact]
    public async Task ARefusedSignatureKeepsWhatWasTypedAsTheDraft()
    {
        var reference = await NoteTestData.AddAsync(_site, AppointmentStatus.Completed, session: true);
        using var client = await _site.SignedInClientAsync(DemoDataSeeder.ClinicianEmail);

        // Nothing saved yet; "Sign" ticked with the note half written (no volume, no pain score).
        var typed = SessionNoteTests.CompleteSession("Typed-QZX-6060 before signing").Where(f => f.Item1 is not ("f.volume" or "f.pain-score"));
        using (var refused = await client.SignAsTypedAsync(reference, typed.Append(("Confirm", "true"))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var html = await refused.HtmlAsync();
            Assert.Contains("not complete yet", html, StringComparison.Ordinal);
            Assert.Matches("<span[^>]*id=\"f-volume-error\"[^>]*>Volume: fill this in before signing.", html);
            Assert.Contains("Typed-QZX-6060 before signing", html, StringComparison.Ordinal);
        }

        var draft = await _site.WithDbAsync(db => db.SessionNotes.AsNoTracking().SingleAsync(n => n.Appointment!.Reference == reference));
        Assert.Equal(NoteStatus.Draft, draft.Status);
        Assert.Equal("Typed-QZX-6060 before signing", NoteContent.Parse(draft.Content).Answer("reactions"));

        // Confirmation forgotten: the typed change is kept too.
        using (var unconfirmed = await client.SignAsTypedAsync(reference, [.. typed, ("f.volume", "3")]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
            Assert.Contains("Confirm that the note is accurate", await unconfirmed.HtmlAsync(), StringComparison.Ordinal);
        }

        Assert.Equal("3", await _site.WithDbAsync(async db => NoteContent.Parse((await db.SessionNotes.AsNoTracking().SingleAsync(n => n.Appointment!.Reference == reference)).Content).Answer("volume")));

        using (var signed = await client.SignAsTypedAsync(reference, [.. typed, ("f.volume", "3"), ("f.pain-score", "4"), ("Confirm", "true")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        }

        var note = await _site.WithDbAsync(db => db.SessionNotes.AsNoTracking().SingleAsync(n => n.Appointment!.Reference == reference));
        Assert.Equal(NoteStatus.Signed, note.Status);
        Assert.Equal("4", NoteContent.Parse(note.Content).Answer("pain-score"));
    }

    [Fact]
    public async Task ASignatureWithAMalformedFieldSavesNothing()
    {
        var reference = await NoteTestData.AddAsync(_site, AppointmentStatus.Completed, session: true);
        using var client = await _site.SignedInClientAsync(DemoDataSeeder.ClinicianEmail);

        var bad = SessionNoteTests.CompleteSession().Select(f => f.Item1 == "f.volume" ? ("f.volume", "a lot") : f).Append(("Confirm", "true"));
        using var refused = await client.SignAsTypedAsync(reference, bad);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.HtmlAsync();
        Assert.Matches("<span[^>]*id=\"f-volume-error\"[^>]*>Enter the volume as a number", html);
        Assert.Contains("value=\"a lot\"", html, StringComparison.Ordinal);
        Assert.Null(await _site.WithDbAsync(db => db.SessionNotes.AsNoTracking().SingleOrDefaultAsync(n => n.Appointment!.Reference == reference)));
    }

    [Fact]
    public async Task TheBackgroundSaveStoresTheDraftAndAnswersWithItsVersionAndTime()
    {
        var reference = await NoteTestData.AddAsync(_site, AppointmentStatus.Completed, session: true);
        using var client = await _site.SignedInClientAsync(DemoDataSeeder.ClinicianEmail);
        var hidden = HtmlForms.HiddenFields(await client.GetStringAsync(Page(reference)), Page(reference));

        using var saved = await client.PostRawAsync($"{Page(reference)}/autosave", [.. hidden.Select(h => (h.Key, h.Value)), ("f.product", "Autosaved cocktail"), ("Confirm", "true")]);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        using var json = JsonDocument.Parse(await saved.Content.ReadAsStringAsync());
        var note = await _site.WithDbAsync(db => db.SessionNotes.AsNoTracking().SingleAsync(n => n.Appointment!.Reference == reference));
        Assert.Equal(note.Version, json.RootElement.GetProperty("version").GetGuid());
        Assert.Equal("10:00", json.RootElement.GetProperty("savedAt").GetString());
        Assert.Equal(NoteStatus.Draft, note.Status);
        Assert.Equal("Autosaved cocktail", NoteContent.Parse(note.Content).Answer("product"));

        // A save from a page that showed an older version is refused, not written over.
        using var stale = await client.PostRawAsync($"{Page(reference)}/autosave", [.. hidden.Select(h => (h.Key, h.Value)), ("f.product", "Stale tab")]);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        // Without the antiforgery token nothing is saved (the site's "form expired" redirect).
        using var forged = await client.PostRawAsync($"{Page(reference)}/autosave", [("Version", note.Version.ToString()), ("f.product", "Forged")]);
        Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Equal("Autosaved cocktail", await _site.WithDbAsync(async db => NoteContent.Parse((await db.SessionNotes.AsNoTracking().SingleAsync(n => n.Appointment!.Reference == reference)).Content).Answer("product")));
    }

    [Fact]
    public async Task AnOlderNoteKeepsItsOwnFields()
    {
        // A draft written before field sets existed (no field set in its content) keeps the older form.
        var reference = await NoteTestData.AddAsync(_site, AppointmentStatus.Completed, session: true);
        await _site.WithDbAsync(async db =>
        {
            var appointment = await db.Appointments.SingleAsync(a => a.Reference == reference);
            db.SessionNotes.Add(new SessionNote
            {
                AppointmentId = appointment.Id,
                Kind = NoteKind.Session,
                Content = new NoteContent { ScalpAssessment = "Older wording", VolumeMl = 3m }.ToJson(),
                AuthorUserId = (await db.Users.SingleAsync(u => u.Email == DemoDataSeeder.ClinicianEmail)).Id,
                AuthorName = "Dr Ayesha Khan",
                CreatedUtc = appointment.StartUtc,
                UpdatedUtc = appointment.StartUtc,
            });
            return await db.SaveChangesAsync();
        });
        using var client = await _site.SignedInClientAsync(DemoDataSeeder.ClinicianEmail);

        var form = await client.GetStringAsync(Page(reference));
        Assert.Contains("name=\"ScalpAssessment\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"f.product\"", form, StringComparison.Ordinal);

        using var signed = await client.SignAsTypedAsync(
            reference,
            [("ScalpAssessment", "Older wording"), ("Blend", "minerals"), ("VolumeMl", "3"), ("Areas", "crown"), ("Tolerability", "well"), ("SideEffects", "none"), ("Aftercare", "sun"), ("Confirm", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        var page = await (await client.GetAsync(Page(reference))).HtmlAsync();
        Assert.Contains("<dt>Volume (ml)</dt>", page, StringComparison.Ordinal);
        Assert.Contains("<dd class=\"preserve-lines\">Older wording</dd>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContraindicationsFromAConsultationAlertLaterSessionsUntilALaterConsultationSaysOtherwise()
    {
        var phone = PatientTestData.NewPhone();
        var patientId = await PatientTestData.AddPatientAsync(_site, "Contra Indicated", phone);
        var consultation = await NoteTestData.AddAsync(_site, AppointmentStatus.Completed, startUtc: NoteTestData.Utc(day: 6), patientPhone: phone);
        var session = await NoteTestData.AddAsync(_site, AppointmentStatus.Completed, session: true, startUtc: NoteTestData.Utc(day: 20), patientPhone: phone);
        using var client = await _site.SignedInClientAsync(DemoDataSeeder.ClinicianEmail);
        var withContraindications = SessionNoteTests.CompleteConsultation()
            .Where(f => f.Item1 != "f.contraindications")
            .Concat([("f.contraindications", "anticoagulants"), ("f.contraindications", "keloid"), ("Confirm", "true")]);
        using (var signed = await client.SignAsTypedAsync(consultation, withContraindications))
        {
            Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        }

        const string Alert = "recorded at the consultation of 6 Nov 2026): Takes anticoagulants, History of keloid scars";
        Assert.Contains(Alert, await (await client.GetAsync(Page(session))).HtmlAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("chart-alerts__contraindications", await client.GetStringAsync(Page(consultation)), StringComparison.Ordinal);
        Assert.Contains(Alert, await (await client.GetAsync($"/staff/patients/{patientId}")).HtmlAsync(), StringComparison.Ordinal);

        // Reception sees the record, never the clinical alert.
        using (var reception = await _site.SignedInClientAsync(DemoDataSeeder.ReceptionEmail))
        {
            Assert.DoesNotContain("anticoagulants", await reception.GetStringAsync($"/staff/patients/{patientId}"), StringComparison.OrdinalIgnoreCase);
        }

        // A "none" ticked without ticking others is the only way to say none.
        var both = SessionNoteTests.CompleteConsultation().Append(("f.contraindications", "keloid"));
        var later = await NoteTestData.AddAsync(_site, AppointmentStatus.Completed, startUtc: NoteTestData.Utc(day: 21), patientPhone: phone);
        using (var refused = await client.SubmitAsync(later, "", both))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Matches("<span[^>]*id=\"f-contraindications-error\"[^>]*>Contraindications: choose \"None\" or the others, not both.", await refused.HtmlAsync());
        }

        // A later consultation records none: sessions after it carry no alert; the session before it still does.
        using (var signed = await client.SignAsTypedAsync(later, [.. SessionNoteTests.CompleteConsultation(), ("Confirm", "true")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        }

        var afterwards = await NoteTestData.AddAsync(_site, AppointmentStatus.Completed, session: true, startUtc: NoteTestData.Utc(day: 25), patientPhone: phone);
        Assert.DoesNotContain("Takes anticoagulants", await client.GetStringAsync(Page(afterwards)), StringComparison.Ordinal);
        Assert.Contains(Alert, await (await client.GetAsync(Page(session))).HtmlAsync(), StringComparison.Ordinal);
        // The record's banner follows the latest consultation (its notes list still shows what each one said).
        Assert.DoesNotContain("chart-alerts__contraindications", await client.GetStringAsync($"/staff/patients/{patientId}"), StringComparison.Ordinal);
    }

    private static IEnumerable<(string, string)> Pairs(IEnumerable<string> typed) =>
        typed.Select(t => (t[..t.IndexOf('=', StringComparison.Ordinal)], t[(t.IndexOf('=', StringComparison.Ordinal) + 1)..]));
}
