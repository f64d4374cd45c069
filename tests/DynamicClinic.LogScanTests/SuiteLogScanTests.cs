using DynamicClinic.TestSupport;
using Xunit.Abstractions;

namespace DynamicClinic.LogScanTests;

/// <summary>
/// Runs after the integration and browser suites (./eng/test.sh runs this project last): every test host kept its
/// SQLite database and its log files (all the levels it logs at) in the run's folder, so here every patient's name,
/// mobile number and email and every note's text is looked for in every log line the suite wrote, booking and note
/// journeys included. Patient data is health data: logs carry ids only.
/// </summary>
public class SuiteLogScanTests(ITestOutputHelper output)
{
    [Fact]
    public void NoLogLineWrittenByTheTestSuiteContainsPatientDataOrNoteText()
    {
        var root = TestRunFolder.Root;
        Assert.True(Directory.Exists(root), $"Nothing to scan: {root} does not exist. ./eng/test.sh runs the other test projects first, then this one.");

        var result = RunScan.Run(root);
        var summary = result.Summary(root);
        output.WriteLine(summary);
        File.WriteAllText(Path.Combine(root, "log-scan.txt"), summary + Environment.NewLine);

        // The scan means something only if both suites' hosts left their data and logs, and the journeys ran.
        foreach (var suite in new[] { "integration", "browser" })
        {
            var folder = Path.Combine(root, suite) + Path.DirectorySeparatorChar;
            Assert.True(result.Databases.Any(d => d.StartsWith(folder, StringComparison.Ordinal)), $"No {suite} test database under {folder}. {summary}");
            Assert.True(result.LogFiles.Any(f => f.StartsWith(folder, StringComparison.Ordinal) && new FileInfo(f).Length > 0), $"No {suite} log under {folder}. {summary}");
        }

        Assert.True(result.Values.Count(v => v.Kind == "patient name") > 10, summary);
        Assert.Contains(result.Values, v => v.Kind == "patient email");
        Assert.Contains(result.Values, v => v.Kind == "note text");
        Assert.True(result.Leaks.Count == 0, summary + Environment.NewLine + string.Join(
            Environment.NewLine,
            result.Leaks.Take(50).Select(l => $"  {l.File}:{l.LineNumber} contains a {l.Kind}: \"{l.Value}\"")));
    }
}
