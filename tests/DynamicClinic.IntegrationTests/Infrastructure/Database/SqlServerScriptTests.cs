using DynamicClinic.Data;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace DynamicClinic.IntegrationTests.Infrastructure.Database;

/// <summary>
/// The SQL Server migration script, as an operator would run it (<c>dotnet ef migrations script --idempotent</c>),
/// generated here and read by Microsoft's own T-SQL parser: every batch (and every statement EF wraps in
/// <c>EXEC(N'...')</c>) parses, and the unique keys the site's guards rely on are in the schema it builds.
/// No server is needed; docs/database.md says what this does not prove.
/// </summary>
public class SqlServerScriptTests
{
    /// <summary>
    /// The unique keys that turn a race into a refusal instead of a duplicate. Add room blocks and invoice numbers
    /// here when those land.
    /// </summary>
    public static readonly TheoryData<string, string[], string> Guards = new()
    {
        { "ClinicianTimeBlocks", ["ClinicianId", "StartUtc"], "one holder per clinician per five minutes: no double booking" },
        { "Appointments", ["Reference"], "a booking reference names one appointment" },
        { "Appointments", ["IdempotencyKeyHash"], "a booking form sent twice books once" },
        { "AppointmentManageTokens", ["TokenHash"], "a manage link opens one appointment" },
        { "SessionNotes", ["AppointmentId"], "one note per session" },
        { "Treatments", ["Slug"], "one treatment per address" },
        { "ClinicClosures", ["Date"], "one closure per day" },
        { "TreatmentPlanPhases", ["TreatmentId", "Order"], "a plan's phases in one order" },
        { "Clinicians", ["StaffUserId"], "one clinician per staff account" },
        { "ClinicSettings", ["Id"], "one settings row" },
    };

    private static readonly Lazy<Schema> Built = new(() => Schema.Read(IdempotentScript()));

    [Theory]
    [InlineData(SqlVersion.Sql150)] // SQL Server 2019, the oldest the site supports (docs/database.md)
    [InlineData(SqlVersion.Sql160)] // SQL Server 2022
    [InlineData(SqlVersion.Sql170)] // SQL Server 2025
    public void TheIdempotentScriptParsesWithoutErrors(SqlVersion version)
    {
        var script = IdempotentScript();

        var errors = Parse(script, version, out _).Concat(Schema.Read(script).WrappedErrors(version)).ToList();

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Theory]
    [MemberData(nameof(Guards))]
    public void EachGuardsUniqueKeyIsInTheSchema(string table, string[] columns, string why)
    {
        var keys = Built.Value.UniqueKeys.Where(k => k.Table == table).ToList();

        Assert.True(
            keys.Any(k => k.Columns.SequenceEqual(columns)),
            $"No unique key on {table}({string.Join(", ", columns)}) ({why}); unique keys there: "
            + string.Join("; ", keys.Select(k => $"{k.Name}({string.Join(", ", k.Columns)})")));
    }

    [Fact]
    public void UniqueIndexesOnNullableColumnsAreFilteredSoManyRowsMayHaveNone()
    {
        // SQL Server lets only one row have NULL in a plain unique index; EF filters it out (SQLite allows many NULLs).
        var idempotency = Assert.Single(Built.Value.UniqueKeys, k => k.Name == "IX_Appointments_IdempotencyKeyHash");

        Assert.Equal("[IdempotencyKeyHash] IS NOT NULL", idempotency.Filter);
    }

    internal static string IdempotentScript()
    {
        using var db = SqlServerContext();
        return db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    }

    internal static ClinicDbContext SqlServerContext()
    {
        var builder = new DbContextOptionsBuilder<ClinicDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, DatabaseProvider.SqlServer, "Server=localhost;Database=DynamicClinic;Trusted_Connection=True;TrustServerCertificate=True");
        return new ClinicDbContext(builder.Options);
    }

    internal static IEnumerable<string> Parse(string sql, SqlVersion version, out TSqlFragment fragment)
    {
        var parser = TSqlParser.CreateParser(version, initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        fragment = parser.Parse(reader, out var errors);
        return errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}");
    }

    private sealed record UniqueKey(string Table, string Name, string[] Columns, string? Filter);

    /// <summary>The unique keys (primary keys, unique constraints, unique indexes) the script leaves, in script order.</summary>
    private sealed class Schema : TSqlFragmentVisitor
    {
        private readonly List<UniqueKey> _keys = [];
        private readonly List<string> _wrapped = [];

        public IReadOnlyList<UniqueKey> UniqueKeys => _keys;

        public static Schema Read(string script)
        {
            var schema = new Schema();
            var errors = Parse(script, SqlVersion.Sql160, out var fragment).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
            fragment.Accept(schema);
            return schema;
        }

        public IEnumerable<string> WrappedErrors(SqlVersion version) =>
            _wrapped.SelectMany(sql => Parse(sql, version, out _).Select(e => $"in EXEC(N'{sql[..Math.Min(80, sql.Length)]}...'): {e}"));

        public override void ExplicitVisit(ExecuteStatement node)
        {
            // EF wraps some statements in EXEC(N'...') in an idempotent script: their SQL is a string, parsed here too.
            if (node.ExecuteSpecification.ExecutableEntity is ExecutableStringList { Strings: [StringLiteral literal] })
            {
                _wrapped.Add(literal.Value);
                var errors = Parse(literal.Value, SqlVersion.Sql160, out var inner).ToList();
                Assert.True(errors.Count == 0, string.Join("\n", errors));
                inner.Accept(this);
            }
        }

        public override void ExplicitVisit(CreateTableStatement node)
        {
            var table = node.SchemaObjectName.BaseIdentifier.Value;
            foreach (var constraint in node.Definition.TableConstraints.OfType<UniqueConstraintDefinition>())
            {
                Add(table, constraint);
            }
        }

        public override void ExplicitVisit(AlterTableAddTableElementStatement node)
        {
            foreach (var constraint in node.Definition.TableConstraints.OfType<UniqueConstraintDefinition>())
            {
                Add(node.SchemaObjectName.BaseIdentifier.Value, constraint);
            }
        }

        public override void ExplicitVisit(AlterTableDropTableElementStatement node)
        {
            var table = node.SchemaObjectName.BaseIdentifier.Value;
            foreach (var element in node.AlterTableDropTableElements)
            {
                _keys.RemoveAll(k => k.Table == table && k.Name == element.Name.Value);
            }
        }

        public override void ExplicitVisit(CreateIndexStatement node)
        {
            if (node.Unique)
            {
                var filter = node.FilterPredicate is null ? null : Sql(node.FilterPredicate);
                _keys.Add(new UniqueKey(node.OnName.BaseIdentifier.Value, node.Name.Value, [.. node.Columns.Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value)], filter));
            }
        }

        public override void ExplicitVisit(DropIndexStatement node)
        {
            foreach (var index in node.DropIndexClauses.OfType<DropIndexClause>())
            {
                _keys.RemoveAll(k => k.Table == index.Object.BaseIdentifier.Value && k.Name == index.Index.Value);
            }
        }

        public override void ExplicitVisit(DropTableStatement node)
        {
            foreach (var table in node.Objects)
            {
                _keys.RemoveAll(k => k.Table == table.BaseIdentifier.Value);
            }
        }

        private static string Sql(TSqlFragment fragment) =>
            string.Concat(Enumerable.Range(fragment.FirstTokenIndex, fragment.LastTokenIndex - fragment.FirstTokenIndex + 1)
                .Select(i => fragment.ScriptTokenStream[i].Text));

        private void Add(string table, UniqueConstraintDefinition constraint) =>
            _keys.Add(new UniqueKey(table, constraint.ConstraintIdentifier.Value, [.. constraint.Columns.Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value)], null));
    }
}
