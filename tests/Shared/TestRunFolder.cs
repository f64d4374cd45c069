namespace DynamicClinic.TestSupport;

/// <summary>
/// The folder one run of the test suite keeps what its hosts leave behind: each test host's SQLite database, log
/// files and mail, in a folder of its own. Kept after the run (<c>./eng/test.sh</c> empties it when the next run
/// starts), so the log scan that runs last can read every database and every log, and a failure can be inspected.
/// <c>$DYNAMICCLINIC_TEST_RUN</c> when set, else <c>artifacts/test-run</c> in the repository (git-ignored).
/// </summary>
/// <remarks>Linked into every test project that starts the site, and into the log scan.</remarks>
public static class TestRunFolder
{
    public const string EnvironmentVariable = "DYNAMICCLINIC_TEST_RUN";

    public static string Root { get; } = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } folder
        ? Path.GetFullPath(folder)
        : Path.Combine(RepositoryRoot(), "artifacts", "test-run");

    /// <summary>A new, empty folder for one test host, e.g. <c>integration/BookingFlowTests-3f2a…</c>.</summary>
    public static string ForHost(string suite, string host)
    {
        var folder = Path.Combine(Root, suite, $"{host}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>The folder holding DynamicClinic.sln, found upwards from the test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "DynamicClinic.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"DynamicClinic.sln not found above {AppContext.BaseDirectory}; set ${EnvironmentVariable}.");
    }
}
