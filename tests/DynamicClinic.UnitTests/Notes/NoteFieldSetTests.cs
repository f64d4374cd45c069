using DynamicClinic.Domain.Notes;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Features.Notes;

namespace DynamicClinic.UnitTests.Notes;

/// <summary>The field sets the site ships (Content/note-fields) and the rules for their values.</summary>
public class NoteFieldSetTests
{
    private static readonly NoteFieldCatalog Catalog = NoteFieldSets.Load();

    private static NoteFieldSet Set(string key) => Catalog.Find(key)!;

    private static Dictionary<string, IReadOnlyList<string>> Values(params (string Key, string Value)[] values) =>
        values.GroupBy(v => v.Key).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(v => v.Value)]);

    private static List<string> Errors(string set, bool forSigning, PatientSex? sex = null, params (string, string)[] values) =>
        [.. NoteFieldValues.Validate(Set(set), Values(values), sex, forSigning).Select(e => e.Field)];

    [Fact]
    public void EveryKindOfVisitTheIssueNamesHasItsFieldsExactly()
    {
        Assert.Equal(["consultation", "follow-up", "hair-transplant", "mesotherapy", "prp"], Catalog.All.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["hair-loss-history", "family-history", "medications", "norwood-stage", "ludwig-stage", "scalp-findings", "contraindications", "plan"],
            Set("consultation").Fields.Select(f => f.Key));
        Assert.Equal(
            ["none", "pregnancy-breastfeeding", "anticoagulants", "bleeding-disorder", "scalp-infection", "keloid"],
            Set("consultation").Field("contraindications")!.Choices.Select(c => c.Key));
        Assert.Equal(["product", "batch", "expiry", "volume", "technique", "areas", "needle", "pain-score", "reactions"], Set("mesotherapy").Fields.Select(f => f.Key));
        Assert.Equal(["frontal", "mid-scalp", "crown", "temples"], Set("mesotherapy").Field("areas")!.Choices.Select(c => c.Key));
        Assert.Equal(["blood-drawn", "spins", "speed", "prp-volume", "activated", "activator", "areas", "reactions"], Set("prp").Fields.Select(f => f.Key));
        Assert.Equal(
            ["technique", "grafts-harvested", "grafts-implanted", "donor-area", "recipient-areas", "anaesthetic", "anaesthetic-dose", "duration", "complications"],
            Set("hair-transplant").Fields.Select(f => f.Key));
        Assert.Equal(["reported-change", "change-details", "side-effects", "adherence"], Set("follow-up").Fields.Select(f => f.Key));
        Assert.Equal("mL", Set("mesotherapy").Field("volume")!.Unit);
        Assert.Equal(NoteFieldType.Date, Set("mesotherapy").Field("expiry")!.Type);
        Assert.Equal(NoteFieldType.YesNo, Set("prp").Field("activated")!.Type);
    }

    [Theory]
    [InlineData(NoteKind.Consultation, "mesotherapy", "consultation")]
    [InlineData(NoteKind.Session, "mesotherapy", "mesotherapy")]
    [InlineData(NoteKind.Session, "prp-therapy", "prp")]
    [InlineData(NoteKind.Session, "hair-transplant", "hair-transplant")]
    [InlineData(NoteKind.Session, "medications", "follow-up")]
    [InlineData(NoteKind.Session, "a-treatment-added-later", "follow-up")]
    public void EachVisitIsWrittenWithItsTreatmentsFieldSet(NoteKind kind, string treatment, string expected) =>
        Assert.Equal(expected, Catalog.For(kind, treatment).Key);

    [Fact]
    public void ADefinitionFileWithAMistakeIsRefusedWithItsName()
    {
        var problems = new[]
        {
            """{ "key": "x", "name": "X", "fields": [] }""",
            """{ "key": "x", "name": "X", "fields": [ { "key": "a", "label": "A", "type": "text" }, { "key": "a", "label": "B", "type": "text" } ] }""",
            """{ "key": "x", "name": "X", "fields": [ { "key": "a", "label": "A", "type": "choice" } ] }""",
            """{ "key": "x", "name": "X", "fields": [ { "key": "a", "label": "A", "type": "number", "min": 5, "max": 1 } ] }""",
            """{ "key": "x", "name": "X", "fields": [ { "key": "A b", "label": "A", "type": "text" } ] }""",
            """{ "key": "x", "name": "X", "fields": [ { "key": "a", "label": "A", "type": "text", "alert": true } ] }""",
            """{ "key": "x", "name": "X", "fields": [ { "key": "a", "label": "A", "type": "text", "colour": "red" } ] }""",
            """{ "key": "x", "name": "X", "fields": [ { "key": "a", "label": "A", "type": "slider" } ] }""",
            "not json",
        };
        foreach (var json in problems)
        {
            var error = Assert.Throws<InvalidDataException>(() => NoteFieldSet.Parse(json, "broken.json"));
            Assert.Contains("broken.json", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheCatalogNeedsOneConsultationSetAndOneDefaultAndEachTreatmentOnce()
    {
        var consultation = Set("consultation");
        var followUp = Set("follow-up");
        Assert.Throws<InvalidDataException>(() => new NoteFieldCatalog([followUp]));
        Assert.Throws<InvalidDataException>(() => new NoteFieldCatalog([consultation, followUp, followUp with { Key = "copy" }]));
        Assert.Throws<InvalidDataException>(() => new NoteFieldCatalog([consultation, followUp, Set("mesotherapy"), Set("prp") with { Treatments = ["mesotherapy"] }]));
    }

    [Fact]
    public void ADraftMayBeIncompleteButNotMalformed()
    {
        Assert.Empty(Errors("mesotherapy", forSigning: false));
        Assert.Empty(Errors("mesotherapy", forSigning: false, values: ("volume", "4.5")));
        Assert.Equal(["f.volume"], Errors("mesotherapy", forSigning: false, values: ("volume", "20.5")));
        Assert.Equal(["f.volume"], Errors("mesotherapy", forSigning: false, values: ("volume", "1.234")));
        Assert.Equal(["f.volume"], Errors("mesotherapy", forSigning: false, values: ("volume", "much")));
        Assert.Equal(["f.pain-score"], Errors("mesotherapy", forSigning: false, values: ("pain-score", "7.5")));
        Assert.Equal(["f.expiry"], Errors("mesotherapy", forSigning: false, values: ("expiry", "2027-02-30")));
        Assert.Equal(["f.technique"], Errors("mesotherapy", forSigning: false, values: ("technique", "laser")));
        Assert.Equal(["f.technique"], Errors("mesotherapy", forSigning: false, values: [("technique", "manual"), ("technique", "gun")]));
        Assert.Equal(["f.areas"], Errors("mesotherapy", forSigning: false, values: ("areas", "elbow")));
        Assert.Equal(["f.activated"], Errors("prp", forSigning: false, values: ("activated", "maybe")));
        Assert.Equal(["f.needle"], Errors("mesotherapy", forSigning: false, values: ("needle", new string('n', 61))));
        Assert.Equal(["f.reactions"], Errors("mesotherapy", forSigning: false, values: ("reactions", new string('r', SessionNote.TextMaxLength + 1))));
        Assert.Equal(["f.product"], Errors("mesotherapy", forSigning: false, values: ("product", "Bell\u0007")));
        Assert.Equal(["f.colour"], Errors("mesotherapy", forSigning: false, values: ("colour", "red")));
        Assert.Equal(["f.contraindications"], Errors("consultation", forSigning: false, values: [("contraindications", "none"), ("contraindications", "keloid")]));
    }

    [Fact]
    public void SigningNeedsTheRequiredFieldsOnly()
    {
        Assert.Equal(
            ["f.product", "f.batch", "f.expiry", "f.volume", "f.technique", "f.areas", "f.pain-score", "f.reactions"],
            Errors("mesotherapy", forSigning: true));
        Assert.Equal(["f.blood-drawn", "f.spins", "f.speed", "f.prp-volume", "f.activated", "f.areas", "f.reactions"], Errors("prp", forSigning: true));
        Assert.Equal(["f.reported-change", "f.side-effects", "f.adherence"], Errors("follow-up", forSigning: true));
    }

    [Theory]
    [InlineData(PatientSex.Male, "f.norwood-stage")]
    [InlineData(PatientSex.Female, "f.ludwig-stage")]
    public void TheStageAskedFollowsThePatientsSex(PatientSex sex, string needed)
    {
        (string, string)[] rest = [("hair-loss-history", "x"), ("medications", "none"), ("scalp-findings", "x"), ("contraindications", "none"), ("plan", "x")];
        Assert.Equal([needed], Errors("consultation", forSigning: true, sex, rest));
        Assert.Empty(Errors("consultation", forSigning: true, sex, [.. rest, (needed[2..], sex == PatientSex.Male ? "4" : "2")]));
        Assert.False(Set("consultation").Field(sex == PatientSex.Male ? "ludwig-stage" : "norwood-stage")!.AppliesTo(sex));
    }

    [Fact]
    public void WithTheSexUnknownEitherStageIsEnough()
    {
        (string, string)[] rest = [("hair-loss-history", "x"), ("medications", "none"), ("scalp-findings", "x"), ("contraindications", "none"), ("plan", "x")];
        Assert.Equal(["f.norwood-stage", "f.ludwig-stage"], Errors("consultation", forSigning: true, null, rest));
        Assert.Empty(Errors("consultation", forSigning: true, null, [.. rest, ("ludwig-stage", "1")]));
        Assert.Empty(Errors("consultation", forSigning: true, null, [.. rest, ("norwood-stage", "2a")]));
    }

    [Fact]
    public void ValuesAreStoredOneWayAndShownWithLabelsAndUnits()
    {
        var set = Set("mesotherapy");
        var values = NoteFieldValues.Canonical(set, Values(("volume", " 4,50 "), ("areas", "crown"), ("areas", "frontal"), ("areas", "crown"), ("expiry", "2027-01-31"), ("needle", "  ")));

        Assert.Equal(["4.5"], values["volume"]);
        Assert.Equal(["frontal", "crown"], values["areas"]);
        Assert.False(values.ContainsKey("needle"));
        Assert.Equal(
            [("Expiry date", "31 January 2027"), ("Volume (mL)", "4.5 mL"), ("Areas treated", "Frontal, Crown")],
            NoteFieldValues.Lines(set, values).Select(l => (l.Label, l.Value)));
        Assert.Equal("Yes", Set("prp").Field("activated")!.Display(["yes"]));
    }

    [Fact]
    public void AStructuredNoteRoundTripsAndAnOlderNoteKeepsItsJsonAsItWas()
    {
        var structured = new NoteContent { FieldSet = "mesotherapy", Values = Values(("volume", "3")) };
        var back = NoteContent.Parse(structured.ToJson());
        Assert.Equal("mesotherapy", back.FieldSet);
        Assert.Equal(["3"], back.Answers["volume"]);
        Assert.Equal(structured, back);

        // An older note's JSON carries no field set or values, so it reads (and compares) as it was signed.
        var older = new NoteContent { ScalpAssessment = "Crown", VolumeMl = 2m };
        Assert.DoesNotContain("FieldSet", older.ToJson(), StringComparison.Ordinal);
        Assert.DoesNotContain("Values", older.ToJson(), StringComparison.Ordinal);
        Assert.Equal(["Scalp assessment", "Volume (ml)"], older.Lines(NoteKind.Session, Catalog).Select(l => l.Label));
    }

    [Fact]
    public void AnAmendedStructuredNoteNamesTheFieldsChanged()
    {
        var before = new NoteContent { FieldSet = "mesotherapy", Values = Values(("volume", "3"), ("product", "A")) };
        var after = before with { Values = Values(("volume", "4"), ("product", "A")) };
        Assert.Equal(["f.volume"], NoteContent.ChangedFields(NoteKind.Session, before, after));
    }

    [Fact]
    public void TheLatestSignedConsultationDecidesTheContraindicationAlert()
    {
        var early = new DateTime(2026, 11, 6, 4, 0, 0, DateTimeKind.Utc);
        var later = early.AddDays(14);
        NoteContent Consultation(params string[] ticked) => new() { FieldSet = "consultation", Values = new Dictionary<string, IReadOnlyList<string>> { ["contraindications"] = ticked } };
        var older = new NoteContent { HairLossPattern = "male-pattern" };

        var alert = Contraindications.Latest([(early, Consultation("anticoagulants", "keloid"))], Catalog);
        Assert.Equal(["Takes anticoagulants", "History of keloid scars"], alert!.Labels);
        Assert.Equal(early, alert.ConsultationStartUtc);
        Assert.Null(Contraindications.Latest([(early, Consultation("keloid")), (later, Consultation("none"))], Catalog));
        Assert.Equal(["Bleeding disorder"], Contraindications.Latest([(early, Consultation("keloid")), (later, Consultation("bleeding-disorder"))], Catalog)!.Labels);
        // An older consultation note asked nothing about contraindications: the one before it still counts.
        Assert.Equal(["History of keloid scars"], Contraindications.Latest([(early, Consultation("keloid")), (later, older)], Catalog)!.Labels);
        Assert.Null(Contraindications.Latest([], Catalog));
    }
}
