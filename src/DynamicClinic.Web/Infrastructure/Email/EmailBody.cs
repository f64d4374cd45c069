using System.Text;
using System.Text.Encodings.Web;

namespace DynamicClinic.Web.Infrastructure.Email;

/// <summary>
/// One email's content written once and rendered twice: plain text (always sent) and a simple HTML alternative in
/// which every value is HTML-encoded. Keeps the two versions from drifting apart.
/// </summary>
internal sealed class EmailBody
{
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
            _html.Append("<tr><th scope=\"row\" style=\"text-align:left;padding:2px 12px 2px 0;vertical-align:top\">")
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
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + Encode(title) + "</title>\n</head>\n"
        + "<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a\">\n"
        + _html + "</body>\n</html>\n";

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
