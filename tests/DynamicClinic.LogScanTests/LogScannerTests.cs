using DynamicClinic.Domain.Notes;
using Microsoft.Data.Sqlite;

namespace DynamicClinic.LogScanTests;

/// <summary>The scanner itself, on a planted database and planted log lines: a scan that never fails proves nothing.</summary>
public sealed class LogScannerTests : IDisposable
{
    private const string CleanLine = """{"@t":"2026-11-27T05:00:00Z","@mt":"Booked {Reference} for patient {PatientId}","Reference":"DC-ABC123","PatientId":7}""";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "dynamicclinic-log-scan-" + Guid.NewGuid().ToString("N"));

    public LogScannerTests()
    {
        var host = Path.Combine(_root, "integration", "Planted");
        Directory.CreateDirectory(host);
        using var db = new SqliteConnection($"Data Source={Path.Combine(host, "clinic.db")};Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        var note = new NoteContent { ScalpAssessment = "Miniaturisation at the crown, \"mild\" redness", Tolerability = "good" }.ToJson();
        command.CommandText = """
            CREATE TABLE Patients (FullName TEXT, PhoneE164 TEXT, Email TEXT);
            CREATE TABLE SessionNotes (Content TEXT);
            CREATE TABLE SessionNoteAmendments (Content TEXT, Reason TEXT);
            CREATE TABLE Appointments (PatientMessage TEXT);
            INSERT INTO Patients VALUES ('Zainab Qureshi', '+923001234567', 'zainab.q@example.test'), ('Ali', '+923009876543', NULL);
            INSERT INTO SessionNotes VALUES ($note);
            INSERT INTO SessionNoteAmendments VALUES ('{"NextTime":"Started"}', 'Wrong volume recorded');
            INSERT INTO Appointments VALUES ('Please call after five');
            """;
        command.Parameters.AddWithValue("$note", note);
        command.ExecuteNonQuery();
        Directory.CreateDirectory(Path.Combine(host, "logs"));
    }

    [Fact]
    public void ACleanLogPasses()
    {
        PlantLog(CleanLine);

        var result = RunScan.Run(_root);

        Assert.Empty(result.Leaks);
        Assert.Equal(1, result.LogLines);
        Assert.Contains(result.Values, v => v is { Kind: "patient name", Text: "Zainab Qureshi" });
    }

    [Theory]
    [InlineData("""{"@mt":"Booking for {Name}","Name":"ZAINAB QURESHI"}""", "patient name")]
    [InlineData("""{"@mt":"Email to {To} failed","To":"zainab.q@example.test"}""", "patient email")]
    [InlineData("""[10:00:00 WRN] Duplicate mobile 0300 1234567""", "patient phone")]
    [InlineData("""{"@mt":"Phone {Phone}","Phone":"+923001234567"}""", "patient phone")]
    [InlineData("""{"@mt":"Amended: {Reason}","Reason":"wrong volume recorded"}""", "amendment reason")]
    [InlineData("""{"@mt":"Message {Message}","Message":"Please call after five"}""", "patient's message")]
    public void APlantedLineWithPatientDataFails(string planted, string kind)
    {
        PlantLog(CleanLine, planted);

        var result = RunScan.Run(_root);

        // One line can hold a value in more than one form (+923001234567 also contains 923001234567).
        Assert.NotEmpty(result.Leaks);
        Assert.All(result.Leaks, leak => Assert.Equal(kind, leak.Kind));
        Assert.All(result.Leaks, leak => Assert.Equal(2, leak.LineNumber));
    }

    [Fact]
    public void NoteTextIsFoundEvenWhenTheJsonLogEscapesIt()
    {
        // How Serilog's compact JSON writes the text: quotes escaped.
        PlantLog("""{"@mt":"Note {Text}","Text":"Miniaturisation at the crown, \"mild\" redness"}""");

        var leak = Assert.Single(RunScan.Run(_root).Leaks);

        Assert.Equal("note text", leak.Kind);
    }

    [Fact]
    public void ValuesTooShortToMeanAnythingAreSkippedAndReported()
    {
        // "Ali" is in "Validation" and a one-word note "Started" in "Application started": searching for them would
        // fail on every log.
        PlantLog("""{"@mt":"Validation failed for {Field}","Field":"FullName"}""", """{"@mt":"Application started."}""");

        var result = RunScan.Run(_root);

        Assert.Empty(result.Leaks);
        Assert.Equal(["Ali", "Started"], result.SkippedAsTooShort);
        Assert.Contains("not searched (under 6 characters, free text under 10): \"Ali\"", result.Summary(_root), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Values, v => v.Text == "good" && v.Kind == "note text");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private void PlantLog(params string[] lines) =>
        File.WriteAllLines(Path.Combine(_root, "integration", "Planted", "logs", "dynamicclinic-20261127.log"), lines);
}
