using System.Globalization;
using DynamicClinic.Domain.Notes;

namespace DynamicClinic.Web.Features.Notes;

/// <summary>
/// The note form as posted: the fields of <see cref="NoteContent"/> under the same names (so the domain's field
/// errors land beside the right inputs), the volume as typed, and what draft, sign and amend each add.
/// </summary>
public sealed class NoteForm
{
    public string? ScalpAssessment { get; set; }

    public List<string> Blend { get; set; } = [];

    public string? BlendOther { get; set; }

    public string? VolumeMl { get; set; }

    public List<string> Areas { get; set; } = [];

    public string? AreasOther { get; set; }

    public string? Tolerability { get; set; }

    public List<string> SideEffects { get; set; } = [];

    public string? SideEffectsOther { get; set; }

    public List<string> Aftercare { get; set; } = [];

    public string? AftercareOther { get; set; }

    public string? NextTime { get; set; }

    public string? HairLossPattern { get; set; }

    public string? HairLossPatternDetail { get; set; }

    public string? Candidate { get; set; }

    public string? RecommendedTreatment { get; set; }

    public string? Notes { get; set; }

    /// <summary>The note's version the page showed (empty before the first save).</summary>
    public Guid? Version { get; set; }

    /// <summary>Amend: why the signed note is corrected.</summary>
    public string? Reason { get; set; }

    /// <summary>Amend: how many amendments the page showed, so a correction made meanwhile is not silently followed.</summary>
    public int BasedOn { get; set; }

    /// <summary>Sign: the clinician confirms the note is accurate and final.</summary>
    public bool Confirm { get; set; }

    /// <summary>Sign: the form carries the note's fields, saved as the draft before signing so nothing typed is lost.</summary>
    public bool WithFields { get; set; }

    /// <summary>A structured note's answers by field key, read from the form's <c>f.*</c> inputs (see <see cref="NoteFieldValues.FormName"/>).</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public Dictionary<string, List<string>> Structured { get; set; } = [];

    /// <summary>The structured answers of a posted form: every <c>f.*</c> input, ticked boxes as repeated values.</summary>
    public static Dictionary<string, List<string>> StructuredFrom(IFormCollection form) =>
        form.Keys.Where(k => k.StartsWith("f.", StringComparison.Ordinal) && k.Length > 2)
            .ToDictionary(k => k[2..], k => form[k].Where(v => v is not null).Select(v => v!).ToList(), StringComparer.Ordinal);

    public IReadOnlyList<string> Answer(string key) => Structured.TryGetValue(key, out var values) ? values : [];

    public string? OneAnswer(string key) => Structured.TryGetValue(key, out var values) ? values.FirstOrDefault() : null;

    public static NoteForm From(NoteContent content) => new()
    {
        ScalpAssessment = content.ScalpAssessment,
        Blend = [.. content.Blend],
        BlendOther = content.BlendOther,
        VolumeMl = content.VolumeMl?.ToString("0.##", CultureInfo.InvariantCulture),
        Areas = [.. content.Areas],
        AreasOther = content.AreasOther,
        Tolerability = content.Tolerability,
        SideEffects = [.. content.SideEffects],
        SideEffectsOther = content.SideEffectsOther,
        Aftercare = [.. content.Aftercare],
        AftercareOther = content.AftercareOther,
        NextTime = content.NextTime,
        HairLossPattern = content.HairLossPattern,
        HairLossPatternDetail = content.HairLossPatternDetail,
        Candidate = content.Candidate,
        RecommendedTreatment = content.RecommendedTreatment,
        Notes = content.Notes,
        Structured = content.Answers.ToDictionary(kv => kv.Key, kv => kv.Value.ToList(), StringComparer.Ordinal),
    };

    /// <summary>The content of a structured note's form, written with <paramref name="set"/>.</summary>
    public NoteContent ToContent(NoteFieldSet set) => new NoteContent
    {
        FieldSet = set.Key,
        // Only the set's own fields are read: anything else posted is not part of the note.
        Values = NoteFieldValues.Canonical(set, Structured.Where(kv => set.Field(kv.Key) is not null).ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value)),
    }.Normalised();

    /// <summary>The content of the form; a volume that is not a number is reported as a field error.</summary>
    public NoteContent ToContent(out NoteFieldError? volumeError)
    {
        volumeError = null;
        decimal? volume = null;
        if (!string.IsNullOrWhiteSpace(VolumeMl))
        {
            var typed = VolumeMl.Trim().Replace(',', '.');
            if (decimal.TryParse(typed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
            {
                volume = parsed;
            }
            else
            {
                volumeError = new NoteFieldError(nameof(VolumeMl), "Enter the volume in ml as a number, from 0.1 to 20.");
            }
        }

        return new NoteContent
        {
            ScalpAssessment = ScalpAssessment,
            Blend = Blend,
            BlendOther = BlendOther,
            VolumeMl = volume,
            Areas = Areas,
            AreasOther = AreasOther,
            Tolerability = Tolerability,
            SideEffects = SideEffects,
            SideEffectsOther = SideEffectsOther,
            Aftercare = Aftercare,
            AftercareOther = AftercareOther,
            NextTime = NextTime,
            HairLossPattern = HairLossPattern,
            HairLossPatternDetail = HairLossPatternDetail,
            Candidate = Candidate,
            RecommendedTreatment = RecommendedTreatment,
            Notes = Notes,
        }.Normalised();
    }
}
