using DynamicClinic.Data;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DynamicClinic.IntegrationTests.Infrastructure.Database;

/// <summary>
/// What the tests prove on SQLite holds on SQL Server only if both build the same database: the same tables, columns
/// (nullability, lengths), keys, indexes, foreign keys and checks. The store types differ by design; each pair allowed is
/// listed here and in docs/database.md ("Type differences"), so a new difference fails until someone documents it.
/// </summary>
public class ProviderModelTests
{
    /// <summary>(SQLite type, SQL Server type) per CLR type as stored. Length and precision are compared apart.</summary>
    private static readonly Dictionary<Type, (string Sqlite, string SqlServer)> DocumentedTypes = new()
    {
        [typeof(string)] = ("TEXT", "nvarchar"),
        [typeof(int)] = ("INTEGER", "int"),
        [typeof(long)] = ("INTEGER", "bigint"),
        [typeof(short)] = ("INTEGER", "smallint"),
        [typeof(byte)] = ("INTEGER", "tinyint"),
        [typeof(bool)] = ("INTEGER", "bit"),
        [typeof(decimal)] = ("TEXT", "decimal"),
        [typeof(double)] = ("REAL", "float"),
        [typeof(DateTime)] = ("TEXT", "datetime2"),
        [typeof(DateTimeOffset)] = ("TEXT", "datetimeoffset"),
        [typeof(DateOnly)] = ("TEXT", "date"),
        [typeof(TimeOnly)] = ("TEXT", "time"),
        [typeof(Guid)] = ("TEXT", "uniqueidentifier"),
        [typeof(byte[])] = ("BLOB", "varbinary"),
    };

    private static readonly Lazy<IRelationalModel> Sqlite = new(() => Model(DatabaseProvider.Sqlite, "Data Source=:memory:"));
    private static readonly Lazy<IRelationalModel> SqlServer = new(() => Model(DatabaseProvider.SqlServer, "Server=localhost;Database=DynamicClinic;Trusted_Connection=True"));

    [Fact]
    public void BothHaveTheSameTables() =>
        Assert.Equal(Sqlite.Value.Tables.Select(t => t.Name).Order(), SqlServer.Value.Tables.Select(t => t.Name).Order());

    [Fact]
    public void BothHaveTheSameColumnsNullabilityAndLengths()
    {
        var differences = Pairs((t, other) => Columns(t).Except(Columns(other))).ToList();

        Assert.True(differences.Count == 0, "Columns that differ (SQLite side shown):\n" + string.Join("\n", differences));
    }

    [Fact]
    public void StoreTypesDifferOnlyAsDocumented()
    {
        var undocumented = new List<string>();
        foreach (var table in Sqlite.Value.Tables)
        {
            var other = SqlServer.Value.FindTable(table.Name, table.Schema)!;
            foreach (var column in table.Columns)
            {
                var sqlServer = other.FindColumn(column.Name)!;
                var type = column.ProviderClrType;
                var baseType = sqlServer.StoreType.Split('(')[0];
                var documented = DocumentedTypes.TryGetValue(type, out var expected);
                if (type == typeof(string) && column.PropertyMappings[0].Property.IsUnicode() == false)
                {
                    // ASCII by design (hashes, codes): one byte a character on SQL Server.
                    expected = ("TEXT", "varchar");
                }

                if (!documented || expected != (column.StoreType, baseType))
                {
                    undocumented.Add($"{table.Name}.{column.Name} ({type.Name}): SQLite {column.StoreType}, SQL Server {sqlServer.StoreType}");
                }

                // A length in the model is a length on SQL Server (nvarchar(n)) up to its limit (4,000 characters, 8,000
                // bytes), beyond which it is (max): SQLite enforces none, so validators keep values within them on both.
                if (column.PropertyMappings[0].Property.GetMaxLength() is { } length)
                {
                    var limit = baseType == "varbinary" ? 8000 : 4000;
                    Assert.EndsWith(length <= limit ? $"({length})" : "(max)", sqlServer.StoreType, StringComparison.Ordinal);
                }
            }
        }

        Assert.True(undocumented.Count == 0, "Type differences not in the documented list:\n" + string.Join("\n", undocumented));
    }

    [Fact]
    public void BothHaveTheSameKeysIndexesForeignKeysAndChecks()
    {
        var differences = Pairs((t, other) => Constraints(t).Except(Constraints(other))).ToList();

        Assert.True(differences.Count == 0, "Constraints that differ (SQLite side shown):\n" + string.Join("\n", differences));
    }

    [Fact]
    public void DateTimesAreStoredAtFullPrecisionOnSqlServer()
    {
        // datetime2 with no precision is datetime2(7), 100 ns: what .NET's DateTime holds, so a time read back equals
        // the time written (the optimistic checks and the outbox's claim compare them).
        var precise = SqlServer.Value.Tables.SelectMany(t => t.Columns).Where(c => c.ProviderClrType == typeof(DateTime)).ToList();

        Assert.NotEmpty(precise);
        Assert.All(precise, c => Assert.True(c.StoreType is "datetime2" or "datetime2(7)", $"{c.Table.Name}.{c.Name} is {c.StoreType}"));
    }

    private static IEnumerable<string> Pairs(Func<ITable, ITable, IEnumerable<string>> compare) =>
        Sqlite.Value.Tables.SelectMany(t => compare(t, SqlServer.Value.FindTable(t.Name, t.Schema)!).Select(d => $"{t.Name}: {d}"))
            .Concat(SqlServer.Value.Tables.SelectMany(t => compare(t, Sqlite.Value.FindTable(t.Name, t.Schema)!).Select(d => $"{t.Name} (SQL Server): {d}")));

    private static IEnumerable<string> Columns(ITable table) => table.Columns.Select(c =>
    {
        var property = c.PropertyMappings[0].Property;
        return $"{c.Name} {c.ProviderClrType.Name} null={c.IsNullable} length={property.GetMaxLength()} precision={property.GetPrecision()},{property.GetScale()} unicode={property.IsUnicode()}";
    });

    private static IEnumerable<string> Constraints(ITable table) =>
        table.UniqueConstraints.Select(k => $"{(k.GetIsPrimaryKey() ? "primary key" : "unique")} {k.Name}({Names(k.Columns)})")
            .Concat(table.Indexes.Select(i => $"{(i.IsUnique ? "unique " : "")}index {i.Name}({Names(i.Columns)})"))
            .Concat(table.ForeignKeyConstraints.Select(f => $"foreign key {f.Name}({Names(f.Columns)}) -> {f.PrincipalTable.Name}({Names(f.PrincipalColumns)}) on delete {f.OnDeleteAction}"))
            .Concat(table.CheckConstraints.Select(c => $"check {c.Name}"));

    private static string Names(IEnumerable<IColumn> columns) => string.Join(", ", columns.Select(c => c.Name));

    private static IRelationalModel Model(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<ClinicDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, provider, connectionString);
        using var db = new ClinicDbContext(builder.Options);
        return db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
    }
}
