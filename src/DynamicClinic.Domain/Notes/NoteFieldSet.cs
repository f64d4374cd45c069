using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DynamicClinic.Domain.Patients;

namespace DynamicClinic.Domain.Notes;

public enum NoteFieldType
{
    Text,
    Number,
    Choice,
    MultiChoice,
    Date,
    YesNo,
}

/// <summary>
/// One structured field of a note, as a field set's file defines it. Values are stored as strings (numbers in
/// invariant culture, dates as yyyy-MM-dd, choices and yes/no as keys), so a label can change without rewriting notes.
/// </summary>
public sealed record NoteFieldDefinition
{
    public required string Key { get; init; }

    public required string Label { get; init; }

    public NoteFieldType Type { get; init; }

    /// <summary>Must be filled before the note is signed (a draft may leave it empty).</summary>
    public bool Required { get; init; }

    public string? Hint { get; init; }

    /// <summary>Text: more than one line shows a text area.</summary>
    public int Lines { get; init; } = 1;

    /// <summary>Text: the longest value accepted; defaults to the note's short or long text limit.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Number: the unit shown after the label and the value, e.g. "mL".</summary>
    public string? Unit { get; init; }

    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    public int Decimals { get; init; }

    public IReadOnlyList<NoteChoice> Choices { get; init; } = [];

    /// <summary>Shown only for patients of this sex (and for those whose sex is not recorded yet).</summary>
    public PatientSex? Sex { get; init; }

    /// <summary>Multi-choice: the choice (such as "none") that cannot be ticked with others.</summary>
    public string? Exclusive { get; init; }

    /// <summary>A choice ticked here is a contraindication: later sessions show it as an alert.</summary>
    public bool Alert { get; init; }

    /// <summary>Label with its unit, as a form or a printed note heads the value.</summary>
    public string LabelWithUnit => Unit is null ? Label : $"{Label} ({Unit})";

    public int TextLimit => MaxLength ?? (Lines > 1 ? SessionNote.TextMaxLength : SessionNote.ShortTextMaxLength);

    public bool AppliesTo(PatientSex? sex) => Sex is null || sex is null || Sex == sex;

    public string ChoiceLabel(string key) => Choices.FirstOrDefault(c => c.Key == key)?.Label ?? key;

    /// <summary>How a stored value reads on a page, a printed record or an export.</summary>
    public string Display(IReadOnlyList<string> values) => values.Count == 0 ? "" : Type switch
    {
        NoteFieldType.Choice or NoteFieldType.MultiChoice => string.Join(", ", values.Select(ChoiceLabel)),
        NoteFieldType.YesNo => values[0] == NoteFieldValues.Yes ? "Yes" : values[0] == NoteFieldValues.No ? "No" : values[0],
        NoteFieldType.Number => Unit is null ? values[0] : $"{values[0]} {Unit}",
        NoteFieldType.Date => DateOnly.TryParseExact(values[0], NoteFieldValues.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)
            : values[0],
        _ => values[0],
    };
}

/// <summary>
/// The fields of one kind of visit (consultation, a treatment's session, follow-up), kept as data in a JSON file
/// so a new treatment needs a file, not code. <see cref="Treatments"/> names the treatments whose sessions use it.
/// </summary>
public sealed record NoteFieldSet
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public required string Key { get; init; }

    public required string Name { get; init; }

    public NoteKind Kind { get; init; }

    /// <summary>Session field sets: the slugs of the treatments whose sessions are written with it.</summary>
    public IReadOnlyList<string> Treatments { get; init; } = [];

    /// <summary>The session field set for treatments no set names.</summary>
    public bool Default { get; init; }

    public IReadOnlyList<NoteFieldDefinition> Fields { get; init; } = [];

    public NoteFieldDefinition? Field(string key) => Fields.FirstOrDefault(f => f.Key == key);

    /// <summary>Reads and checks one definition file; a mistake in it stops the site at start-up with the file's name.</summary>
    public static NoteFieldSet Parse(string json, string source)
    {
        NoteFieldSet? set;
        try
        {
            set = JsonSerializer.Deserialize<NoteFieldSet>(json, Json);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"Note field set {source}: {exception.Message}", exception);
        }

        if (set is null)
        {
            throw new InvalidDataException($"Note field set {source} is empty.");
        }

        var problem = set.Problem();
        return problem is null ? set : throw new InvalidDataException($"Note field set {source}: {problem}");
    }

    private string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Key) || string.IsNullOrWhiteSpace(Name))
        {
            return "it needs a key and a name.";
        }

        if (Fields.Count == 0)
        {
            return "it has no fields.";
        }

        if (Fields.GroupBy(f => f.Key).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            return $"the field key \"{repeated.Key}\" is used twice.";
        }

        foreach (var f in Fields)
        {
            if (string.IsNullOrWhiteSpace(f.Key) || f.Key.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
            {
                return $"the field key \"{f.Key}\" must be lower-case letters, digits and hyphens.";
            }

            var choosing = f.Type is NoteFieldType.Choice or NoteFieldType.MultiChoice;
            if (choosing != (f.Choices.Count > 0))
            {
                return $"the field \"{f.Key}\" {(choosing ? "needs choices" : "cannot have choices")}.";
            }

            if (f.Choices.GroupBy(c => c.Key).Any(g => g.Count() > 1))
            {
                return $"the field \"{f.Key}\" repeats a choice.";
            }

            if (f.Type == NoteFieldType.Number && (f.Min is null || f.Max is null || f.Min > f.Max || f.Decimals is < 0 or > 4))
            {
                return $"the number field \"{f.Key}\" needs a min no greater than its max, and 0 to 4 decimals.";
            }

            if (f.Exclusive is not null && !f.Choices.Any(c => c.Key == f.Exclusive))
            {
                return $"the field \"{f.Key}\" names an exclusive choice it does not have.";
            }

            if (f.Alert && f.Type != NoteFieldType.MultiChoice)
            {
                return $"the alert field \"{f.Key}\" must be a multi-choice.";
            }
        }

        return null;
    }
}

/// <summary>Every field set, found by key (stored in each note) or by the visit a new note is for.</summary>
public sealed class NoteFieldCatalog
{
    public const string ConsultationKey = "consultation";

    private readonly Dictionary<string, NoteFieldSet> _byKey;

    public NoteFieldCatalog(IEnumerable<NoteFieldSet> sets)
    {
        var all = sets.ToList();
        if (all.GroupBy(s => s.Key).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidDataException($"Two note field sets have the key \"{twice.Key}\".");
        }

        if (all.SelectMany(s => s.Treatments).GroupBy(t => t).FirstOrDefault(g => g.Count() > 1) is { } shared)
        {
            throw new InvalidDataException($"The treatment \"{shared.Key}\" is named by two note field sets.");
        }

        if (all.Count(s => s.Kind == NoteKind.Consultation) != 1 || all.Count(s => s.Kind == NoteKind.Session && s.Default) != 1)
        {
            throw new InvalidDataException("The note field sets need exactly one consultation set and one default session set.");
        }

        _byKey = all.ToDictionary(s => s.Key);
    }

    public IReadOnlyCollection<NoteFieldSet> All => _byKey.Values;

    public NoteFieldSet? Find(string? key) => key is not null && _byKey.TryGetValue(key, out var set) ? set : null;

    /// <summary>The set a new note of <paramref name="kind"/> for <paramref name="treatmentSlug"/> is written with.</summary>
    public NoteFieldSet For(NoteKind kind, string treatmentSlug) => kind == NoteKind.Consultation
        ? _byKey.Values.Single(s => s.Kind == NoteKind.Consultation)
        : _byKey.Values.FirstOrDefault(s => s.Kind == NoteKind.Session && s.Treatments.Contains(treatmentSlug))
          ?? _byKey.Values.Single(s => s.Kind == NoteKind.Session && s.Default);
}
