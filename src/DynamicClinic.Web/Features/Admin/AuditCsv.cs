using System.Globalization;
using System.Text;

namespace DynamicClinic.Web.Features.Admin;

/// <summary>
/// Writes audit rows as CSV (RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled). A field that
/// a spreadsheet would read as a formula (starting with =, +, -, @, or a tab or carriage return) is prefixed with a
/// single quote, so opening the export in Excel or LibreOffice never runs what someone typed into a record.
/// </summary>
public static class AuditCsv
{
    public static readonly string[] Header =
        ["When (clinic time)", "Who", "Staff account id", "Action", "Record type", "Record id", "Patient id", "Summary", "Before", "After"];

    public static string Line(AuditLogRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Line(
        [
            row.OccurredLocal.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            row.ActorName,
            row.ActorUserId ?? "",
            row.Action,
            row.EntityType,
            row.EntityId,
            row.PatientId?.ToString(CultureInfo.InvariantCulture) ?? "",
            row.Summary,
            row.Before ?? "",
            row.After ?? "",
        ]);
    }

    public static string Line(IEnumerable<string> fields) => string.Join(",", fields.Select(Field)) + "\r\n";

    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        if (value.IndexOfAny([',', '"', '\r', '\n']) < 0)
        {
            return value;
        }

        var quoted = new StringBuilder(value.Length + 2).Append('"');
        quoted.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        return quoted.Append('"').ToString();
    }
}
