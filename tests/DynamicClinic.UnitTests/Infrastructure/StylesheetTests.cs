using System.Text.RegularExpressions;

namespace DynamicClinic.UnitTests.Infrastructure;

/// <summary>
/// The site's one stylesheet stays well formed. Two merges once each lost a closing brace: browsers that support CSS
/// nesting then read every later rule as nested inside the unclosed one, so whole features (clinician cards, the
/// export, settings) quietly lost their styles with no error anywhere.
/// </summary>
public partial class StylesheetTests
{
    [Fact]
    public void EveryRuleInSiteCssIsClosedBeforeTheNextTopLevelComment()
    {
        var path = Path.Combine(RepositoryRoot(), "src", "DynamicClinic.Web", "wwwroot", "css", "site.css");
        var lines = File.ReadAllLines(path);
        var depth = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            // A comment that starts a line at depth > 0 in this file only ever opens a new section: the rule before
            // it must have been closed. Inside @media blocks comments are indented, so they don't start the line.
            if (lines[i].StartsWith("/*", StringComparison.Ordinal))
            {
                Assert.True(depth == 0, $"site.css line {i + 1}: a section starts while a rule is still open");
            }

            var code = Comment().Replace(lines[i], "");
            depth += code.Count(c => c == '{') - code.Count(c => c == '}');
            Assert.True(depth >= 0, $"site.css line {i + 1}: a closing brace with nothing to close");
        }

        Assert.Equal(0, depth);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DynamicClinic.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("DynamicClinic.sln not found above the test's folder.");
    }

    [GeneratedRegex(@"/\*.*?\*/")]
    private static partial Regex Comment();
}
