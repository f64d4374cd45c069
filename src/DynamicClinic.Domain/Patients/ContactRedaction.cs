using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DynamicClinic.Domain.Patients;

/// <summary>
/// Removes a patient's contact details (every spelling of their name, number and email the clinic held) from text
/// written before the patient was erased or anonymised: audit entries' summaries and before/after states, and
/// free text such as a cancellation reason. Case-insensitive; JSON is rewritten value by value, so an escaped
/// character (a "+" stored as \u002B) does not hide a value.
/// </summary>
public static class ContactRedaction
{
    public const string Marker = "[removed]";

    /// <summary>Values shorter than this are not searched for (a two-letter name would redact unrelated words).</summary>
    public const int MinimumLength = 3;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The values to look for: trimmed, distinct, long enough, longest first (so "Ali Khan" goes before "Ali").</summary>
    public static IReadOnlyList<string> Values(IEnumerable<string?> values) =>
        values
            .Select(v => v?.Trim() ?? "")
            .Where(v => v.Length >= MinimumLength)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(v => v.Length)
            .ThenBy(v => v, StringComparer.Ordinal)
            .ToList();

    /// <summary>The text with each value replaced by <see cref="Marker"/>; the same instance when nothing matched.</summary>
    public static string Text(string text, IReadOnlyList<string> values)
    {
        var result = text;
        foreach (var value in values)
        {
            if (result.Contains(value, StringComparison.OrdinalIgnoreCase))
            {
                result = result.Replace(value, Marker, StringComparison.OrdinalIgnoreCase);
            }
        }

        return result;
    }

    /// <summary>
    /// A JSON document with every string value redacted like <see cref="Text"/>. Text that is not
    /// valid JSON (an over-long state cut short when it was written) is redacted as plain text after unescaping.
    /// </summary>
    public static string JsonState(string json, IReadOnlyList<string> values)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            var plain = Unescaped(json);
            var redactedText = Text(plain, values);
            return ReferenceEquals(redactedText, plain) ? json : redactedText;
        }

        var redacted = Redact(root, values);
        var rewritten = redacted?.ToJsonString(Json) ?? "null";
        return string.Equals(rewritten, root?.ToJsonString(Json) ?? "null", StringComparison.Ordinal) ? json : rewritten;
    }

    /// <summary>The string values found in a JSON state under the given property names, at any depth (for collecting earlier spellings).</summary>
    public static IEnumerable<string> StringsUnder(string? json, IReadOnlySet<string> propertyNames)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return [];
        }

        var found = new List<string>();
        Collect(root, propertyNames, found);
        return found;
    }

    private static string Unescaped(string text)
    {
        try
        {
            return Regex.Unescape(text);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }

    private static void Collect(JsonNode? node, IReadOnlySet<string> names, List<string> found)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if (names.Contains(name) && child is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        found.Add(text);
                    }
                    else
                    {
                        Collect(child, names, found);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Collect(child, names, found);
                }

                break;
        }
    }

    private static JsonNode? Redact(JsonNode? node, IReadOnlyList<string> values) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Redact(p.Value, values)))),
        JsonArray array => new JsonArray(array.Select(child => Redact(child, values)).ToArray()),
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(Text(text, values)),
        _ => node?.DeepClone(),
    };
}
