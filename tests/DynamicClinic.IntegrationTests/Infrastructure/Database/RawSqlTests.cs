using System.Text.RegularExpressions;
using DynamicClinic.TestSupport;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace DynamicClinic.IntegrationTests.Infrastructure.Database;

/// <summary>
/// SQL written by hand in the site's code (not the migrations, whose SQL is in the script <see cref="SqlServerScriptTests"/>
/// parses) never meets SQL Server here: each string is found in the source and parsed with Microsoft's T-SQL parser,
/// unless it is listed below as SQLite's own, run only on SQLite.
/// </summary>
public partial class RawSqlTests
{
    /// <summary>(file, SQL): statements that run on SQLite only, each behind a provider check in that file.</summary>
    private static readonly (string File, string Sql)[] SqliteOnly =
    [
        ("Infrastructure/Database/DatabaseStartup.cs", "PRAGMA journal_mode=WAL;"),
        ("Infrastructure/Database/SqlitePragmas.cs", "PRAGMA synchronous=NORMAL;"),
    ];

    [Fact]
    public void EveryRawSqlStringInTheCodeParsesAsTSqlOrIsSqlitesOwn()
    {
        var found = RawSql().ToList();
        var problems = new List<string>();
        foreach (var (file, sql) in found)
        {
            if (SqliteOnly.Contains((file, sql)))
            {
                continue;
            }

            var parser = TSqlParser.CreateParser(SqlVersion.Sql150, initialQuotedIdentifiers: true);
            using var reader = new StringReader(sql);
            parser.Parse(reader, out var errors);
            problems.AddRange(errors.Select(e => $"{file}: \"{sql}\": {e.Message}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // The search itself works: it finds what is listed (and the list has nothing stale).
        Assert.All(SqliteOnly, listed => Assert.Contains(listed, found));
    }

    private static IEnumerable<(string File, string Sql)> RawSql()
    {
        var web = Path.Combine(TestRunFolder.RepositoryRoot(), "src", "DynamicClinic.Web");
        var sources = Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var file in sources)
        {
            var relative = Path.GetRelativePath(web, file).Replace(Path.DirectorySeparatorChar, '/');
            foreach (Match match in RawSqlCall().Matches(File.ReadAllText(file)))
            {
                var sql = Regex.Unescape(match.Groups["sql"].Value);
                // An interpolated string's holes become parameters when EF runs it (ExecuteSql, FromSql, SqlQuery).
                var hole = 0;
                yield return (relative, match.Groups["interpolated"].Success ? Hole().Replace(sql, _ => $"@p{hole++}") : sql);
            }
        }
    }

    // ExecuteSqlRaw(Async), FromSqlRaw, SqlQueryRaw, ExecuteSql(Async), FromSql, SqlQuery<T> and CommandText = "...":
    // the SQL of each as a plain or interpolated string literal.
    [GeneratedRegex(@"(?:\b(?:ExecuteSql(?:Raw|Interpolated)?(?:Async)?|FromSql(?:Raw|Interpolated)?|SqlQuery(?:Raw)?)\s*(?:<[^>]*>)?\(\s*|\bCommandText\s*=\s*)(?<interpolated>\$)?""(?<sql>(?:[^""\\]|\\.)*)""")]
    private static partial Regex RawSqlCall();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Hole();
}
