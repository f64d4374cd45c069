namespace DynamicClinic.LogScanTests;

/// <summary>What a scan of one run's folder read and found.</summary>
public sealed record RunScanResult(
    IReadOnlyList<string> Databases,
    IReadOnlyList<SensitiveValue> Values,
    IReadOnlyList<string> SkippedAsTooShort,
    int ValuesSearched,
    IReadOnlyList<string> LogFiles,
    int LogLines,
    IReadOnlyList<LogLeak> Leaks)
{
    public string Summary(string root) =>
        $"Log scan of {root}: {LogLines} lines in {LogFiles.Count} log files searched for {ValuesSearched} distinct values " +
        $"({string.Join(", ", Values.GroupBy(v => v.Kind).Select(g => $"{g.Count()} {g.Key}"))}) read from {Databases.Count} test databases; " +
        $"{SkippedAsTooShort.Count} values too short to mean anything not searched (under {PatientData.MinimumLength} characters, " +
        $"free text under {PatientData.MinimumTextLength})" +
        (SkippedAsTooShort.Count > 0 ? $": {string.Join(", ", SkippedAsTooShort.Take(10).Select(v => $"\"{v}\""))}{(SkippedAsTooShort.Count > 10 ? ", ..." : "")}" : "") +
        $"; {Leaks.Count} lines with patient data.";
}

/// <summary>
/// Reads the patient data of every test database under a run's folder (see <c>TestRunFolder</c>) and searches every
/// log file there for it.
/// </summary>
public static class RunScan
{
    public static RunScanResult Run(string root)
    {
        var databases = Directory.GetFiles(root, "*.db", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var values = databases.SelectMany(PatientData.ReadFrom).ToList();
        var skipped = values.Where(v => !v.IsMeaningful).Select(v => v.Text.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var scanner = new LogScanner(values);

        var logFiles = Directory.GetFiles(root, "*.log", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var lines = 0;
        var leaks = new List<LogLeak>();
        foreach (var file in logFiles)
        {
            var content = ReadShared(file);
            lines += content.Length;
            leaks.AddRange(scanner.Scan(Path.GetRelativePath(root, file), content));
        }

        return new RunScanResult(databases, values, skipped, scanner.Count, logFiles, lines, leaks);
    }

    /// <summary>Reads a log file even if a host that did not shut down cleanly still holds it open.</summary>
    private static string[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
