using DynamicClinic.Domain.Text;

namespace DynamicClinic.Domain.Notes;

/// <summary>A problem with one field of a note; <see cref="Field"/> is a <see cref="NoteContent"/> property name.</summary>
public sealed record NoteFieldError(string Field, string Message);

/// <summary>
/// The shape rules every saved note keeps (known choices, lengths, volume in range), and the fields a note must
/// have before it is signed. A draft may be incomplete; a signed note (or an amendment) may not.
/// </summary>
public static class NoteContentValidator
{
    /// <param name="treatments">The slugs of the clinic's treatments, for a consultation's recommendation.</param>
    /// <param name="forSigning">Also require what a final note must say.</param>
    /// <param name="catalog">The field sets, for a structured note (one that names its <see cref="NoteContent.FieldSet"/>).</param>
    /// <param name="sex">The patient's sex, for fields asked of one sex only.</param>
    public static IReadOnlyList<NoteFieldError> Validate(
        NoteKind kind, NoteContent content, IReadOnlyCollection<string> treatments, bool forSigning, NoteFieldCatalog? catalog = null, Patients.PatientSex? sex = null)
    {
        var c = content.Normalised();
        if (c.FieldSet is not null)
        {
            return catalog?.Find(c.FieldSet) is { } set
                ? NoteFieldValues.Validate(set, c.Answers, sex, forSigning)
                : [new NoteFieldError("FieldSet", "This note's kind of visit is not known to the clinic any more.")];
        }

        var errors = new List<NoteFieldError>();
        void Error(string field, string message)
        {
            if (errors.All(e => e.Field != field))
            {
                errors.Add(new NoteFieldError(field, message));
            }
        }

        void Text(string field, string? value, int max)
        {
            if (value is not null && value.Length > max)
            {
                Error(field, $"{NoteContent.LabelOf(field)} can be at most {max} characters.");
            }

            // The one text rule of every free-text field; notes' text areas may hold line breaks.
            if (!TextRules.IsPlain(value, multiLine: true))
            {
                Error(field, $"{NoteContent.LabelOf(field)}: {TextRules.Message}");
            }
        }

        void Choices(string field, IReadOnlyList<string> keys, NoteChoiceList list)
        {
            if (keys.Any(k => !list.Contains(k)))
            {
                Error(field, $"{NoteContent.LabelOf(field)}: choose from the options shown.");
            }
        }

        void Choice(string field, string? key, NoteChoiceList list)
        {
            if (key is not null && !list.Contains(key))
            {
                Error(field, $"{NoteContent.LabelOf(field)}: choose one of the options shown.");
            }
        }

        if (kind == NoteKind.Session)
        {
            Text(nameof(c.ScalpAssessment), c.ScalpAssessment, SessionNote.TextMaxLength);
            Choices(nameof(c.Blend), c.Blend, NoteChoices.BlendIngredients);
            Text(nameof(c.BlendOther), c.BlendOther, SessionNote.ShortTextMaxLength);
            if (c.VolumeMl is { } volume && (volume < NoteContent.MinVolumeMl || volume > NoteContent.MaxVolumeMl || decimal.Round(volume, 2) != volume))
            {
                Error(nameof(c.VolumeMl), "Enter the volume in ml, from 0.1 to 20 (at most two decimal places).");
            }

            Choices(nameof(c.Areas), c.Areas, NoteChoices.Areas);
            Text(nameof(c.AreasOther), c.AreasOther, SessionNote.ShortTextMaxLength);
            Choice(nameof(c.Tolerability), c.Tolerability, NoteChoices.Tolerability);
            Choices(nameof(c.SideEffects), c.SideEffects, NoteChoices.SideEffects);
            if (c.SideEffects.Contains(NoteChoices.None) && c.SideEffects.Count > 1)
            {
                Error(nameof(c.SideEffects), "Choose \"None seen\" or the side effects seen, not both.");
            }

            Text(nameof(c.SideEffectsOther), c.SideEffectsOther, SessionNote.ShortTextMaxLength);
            Choices(nameof(c.Aftercare), c.Aftercare, NoteChoices.Aftercare);
            Text(nameof(c.AftercareOther), c.AftercareOther, SessionNote.ShortTextMaxLength);
            Text(nameof(c.NextTime), c.NextTime, SessionNote.TextMaxLength);

            if (forSigning)
            {
                Required(nameof(c.ScalpAssessment), c.ScalpAssessment is not null, "Write the scalp assessment.");
                Required(nameof(c.Blend), c.Blend.Count > 0 || c.BlendOther is not null, "Choose the blend's ingredients or describe them.");
                Required(nameof(c.VolumeMl), c.VolumeMl is not null, "Enter the volume in ml.");
                Required(nameof(c.Areas), c.Areas.Count > 0 || c.AreasOther is not null, "Choose the areas treated or describe them.");
                Required(nameof(c.Tolerability), c.Tolerability is not null, "Choose how well the session was tolerated.");
                Required(nameof(c.SideEffects), c.SideEffects.Count > 0, "Choose the side effects seen, or \"None seen\".");
                Required(nameof(c.SideEffectsOther), !c.SideEffects.Contains(NoteChoices.Other) || c.SideEffectsOther is not null, "Describe the other side effects seen.");
                Required(nameof(c.Aftercare), c.Aftercare.Count > 0 || c.AftercareOther is not null, "Choose the aftercare advice given or describe it.");
            }
        }
        else
        {
            Choice(nameof(c.HairLossPattern), c.HairLossPattern, NoteChoices.HairLossPatterns);
            Text(nameof(c.HairLossPatternDetail), c.HairLossPatternDetail, SessionNote.ShortTextMaxLength);
            Choice(nameof(c.Candidate), c.Candidate, NoteChoices.Candidate);
            if (c.RecommendedTreatment is not null && !treatments.Contains(c.RecommendedTreatment))
            {
                Error(nameof(c.RecommendedTreatment), "Recommended treatment: choose one of the clinic's treatments.");
            }

            Text(nameof(c.Notes), c.Notes, SessionNote.TextMaxLength);

            if (forSigning)
            {
                Required(nameof(c.HairLossPattern), c.HairLossPattern is not null, "Choose the pattern of hair loss.");
                Required(nameof(c.HairLossPatternDetail), c.HairLossPattern != NoteChoices.Other || c.HairLossPatternDetail is not null, "Describe the pattern of hair loss.");
                Required(nameof(c.Candidate), c.Candidate is not null, "Say whether the patient is a candidate for treatment.");
                Required(nameof(c.RecommendedTreatment), c.Candidate != NoteChoices.CandidateYes || c.RecommendedTreatment is not null, "Choose the treatment you recommend.");
            }
        }

        return errors;

        void Required(string field, bool present, string message)
        {
            if (!present)
            {
                Error(field, message);
            }
        }
    }
}
