using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DynamicClinic.Domain.Notes;

/// <summary>
/// What a note says, stored as JSON in <see cref="SessionNote.Content"/>. A session note uses the session fields,
/// a consultation note the consultation fields; choices are stored as keys of <see cref="NoteChoices"/>.
/// Notes written since field sets exist name their <see cref="FieldSet"/> and keep their answers in <see cref="Values"/>;
/// older notes have neither and keep the fields above exactly as they were signed.
/// Clinical text: never logged, never put in a URL, an email or the audit trail.
/// </summary>
public sealed record NoteContent
{
    public const decimal MinVolumeMl = 0.1m;
    public const decimal MaxVolumeMl = 20m;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    // Session note.
    public string? ScalpAssessment { get; init; }

    public IReadOnlyList<string> Blend { get; init; } = [];

    public string? BlendOther { get; init; }

    public decimal? VolumeMl { get; init; }

    public IReadOnlyList<string> Areas { get; init; } = [];

    public string? AreasOther { get; init; }

    public string? Tolerability { get; init; }

    public IReadOnlyList<string> SideEffects { get; init; } = [];

    public string? SideEffectsOther { get; init; }

    public IReadOnlyList<string> Aftercare { get; init; } = [];

    public string? AftercareOther { get; init; }

    public string? NextTime { get; init; }

    // Consultation note.
    public string? HairLossPattern { get; init; }

    public string? HairLossPatternDetail { get; init; }

    public string? Candidate { get; init; }

    /// <summary>The slug of the treatment recommended.</summary>
    public string? RecommendedTreatment { get; init; }

    public string? Notes { get; init; }

    // Structured note (null on notes written before field sets; left out of their JSON so they read as signed).

    /// <summary>The key of the <see cref="NoteFieldSet"/> the note was written with.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FieldSet { get; init; }

    /// <summary>The answers by field key; see <see cref="NoteFieldValues"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Values { get; init; }

    /// <summary>The structured answers (empty for an older note).</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Answers => Values ?? new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The note's lines: its field set's when it has one, otherwise the older fields of its kind.</summary>
    public IReadOnlyList<NoteLine> Lines(NoteKind kind, NoteFieldCatalog catalog, Func<string, string>? treatmentName = null) =>
        catalog.Find(FieldSet) is { } set
            ? NoteFieldValues.Lines(set, Answers)
            : [.. FieldsOf(kind).Select(f => new NoteLine(f, LabelOf(f), Display(f, treatmentName))).Where(l => l.Value.Length > 0)];

    /// <summary>The fields each kind of note has, in the order a page shows them.</summary>
    public static IReadOnlyList<string> FieldsOf(NoteKind kind) => kind == NoteKind.Session
        ?
        [
            nameof(ScalpAssessment), nameof(Blend), nameof(BlendOther), nameof(VolumeMl), nameof(Areas), nameof(AreasOther),
            nameof(Tolerability), nameof(SideEffects), nameof(SideEffectsOther), nameof(Aftercare), nameof(AftercareOther), nameof(NextTime),
        ]
        : [nameof(HairLossPattern), nameof(HairLossPatternDetail), nameof(Candidate), nameof(RecommendedTreatment), nameof(Notes)];

    public static string LabelOf(string field) => field switch
    {
        nameof(ScalpAssessment) => "Scalp assessment",
        nameof(Blend) => "Blend used",
        nameof(BlendOther) => "Blend: other ingredients",
        nameof(VolumeMl) => "Volume (ml)",
        nameof(Areas) => "Areas treated",
        nameof(AreasOther) => "Areas: other",
        nameof(Tolerability) => "Tolerability",
        nameof(SideEffects) => "Side effects seen",
        nameof(SideEffectsOther) => "Side effects: other",
        nameof(Aftercare) => "Aftercare advice given",
        nameof(AftercareOther) => "Aftercare: other advice",
        nameof(NextTime) => "Plan for next time",
        nameof(HairLossPattern) => "Pattern of hair loss",
        nameof(HairLossPatternDetail) => "Pattern: details",
        nameof(Candidate) => "Candidate for treatment",
        nameof(RecommendedTreatment) => "Recommended treatment",
        nameof(Notes) => "Notes",
        _ => field,
    };

    public static NoteContent Parse(string json)
    {
        try
        {
            return (JsonSerializer.Deserialize<NoteContent>(json, Json) ?? new NoteContent()).Normalised();
        }
        catch (JsonException)
        {
            return new NoteContent();
        }
    }

    public string ToJson() => JsonSerializer.Serialize(Normalised(), Json);

    /// <summary>Two contents are equal when they say the same once normalised (lists compared by their items).</summary>
    public bool Equals(NoteContent? other) => other is not null && string.Equals(ToJson(), other.ToJson(), StringComparison.Ordinal);

    public override int GetHashCode() => ToJson().GetHashCode(StringComparison.Ordinal);

    /// <summary>Trimmed text (empty becomes null) and choices without repeats in their list's order.</summary>
    public NoteContent Normalised() => this with
    {
        ScalpAssessment = Clean(ScalpAssessment),
        Blend = NoteChoices.BlendIngredients.InOrder(Blend ?? []),
        BlendOther = Clean(BlendOther),
        Areas = NoteChoices.Areas.InOrder(Areas ?? []),
        AreasOther = Clean(AreasOther),
        Tolerability = Clean(Tolerability),
        SideEffects = NoteChoices.SideEffects.InOrder(SideEffects ?? []),
        SideEffectsOther = Clean(SideEffectsOther),
        Aftercare = NoteChoices.Aftercare.InOrder(Aftercare ?? []),
        AftercareOther = Clean(AftercareOther),
        NextTime = Clean(NextTime),
        HairLossPattern = Clean(HairLossPattern),
        HairLossPatternDetail = Clean(HairLossPatternDetail),
        Candidate = Clean(Candidate),
        RecommendedTreatment = Clean(RecommendedTreatment),
        Notes = Clean(Notes),
        FieldSet = Clean(FieldSet),
        Values = FieldSet is null && (Values is null || Values.Count == 0) ? null : NoteFieldValues.Normalise(Values),
    };

    /// <summary>How a field reads on the page; treatment slugs are named with <paramref name="treatmentName"/>.</summary>
    public string Display(string field, Func<string, string>? treatmentName = null) => field switch
    {
        nameof(Blend) => Join(Blend, NoteChoices.BlendIngredients),
        nameof(VolumeMl) => VolumeMl is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) + " ml" : "",
        nameof(Areas) => Join(Areas, NoteChoices.Areas),
        nameof(Tolerability) => Tolerability is null ? "" : NoteChoices.Tolerability.Label(Tolerability),
        nameof(SideEffects) => Join(SideEffects, NoteChoices.SideEffects),
        nameof(Aftercare) => Join(Aftercare, NoteChoices.Aftercare),
        nameof(HairLossPattern) => HairLossPattern is null ? "" : NoteChoices.HairLossPatterns.Label(HairLossPattern),
        nameof(Candidate) => Candidate is null ? "" : NoteChoices.Candidate.Label(Candidate),
        nameof(RecommendedTreatment) => RecommendedTreatment is null ? "" : treatmentName?.Invoke(RecommendedTreatment) ?? RecommendedTreatment,
        nameof(ScalpAssessment) => ScalpAssessment ?? "",
        nameof(BlendOther) => BlendOther ?? "",
        nameof(AreasOther) => AreasOther ?? "",
        nameof(SideEffectsOther) => SideEffectsOther ?? "",
        nameof(AftercareOther) => AftercareOther ?? "",
        nameof(NextTime) => NextTime ?? "",
        nameof(HairLossPatternDetail) => HairLossPatternDetail ?? "",
        nameof(Notes) => Notes ?? "",
        _ when field.StartsWith("f.", StringComparison.Ordinal) => string.Join(", ", Answers.TryGetValue(field[2..], out var v) ? v : []),
        _ => "",
    };

    /// <summary>The fields of <paramref name="kind"/> whose values differ between two versions of a note.</summary>
    public static IReadOnlyList<string> ChangedFields(NoteKind kind, NoteContent before, NoteContent after)
    {
        var a = before.Normalised();
        var b = after.Normalised();
        var structured = a.Answers.Keys.Union(b.Answers.Keys).Order(StringComparer.Ordinal).Select(NoteFieldValues.FormName);
        return FieldsOf(kind).Concat(structured).Where(f => !string.Equals(a.Display(f), b.Display(f), StringComparison.Ordinal)).ToList();
    }

    private static string Join(IReadOnlyList<string> keys, NoteChoiceList list) => string.Join(", ", keys.Select(list.Label));

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
