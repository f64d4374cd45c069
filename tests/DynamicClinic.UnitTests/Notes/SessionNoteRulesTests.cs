using DynamicClinic.Domain.Notes;

namespace DynamicClinic.UnitTests.Notes;

public class SessionNoteRulesTests
{
    private const string Author = "user-ayesha";
    private const string Someone = "user-omar";
    private static readonly string[] Treatments = ["mesotherapy", "prp-therapy"];
    private static readonly DateTime Now = new(2026, 11, 27, 6, 0, 0, DateTimeKind.Utc);

    public static NoteContent CompleteSession() => new()
    {
        ScalpAssessment = "Thinning at the crown, scalp healthy.",
        Blend = ["b-vitamins", "hyaluronic-acid"],
        VolumeMl = 4.5m,
        Areas = ["crown"],
        Tolerability = "well",
        SideEffects = [NoteChoices.None],
        Aftercare = ["gentle-shampoo", "sun"],
        NextTime = "Same blend.",
    };

    private static SessionNote Draft(NoteContent? content = null, NoteKind kind = NoteKind.Session)
    {
        var note = SessionNoteRules.StartDraft(7, kind, Author, "Dr Ayesha Khan", content ?? new NoteContent { ScalpAssessment = "Started" }, Treatments, Now, out var refusal);
        Assert.Null(refusal);
        return note!;
    }

    private static SessionNote Signed()
    {
        var note = Draft(CompleteSession());
        Assert.Null(note.Sign(Author, Treatments, Now.AddMinutes(5)));
        return note;
    }

    [Fact]
    public void ADraftMayBeIncomplete()
    {
        var note = Draft(new NoteContent { ScalpAssessment = "  Only this so far  " });

        Assert.Equal(NoteStatus.Draft, note.Status);
        Assert.Equal("Only this so far", note.CurrentContent().ScalpAssessment);
        Assert.Null(note.SignedUtc);
    }

    [Fact]
    public void ADraftWithBadInputIsNotStarted()
    {
        var note = SessionNoteRules.StartDraft(7, NoteKind.Session, Author, "A", new NoteContent { Blend = ["snake-oil"] }, Treatments, Now, out var refusal);

        Assert.Null(note);
        Assert.Equal(nameof(NoteContent.Blend), Assert.Single(refusal!.Errors).Field);
    }

    [Fact]
    public void OnlyTheAuthorEditsADraftAndEachEditRenewsTheVersion()
    {
        var note = Draft();
        var version = note.Version;

        var refusal = note.SaveDraft(Someone, CompleteSession(), Treatments, Now.AddMinutes(1));
        Assert.Contains("Dr Ayesha Khan", refusal!.Message, StringComparison.Ordinal);
        Assert.Equal("Started", note.CurrentContent().ScalpAssessment);
        Assert.Equal(version, note.Version);

        Assert.Null(note.SaveDraft(Author, CompleteSession(), Treatments, Now.AddMinutes(2)));
        Assert.Equal(CompleteSession().ScalpAssessment, note.CurrentContent().ScalpAssessment);
        Assert.NotEqual(version, note.Version);
        Assert.Equal(Now.AddMinutes(2), note.UpdatedUtc);
    }

    [Fact]
    public void SigningNeedsTheRequiredFieldsAndTheAuthor()
    {
        var note = Draft(new NoteContent { ScalpAssessment = "Crown thinning" });

        var incomplete = note.Sign(Author, Treatments, Now);
        Assert.NotNull(incomplete);
        Assert.Contains(incomplete.Errors, e => e.Field == nameof(NoteContent.VolumeMl));
        Assert.Contains(incomplete.Errors, e => e.Field == nameof(NoteContent.Tolerability));
        Assert.DoesNotContain(incomplete.Errors, e => e.Field == nameof(NoteContent.NextTime));
        Assert.Equal(NoteStatus.Draft, note.Status);

        Assert.Null(note.SaveDraft(Author, CompleteSession(), Treatments, Now));
        Assert.NotNull(note.Sign(Someone, Treatments, Now));
        Assert.Equal(NoteStatus.Draft, note.Status);

        Assert.Null(note.Sign(Author, Treatments, Now.AddMinutes(3)));
        Assert.Equal(NoteStatus.Signed, note.Status);
        Assert.Equal(Now.AddMinutes(3), note.SignedUtc);
    }

    [Fact]
    public void ASignedNoteRefusesEditsAndASecondSignature()
    {
        var note = Signed();
        var json = note.Content;
        var version = note.Version;

        Assert.Equal(SessionNoteRules.SignedMessage, note.SaveDraft(Author, new NoteContent { ScalpAssessment = "Changed" }, Treatments, Now)!.Message);
        Assert.NotNull(note.Sign(Author, Treatments, Now));
        Assert.Equal(json, note.Content);
        Assert.Equal(version, note.Version);
    }

    [Fact]
    public void AnAmendmentKeepsTheOriginalAndBecomesTheCurrentContent()
    {
        var note = Signed();
        var original = note.Content;

        var corrected = CompleteSession() with { VolumeMl = 5m };
        Assert.Null(note.Amend(Author, "Dr Ayesha Khan", corrected, " Volume mistyped ", Treatments, Now.AddHours(1), out var amendment));

        Assert.Equal(original, note.Content);
        Assert.Equal(NoteStatus.Signed, note.Status);
        Assert.Equal("Volume mistyped", amendment!.Reason);
        Assert.Equal(Now.AddHours(1), amendment.CreatedUtc);
        Assert.Equal(5m, note.CurrentContent().VolumeMl);
        Assert.Equal([nameof(NoteContent.VolumeMl)], NoteContent.ChangedFields(NoteKind.Session, NoteContent.Parse(original), note.CurrentContent()));

        Assert.Null(note.Amend(Author, "Dr Ayesha Khan", corrected with { Areas = ["temples"] }, "Wrong area", Treatments, Now.AddHours(2), out _));
        Assert.Equal(["temples"], note.CurrentContent().Areas);
        Assert.Equal(2, note.Amendments.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void AnAmendmentNeedsAReason(string? reason)
    {
        var note = Signed();

        var refusal = note.Amend(Author, "A", CompleteSession() with { VolumeMl = 5m }, reason, Treatments, Now, out var amendment);

        Assert.Null(amendment);
        Assert.Equal("Reason", Assert.Single(refusal!.Errors).Field);
        Assert.Empty(note.Amendments);
    }

    [Fact]
    public void AnAmendmentReasonHasALimitAndTheContentMustBeCompleteAndDifferent()
    {
        var note = Signed();

        Assert.Equal("Reason", Assert.Single(note.Amend(Author, "A", CompleteSession() with { VolumeMl = 5m }, new string('r', 501), Treatments, Now, out _)!.Errors).Field);
        Assert.Contains(note.Amend(Author, "A", CompleteSession() with { Tolerability = null }, "why", Treatments, Now, out _)!.Errors, e => e.Field == nameof(NoteContent.Tolerability));
        Assert.Contains("same", note.Amend(Author, "A", CompleteSession(), "why", Treatments, Now, out _)!.Message, StringComparison.Ordinal);
        Assert.Empty(note.Amendments);
    }

    [Fact]
    public void ADraftIsEditedNotAmended()
    {
        var note = Draft(CompleteSession());

        Assert.NotNull(note.Amend(Author, "A", CompleteSession() with { VolumeMl = 2m }, "why", Treatments, Now, out var amendment));
        Assert.Null(amendment);
    }

    [Fact]
    public void AConsultationNoteNeedsPatternCandidateAndARecommendationWhenACandidate()
    {
        var note = Draft(new NoteContent { HairLossPattern = "male-pattern" }, NoteKind.Consultation);

        var refusal = note.Sign(Author, Treatments, Now);
        Assert.Equal([nameof(NoteContent.Candidate)], refusal!.Errors.Select(e => e.Field));

        Assert.Null(note.SaveDraft(Author, new NoteContent { HairLossPattern = "male-pattern", Candidate = "yes" }, Treatments, Now));
        Assert.Equal([nameof(NoteContent.RecommendedTreatment)], note.Sign(Author, Treatments, Now)!.Errors.Select(e => e.Field));

        Assert.Null(note.SaveDraft(Author, new NoteContent { HairLossPattern = "male-pattern", Candidate = "yes", RecommendedTreatment = "mesotherapy" }, Treatments, Now));
        Assert.Null(note.Sign(Author, Treatments, Now));
    }

    [Fact]
    public void CurrentContentOfANoteWithoutAmendmentsIsTheOriginal()
    {
        var note = Signed();

        Assert.Equal(NoteContent.Parse(note.Content), note.CurrentContent());
        Assert.Equal(4.5m, note.CurrentContent().VolumeMl);
    }
}
