using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;

namespace DynamicClinic.Web.Infrastructure.Localization;

/// <summary>
/// HTML inside translated sentences, and left-to-right pieces (phone numbers, references) inside right-to-left text.
/// A phone number or a reference isolated with <c>dir="ltr"</c> (HTML isolates any element with a dir) never comes
/// out reversed or with its digits pulled into the Urdu around it: <c>0300 1234567</c>, <c>DC-T9AMH4</c>.
/// </summary>
public static partial class LocalizedHtml
{
    /// <summary>The translated text, encoded, with each <c>{0}</c>, <c>{1}</c>... replaced by the given HTML.</summary>
    public static IHtmlContent Format(string template, params IHtmlContent[] parts)
    {
        var builder = new HtmlContentBuilder();
        var at = 0;
        foreach (Match match in Placeholder().Matches(template))
        {
            builder.Append(template[at..match.Index]);
            var index = int.Parse(match.Groups[1].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture);
            if (index < parts.Length)
            {
                builder.AppendHtml(parts[index]);
            }

            at = match.Index + match.Length;
        }

        builder.Append(template[at..]);
        return builder;
    }

    /// <summary>Text that reads left to right wherever it stands (a reference, an email address).</summary>
    public static IHtmlContent Ltr(string text) =>
        new HtmlString($"<bdi dir=\"ltr\">{HtmlEncoder.Default.Encode(text)}</bdi>");

    /// <summary>A phone number as a link to call it, left to right wherever it stands.</summary>
    public static IHtmlContent PhoneLink(string phone) =>
        new HtmlString($"<a href=\"tel:{HtmlEncoder.Default.Encode(phone.Replace(" ", "", StringComparison.Ordinal))}\" dir=\"ltr\">{HtmlEncoder.Default.Encode(phone)}</a>");

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
