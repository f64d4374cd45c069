using System.Text;
using System.Text.Encodings.Web;

namespace DynamicClinic.Web.Infrastructure.Email;

/// <summary>
/// One email's content written once and rendered twice: plain text (always sent) and a simple HTML alternative in
/// which every value is HTML-encoded. Keeps the two versions from drifting apart.
/// </summary>
/// <param name="rightToLeft">An Urdu email: <c>lang="ur" dir="rtl"</c>, the details table's labels on the right.</param>
internal sealed class EmailBody(bool rightToLeft = false)
{
    // Urdu letters as they are rather than as &#x...; entities (a sixth of the bytes); what HTML needs escaped still is.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(
        System.Text.Unicode.UnicodeRanges.BasicLatin, System.Text.Unicode.UnicodeRanges.Latin1Supplement, System.Text.Unicode.UnicodeRanges.Arabic,
        System.Text.Unicode.UnicodeRanges.ArabicSupplement, System.Text.Unicode.UnicodeRanges.ArabicPresentationFormsA, System.Text.Unicode.UnicodeRanges.ArabicPresentationFormsB);

    private readonly StringBuilder _text = new();
    private readonly StringBuilder _html = new();

    public EmailBody Paragraph(string text)
    {
        _text.Append(text).Append("\n\n");
        _html.Append("<p>").Append(Encode(text)).Append("</p>\n");
        return this;
    }

    public EmailBody Heading(string text)
    {
        _text.Append(text).Append('\n');
        _html.Append("<h2 style=\"font-size:1.1em\">").Append(Encode(text)).Append("</h2>\n");
        return this;
    }

    public EmailBody Details(params (string Label, string Value)[] rows)
    {
        _html.Append("<table role=\"presentation\" style=\"border-collapse:collapse\">\n");
        foreach (var (label, value) in rows)
        {
            _text.Append(label).Append(": ").Append(value).Append('\n');
            _html.Append(rightToLeft
                    ? "<tr><th scope=\"row\" style=\"text-align:right;padding:2px 0 2px 12px;vertical-align:top\">"
                    : "<tr><th scope=\"row\" style=\"text-align:left;padding:2px 12px 2px 0;vertical-align:top\">")
                .Append(Encode(label)).Append("</th><td style=\"padding:2px 0\">").Append(Encode(value)).Append("</td></tr>\n");
        }

        _text.Append('\n');
        _html.Append("</table>\n");
        return this;
    }

    public EmailBody Bullets(params string[] items)
    {
        _html.Append("<ul>\n");
        foreach (var item in items)
        {
            _text.Append("- ").Append(item).Append('\n');
            _html.Append("<li>").Append(Encode(item)).Append("</li>\n");
        }

        _text.Append('\n');
        _html.Append("</ul>\n");
        return this;
    }

    /// <summary>A sentence followed by a link: on its own line in text, so mail clients make it clickable.</summary>
    public EmailBody Link(string lead, string label, string url)
    {
        _text.Append(lead).Append('\n').Append(url).Append("\n\n");
        _html.Append("<p>").Append(Encode(lead)).Append("<br>\n<a href=\"").Append(Encode(url)).Append("\">")
            .Append(Encode(label)).Append("</a></p>\n");
        return this;
    }

    /// <summary>Closing lines (sign-off, address), kept together.</summary>
    public EmailBody Lines(params string[] lines)
    {
        _html.Append("<p>");
        for (var i = 0; i < lines.Length; i++)
        {
            _text.Append(lines[i]).Append('\n');
            _html.Append(i == 0 ? "" : "<br>\n").Append(Encode(lines[i]));
        }

        _text.Append('\n');
        _html.Append("</p>\n");
        return this;
    }

    public string Text => _text.ToString().TrimEnd() + "\n";

    public string Html(string title) =>
        (rightToLeft ? "<!DOCTYPE html>\n<html lang=\"ur\" dir=\"rtl\">\n" : "<!DOCTYPE html>\n<html lang=\"en-GB\">\n")
        + "<head>\n<meta charset=\"utf-8\">\n<title>" + Encode(title) + "</title>\n</head>\n"
        + (rightToLeft
            ? "<body dir=\"rtl\" style=\"font-family:'Noto Naskh Arabic','Noto Nastaliq Urdu',Tahoma,Arial,sans-serif;font-size:17px;line-height:1.8;color:#1a1a1a;text-align:right\">\n"
            : "<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a\">\n")
        + _html + "</body>\n</html>\n";

    // Every value encoded; a left-to-right isolate (MessageWords.Ltr) becomes a <bdi dir="ltr"> around its encoded text.
    private static string Encode(string value)
    {
        if (value.IndexOf(MessageWords.IsolateStart, StringComparison.Ordinal) < 0)
        {
            return Encoder.Encode(value);
        }

        var html = new StringBuilder();
        foreach (var piece in value.Split(MessageWords.IsolateEnd))
        {
            var at = piece.IndexOf(MessageWords.IsolateStart, StringComparison.Ordinal);
            if (at < 0)
            {
                html.Append(Encoder.Encode(piece));
                continue;
            }

            html.Append(Encoder.Encode(piece[..at])).Append("<bdi dir=\"ltr\">")
                .Append(Encoder.Encode(piece[(at + 1)..])).Append("</bdi>");
        }

        return html.ToString();
    }
}
