using System.Buffers;
using System.Text;
using System.Text.Json;

namespace DynamicClinic.LogScanTests;

/// <summary>A log line that contains a sensitive value: the file, line number and the kind of value (not the value).</summary>
public sealed record LogLeak(string File, int LineNumber, string Kind, string Value);

/// <summary>
/// Searches log lines for sensitive values, ignoring case. The site writes compact JSON, where a value with a quote,
/// backslash or line break is escaped, so a line with escapes is also searched as decoded text.
/// </summary>
public sealed class LogScanner
{
    private readonly SearchValues<string> _any;
    private readonly List<SensitiveValue> _values;

    public LogScanner(IEnumerable<SensitiveValue> values)
    {
        _values = values
            .Where(v => v.IsMeaningful)
            .DistinctBy(v => v.Text.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(v => v with { Text = v.Text.Trim() })
            .ToList();
        _any = SearchValues.Create(_values.Select(v => v.Text).ToArray(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The distinct values searched for (long enough to mean something).</summary>
    public int Count => _values.Count;

    public IEnumerable<LogLeak> Scan(string file, IEnumerable<string> lines)
    {
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            var text = line.Contains('\\', StringComparison.Ordinal) ? line + "\n" + Decoded(line) : line;
            if (_values.Count == 0 || text.AsSpan().IndexOfAny(_any) < 0)
            {
                continue;
            }

            foreach (var value in _values.Where(v => text.Contains(v.Text, StringComparison.OrdinalIgnoreCase)))
            {
                yield return new LogLeak(file, number, value.Kind, value.Text);
            }
        }
    }

    /// <summary>Every string in a JSON line, unescaped; the line itself when it is not JSON.</summary>
    private static string Decoded(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var text = new StringBuilder();
            Collect(json.RootElement, text);
            return text.ToString();
        }
        catch (JsonException)
        {
            return line;
        }
    }

    private static void Collect(JsonElement element, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                text.Append(element.GetString()).Append('\n');
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, text);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, text);
                }

                break;
        }
    }
}
