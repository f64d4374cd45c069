using System.Globalization;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.Text;

namespace DynamicClinic.Domain.Notes;

/// <summary>A labelled line of a note as a page, a printed record or an export shows it.</summary>
public sealed record NoteLine(string Field, string Label, string Value);

/// <summary>The rules for a structured note's values: their shape on every save, and what signing needs.</summary>
public static class NoteFieldValues
{
    public const string Yes = "yes";
    public const string No = "no";
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The form's and the errors' name of a structured field (kept apart from the older notes' names).</summary>
    public static string FormName(string key) => "f." + key;

    /// <summary>Trimmed values without empties or repeats; choices in the definition's order; numbers as typed but with a dot.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Normalise(IReadOnlyDictionary<string, IReadOnlyList<string>>? values)
    {
        var result = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, raw) in values ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            var cleaned = (raw ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).ToList();
            if (cleaned.Count > 0)
            {
                result[key] = cleaned;
            }
        }

        return result;
    }

    /// <summary>
    /// Values written the one way: numbers with a dot and no trailing zeros ("4,50" is "4.5"), choices in the
    /// definition's order, so two notes that say the same compare equal.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Canonical(NoteFieldSet set, IReadOnlyDictionary<string, IReadOnlyList<string>> values) =>
        new SortedDictionary<string, IReadOnlyList<string>>(
            Normalise(values).ToDictionary(kv => kv.Key, kv => set.Field(kv.Key) is { } field ? Canonical(field, kv.Value) : kv.Value),
            StringComparer.Ordinal);

    private static IReadOnlyList<string> Canonical(NoteFieldDefinition field, IReadOnlyList<string> values)
    {
        if (field.Type == NoteFieldType.Number && values.Count == 1
            && decimal.TryParse(values[0].Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return [Number(n)];
        }

        if (field.Type == NoteFieldType.MultiChoice)
        {
            var order = field.Choices.Select(c => c.Key).ToList();
            return [.. values.OrderBy(v => order.IndexOf(v) is var i && i < 0 ? int.MaxValue : i).ThenBy(v => v, StringComparer.Ordinal)];
        }

        return values;
    }

    /// <summary>Problems with <paramref name="values"/> for <paramref name="set"/>; field names are <see cref="FormName"/>s.</summary>
    public static IReadOnlyList<NoteFieldError> Validate(NoteFieldSet set, IReadOnlyDictionary<string, IReadOnlyList<string>> values, PatientSex? sex, bool forSigning)
    {
        var errors = new List<NoteFieldError>();
        foreach (var key in values.Keys.Where(k => set.Field(k) is null))
        {
            errors.Add(new NoteFieldError(FormName(key), $"\"{key}\" is not a field of the {set.Name.ToLowerInvariant()}."));
        }

        foreach (var field in set.Fields)
        {
            var given = values.TryGetValue(field.Key, out var v) ? v : [];
            var message = Shape(field, given);
            if (message is null && forSigning && given.Count == 0 && field.Required && field.AppliesTo(sex) && !SexAlternativeGiven(set, field, values, sex))
            {
                message = field.Type switch
                {
                    NoteFieldType.Choice or NoteFieldType.YesNo => $"{field.Label}: choose one before signing.",
                    NoteFieldType.MultiChoice => $"{field.Label}: tick at least one before signing.",
                    _ => $"{field.Label}: fill this in before signing.",
                };
            }

            if (message is not null)
            {
                errors.Add(new NoteFieldError(FormName(field.Key), message));
            }
        }

        return errors;
    }

    /// <summary>The note's lines in the set's order, empty fields left out.</summary>
    public static IReadOnlyList<NoteLine> Lines(NoteFieldSet set, IReadOnlyDictionary<string, IReadOnlyList<string>> values) =>
        [.. set.Fields
            .Select(f => new NoteLine(FormName(f.Key), f.LabelWithUnit, f.Display(values.TryGetValue(f.Key, out var v) ? v : [])))
            .Where(l => l.Value.Length > 0)];

    private static string? Shape(NoteFieldDefinition field, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        if (field.Type != NoteFieldType.MultiChoice && values.Count > 1)
        {
            return $"{field.Label}: give one value.";
        }

        var value = values[0];
        switch (field.Type)
        {
            case NoteFieldType.Text:
                if (value.Length > field.TextLimit)
                {
                    return $"{field.Label} can be at most {field.TextLimit} characters.";
                }

                return TextRules.IsPlain(value, multiLine: field.Lines > 1) ? null : $"{field.Label}: {TextRules.Message}";
            case NoteFieldType.Number:
                var places = field.Decimals == 0 ? "a whole number" : $"at most {field.Decimals} decimal place{(field.Decimals == 1 ? "" : "s")}";
                var message = $"Enter the {Lower(field.Label)} as a number from {Number(field.Min!.Value)} to {Number(field.Max!.Value)}{(field.Unit is null ? "" : " " + field.Unit)} ({places}).";
                var parsed = decimal.TryParse(value.Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number);
                return !parsed || number < field.Min || number > field.Max || decimal.Round(number, field.Decimals) != number ? message : null;
            case NoteFieldType.Choice:
            case NoteFieldType.MultiChoice:
                if (!values.All(k => field.Choices.Any(c => c.Key == k)))
                {
                    return $"{field.Label}: choose from the options shown.";
                }

                return field.Exclusive is { } only && values.Count > 1 && values.Contains(only)
                    ? $"{field.Label}: choose \"{field.ChoiceLabel(only)}\" or the others, not both."
                    : null;
            case NoteFieldType.YesNo:
                return value is Yes or No ? null : $"{field.Label}: choose yes or no.";
            case NoteFieldType.Date:
                return DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                    ? null
                    : $"{field.Label}: enter a date such as 2027-03-31.";
            default:
                return null;
        }
    }

    /// <summary>With the patient's sex not recorded, both sex-specific fields are asked and one of them is enough.</summary>
    private static bool SexAlternativeGiven(NoteFieldSet set, NoteFieldDefinition field, IReadOnlyDictionary<string, IReadOnlyList<string>> values, PatientSex? sex) =>
        sex is null && field.Sex is not null && set.Fields.Any(f => f.Sex is not null && f.Sex != field.Sex && values.ContainsKey(f.Key));

    /// <summary>A number as stored: invariant culture, a dot, no trailing zeros.</summary>
    public static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Lower(string label) => label.Length > 1 && char.IsUpper(label[0]) && !char.IsUpper(label[1]) ? char.ToLowerInvariant(label[0]) + label[1..] : label;
}
