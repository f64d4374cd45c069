using System.Net;
using System.Text.RegularExpressions;

namespace DynamicClinic.IntegrationTests.Infrastructure;

/// <summary>Reads forms out of the site's HTML the way a browser submits them.</summary>
public static partial class HtmlForms
{
    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("\\b(name|value|type)=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex Attribute();

    /// <summary>
    /// The hidden fields of the first POST form whose action is <paramref name="action"/> (a page may also have a
    /// GET form to the same address, e.g. a search); failing that, of the first form with that action.
    /// </summary>
    public static Dictionary<string, string> HiddenFields(string html, string action)
    {
        var start = html.IndexOf($"method=\"post\" action=\"{action}\"", StringComparison.Ordinal);
        start = start >= 0 ? start : html.IndexOf($"action=\"{action}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No form posts to {action}.");
        var end = html.IndexOf("</form>", start, StringComparison.Ordinal);
        var fields = new Dictionary<string, string>();
        foreach (Match input in InputTag().Matches(html[start..end]))
        {
            var attributes = Attribute().Matches(input.Value).ToDictionary(m => m.Groups[1].Value.ToLowerInvariant(), m => WebUtility.HtmlDecode(m.Groups[2].Value));
            if (attributes.GetValueOrDefault("type") == "hidden" && attributes.TryGetValue("name", out var name))
            {
                fields[name] = attributes.GetValueOrDefault("value") ?? "";
            }
        }

        return fields;
    }

    public static async Task<HttpResponseMessage> PostAsync(this HttpClient client, string action, IDictionary<string, string> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(action, content);
    }
}
