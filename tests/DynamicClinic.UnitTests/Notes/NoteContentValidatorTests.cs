using DynamicClinic.Domain.Notes;

namespace DynamicClinic.UnitTests.Notes;

public class NoteContentValidatorTests
{
    private static readonly string[] Treatments = ["mesotherapy"];

    private static List<string> Fields(NoteContent content, NoteKind kind = NoteKind.Session, bool forSigning = false) =>
        NoteContentValidator.Validate(kind, content, Treatments, forSigning).Select(e => e.Field).ToList();

    [Fact]
    public void ACompleteSessionNoteIsValidForSigning() =>
        Assert.Empty(Fields(SessionNoteRulesTests.CompleteSession(), forSigning: true));

    [Fact]
    public void AnEmptyDraftIsValidButCannotBeSigned()
    {
        Assert.Empty(Fields(new NoteContent()));
        Assert.Equal(
            [nameof(NoteContent.ScalpAssessment), nameof(NoteContent.Blend), nameof(NoteContent.VolumeMl), nameof(NoteContent.Areas), nameof(NoteContent.Tolerability), nameof(NoteContent.SideEffects), nameof(NoteContent.Aftercare)],
            Fields(new NoteContent(), forSigning: true));
    }

    [Theory]
    [InlineData("0.05")]
    [InlineData("20.1")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.234")]
    public void VolumeOutOfRangeIsRefused(string volume)
    {
        var errors = NoteContentValidator.Validate(NoteKind.Session, new NoteContent { VolumeMl = decimal.Parse(volume, System.Globalization.CultureInfo.InvariantCulture) }, Treatments, false);

        var error = Assert.Single(errors);
        Assert.Equal(nameof(NoteContent.VolumeMl), error.Field);
        Assert.Contains("0.1 to 20", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.1")]
    [InlineData("20")]
    [InlineData("3.25")]
    public void VolumeInRangeIsAccepted(string volume) =>
        Assert.Empty(Fields(new NoteContent { VolumeMl = decimal.Parse(volume, System.Globalization.CultureInfo.InvariantCulture) }));

    [Fact]
    public void UnknownChoicesAreRefused()
    {
        Assert.Equal([nameof(NoteContent.Blend)], Fields(new NoteContent { Blend = ["b-vitamins", "mystery"] }));
        Assert.Equal([nameof(NoteContent.Areas)], Fields(new NoteContent { Areas = ["elbow"] }));
        Assert.Equal([nameof(NoteContent.Tolerability)], Fields(new NoteContent { Tolerability = "great" }));
        Assert.Equal([nameof(NoteContent.SideEffects)], Fields(new NoteContent { SideEffects = ["hiccups"] }));
        Assert.Equal([nameof(NoteContent.Aftercare)], Fields(new NoteContent { Aftercare = ["dance"] }));
        Assert.Equal([nameof(NoteContent.HairLossPattern)], Fields(new NoteContent { HairLossPattern = "zigzag" }, NoteKind.Consultation));
        Assert.Equal([nameof(NoteContent.Candidate)], Fields(new NoteContent { Candidate = "maybe" }, NoteKind.Consultation));
        Assert.Equal([nameof(NoteContent.RecommendedTreatment)], Fields(new NoteContent { RecommendedTreatment = "liposuction" }, NoteKind.Consultation));
    }

    [Fact]
    public void TextsHaveTheirLimits()
    {
        Assert.Empty(Fields(new NoteContent { ScalpAssessment = new string('a', SessionNote.TextMaxLength), BlendOther = new string('b', SessionNote.ShortTextMaxLength) }));

        var errors = NoteContentValidator.Validate(
            NoteKind.Session,
            new NoteContent { ScalpAssessment = new string('a', SessionNote.TextMaxLength + 1), BlendOther = new string('b', SessionNote.ShortTextMaxLength + 1), NextTime = new string('c', SessionNote.TextMaxLength + 1) },
            Treatments,
            false);
        Assert.Equal([nameof(NoteContent.ScalpAssessment), nameof(NoteContent.BlendOther), nameof(NoteContent.NextTime)], errors.Select(e => e.Field));
        Assert.Contains("at most 2000 characters", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("at most 200 characters", errors[1].Message, StringComparison.Ordinal);
        Assert.Equal([nameof(NoteContent.Notes)], Fields(new NoteContent { Notes = new string('n', SessionNote.TextMaxLength + 1) }, NoteKind.Consultation));
    }

    [Fact]
    public void NoneSeenExcludesOtherSideEffectsAndOtherNeedsWordsToSign()
    {
        Assert.Equal([nameof(NoteContent.SideEffects)], Fields(new NoteContent { SideEffects = [NoteChoices.None, "redness"] }));

        var withOther = SessionNoteRulesTests.CompleteSession() with { SideEffects = ["redness", NoteChoices.Other] };
        Assert.Equal([nameof(NoteContent.SideEffectsOther)], Fields(withOther, forSigning: true));
        Assert.Empty(Fields(withOther with { SideEffectsOther = "Small rash" }, forSigning: true));
    }

    [Fact]
    public void FreeTextAloneIsEnoughForBlendAreasAndAftercare()
    {
        var content = SessionNoteRulesTests.CompleteSession() with { Blend = [], BlendOther = "Peptides", Areas = [], AreasOther = "Beard", Aftercare = [], AftercareOther = "No hat" };

        Assert.Empty(Fields(content, forSigning: true));
    }

    [Fact]
    public void ContentRoundTripsThroughJsonNormalised()
    {
        var content = new NoteContent { ScalpAssessment = "  x ", Blend = ["hyaluronic-acid", "b-vitamins", "b-vitamins"], VolumeMl = 2.5m, BlendOther = "   " };

        var back = NoteContent.Parse(content.ToJson());

        Assert.Equal("x", back.ScalpAssessment);
        Assert.Equal(["b-vitamins", "hyaluronic-acid"], back.Blend);
        Assert.Null(back.BlendOther);
        Assert.Equal(2.5m, back.VolumeMl);
        Assert.Equal("B-complex vitamins and biotin, Hyaluronic acid", back.Display(nameof(NoteContent.Blend)));
        Assert.Equal(new NoteContent().Normalised().ScalpAssessment, NoteContent.Parse("not json").ScalpAssessment);
    }

    [Fact]
    public void ChangedFieldsNamesOnlyTheFieldsThatDiffer()
    {
        var before = SessionNoteRulesTests.CompleteSession();
        var after = before with { Blend = ["hyaluronic-acid", "b-vitamins"], VolumeMl = 4.50m, NextTime = "Add zinc" };

        Assert.Equal([nameof(NoteContent.NextTime)], NoteContent.ChangedFields(NoteKind.Session, before, after));
        Assert.Empty(NoteContent.ChangedFields(NoteKind.Consultation, before, after));
    }

    [Fact]
    public void ContentsThatSayTheSameAreEqual()
    {
        Assert.Equal(new NoteContent { Blend = ["minerals", "b-vitamins"], Notes = " x" }, new NoteContent { Blend = ["b-vitamins", "minerals"], Notes = "x" });
        Assert.NotEqual(new NoteContent { Blend = ["minerals"] }, new NoteContent { Blend = ["b-vitamins"] });
    }
}
