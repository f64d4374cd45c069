using System.Net;
using System.Text.RegularExpressions;

namespace DynamicClinic.LoadTest;

/// <summary>Reads a form's hidden fields out of the site's HTML, as a browser would submit them.</summary>
internal static partial class HtmlForms
{
    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("\\b(name|value|type)=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex Attribute();

    /// <summary>The hidden fields of the first form whose action is <paramref name="action"/>, or null when there is none.</summary>
    public static Dictionary<string, string>? HiddenFields(string html, string action)
    {
        var start = html.IndexOf($"action=\"{action}\"", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var end = html.IndexOf("</form>", start, StringComparison.Ordinal);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputTag().Matches(html[start..(end < 0 ? html.Length : end)]))
        {
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match attribute in Attribute().Matches(input.Value))
            {
                attributes[attribute.Groups[1].Value.ToUpperInvariant()] = WebUtility.HtmlDecode(attribute.Groups[2].Value);
            }

            if (attributes.GetValueOrDefault("TYPE") == "hidden" && attributes.TryGetValue("NAME", out var name))
            {
                fields[name] = attributes.GetValueOrDefault("VALUE") ?? "";
            }
        }

        return fields;
    }
}
