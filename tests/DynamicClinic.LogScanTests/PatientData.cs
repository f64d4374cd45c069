using DynamicClinic.Domain.Notes;
using Microsoft.Data.Sqlite;

namespace DynamicClinic.LogScanTests;

/// <summary>
/// One value no log line may contain, and where it came from (e.g. <c>patient name</c>, <c>note text</c>);
/// <paramref name="FreeText"/> for what a person wrote (notes, reasons, messages) rather than a name or contact.
/// </summary>
public sealed record SensitiveValue(string Text, string Kind, bool FreeText = false)
{
    /// <summary>
    /// Whether a hit would mean something. Shorter values are not searched: "Ali" is in "Validation", and a one-word
    /// note such as "Started" is in every host's "Application started". The scan reports how many it skipped.
    /// </summary>
    public bool IsMeaningful => Text.Trim() is var text && text.Length >= PatientData.MinimumLength
        && (!FreeText || text.Length >= PatientData.MinimumTextLength);
}

/// <summary>
/// Every patient's name, mobile number (as stored and as people type it) and email, every note's and amendment's
/// free text and every message a patient wrote, read from the test databases.
/// </summary>
public static class PatientData
{
    /// <summary>Names, phones and emails shorter than this are not searched (see <see cref="SensitiveValue.IsMeaningful"/>).</summary>
    public const int MinimumLength = 6;

    /// <summary>Free text shorter than this is not searched: a word or two such as "Started" or "No change".</summary>
    public const int MinimumTextLength = 10;

    public static IReadOnlyList<SensitiveValue> ReadFrom(string databasePath)
    {
        var connection = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var db = new SqliteConnection(connection.ToString());
        db.Open();
        var values = new List<SensitiveValue>();
        foreach (var row in Rows(db, "SELECT FullName, PhoneE164, Email FROM Patients"))
        {
            values.Add(new(row[0]!, "patient name"));
            values.AddRange(PhoneForms(row[1]!).Select(p => new SensitiveValue(p, "patient phone")));
            if (row[2] is { } email)
            {
                values.Add(new(email, "patient email"));
            }
        }

        // The clinical record's own fields (issue 15), where the database has them.
        if (HasColumn(db, "Patients", "SecondContactName"))
        {
            foreach (var row in Rows(db, "SELECT SecondContactName, SecondContactPhoneE164, Allergies, Alerts FROM Patients"))
            {
                if (row[0] is { } secondName)
                {
                    values.Add(new(secondName, "second contact name"));
                }

                if (row[1] is { } secondPhone)
                {
                    values.AddRange(PhoneForms(secondPhone).Select(p => new SensitiveValue(p, "second contact phone")));
                }

                values.AddRange(new[] { row[2], row[3] }.OfType<string>().Select(t => new SensitiveValue(t, "allergies or alerts", FreeText: true)));
            }
        }

        foreach (var row in Rows(db, "SELECT Content FROM SessionNotes"))
        {
            values.AddRange(NoteText(row[0]!).Select(t => new SensitiveValue(t, "note text", FreeText: true)));
        }

        foreach (var row in Rows(db, "SELECT Content, Reason FROM SessionNoteAmendments"))
        {
            values.AddRange(NoteText(row[0]!).Select(t => new SensitiveValue(t, "amended note text", FreeText: true)));
            values.Add(new(row[1]!, "amendment reason", FreeText: true));
        }

        foreach (var row in Rows(db, "SELECT PatientMessage FROM Appointments WHERE PatientMessage IS NOT NULL"))
        {
            values.Add(new(row[0]!, "patient's message", FreeText: true));
        }

        return values;
    }

    /// <summary>The free-text fields of a note (choices are list keys such as "mild", not what the clinician wrote).</summary>
    public static IEnumerable<string> NoteText(string contentJson)
    {
        var content = NoteContent.Parse(contentJson);
        string?[] text =
        [
            content.ScalpAssessment, content.BlendOther, content.AreasOther, content.SideEffectsOther, content.AftercareOther,
            content.NextTime, content.HairLossPatternDetail, content.Notes,
        ];

        // A structured note's answers: the ones with a space are what the clinician wrote (choice keys, numbers and
        // dates never hold one; a single word such as "None" is too common to scan for).
        var answers = content.Answers.Values.SelectMany(v => v).Where(v => v.Contains(' ', StringComparison.Ordinal));
        return text.OfType<string>().Concat(answers);
    }

    /// <summary>+923001234567 as stored, and as people write it: 923001234567, 03001234567, 0300 1234567.</summary>
    public static IEnumerable<string> PhoneForms(string e164)
    {
        yield return e164;
        yield return e164.TrimStart('+');
        if (e164.StartsWith("+92", StringComparison.Ordinal) && e164.Length == 13)
        {
            var national = "0" + e164[3..];
            yield return national;
            yield return national[..4] + " " + national[4..];
        }
    }

    private static List<string?[]> Rows(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string?[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i)).ToArray());
        }

        return rows;
    }

    private static bool HasColumn(SqliteConnection db, string table, string column)
    {
        using var command = db.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = $column";
        command.Parameters.AddWithValue("$column", column);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
