using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DynamicClinic.Web.Infrastructure.Database;

/// <summary>
/// Reads SQLite's DateTime columns with an exact parser for the one format EF Core writes ("yyyy-MM-dd HH:mm:ss" and up
/// to seven fraction digits) instead of <see cref="DateTime.Parse(string, IFormatProvider)"/>, which Microsoft.Data.Sqlite
/// calls for every value. Availability reads thousands of start and end times per search ("any of ten clinicians over
/// sixty days" is about 7,000), and the general parser was a quarter of that search's time (bench/availability.sh).
/// Only reading changes: the column type, the SQL, literals, parameters and EF Core's date translations are SQLite's
/// own. Any text not in that exact format goes to the general parser, so nothing the old reader accepted is refused.
/// </summary>
public static class SqliteDateTimeReading
{
    public static DbContextOptionsBuilder UseExactDateTimeReading(this DbContextOptionsBuilder builder)
    {
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new Extension());
        return builder;
    }

    /// <summary>Parses EF Core's SQLite DateTime text; Kind Unspecified, as <see cref="DateTime.Parse(string, IFormatProvider)"/> gives.</summary>
    public static DateTime Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParseExact(text.AsSpan(), out var value) ? value : DateTime.Parse(text, CultureInfo.InvariantCulture);
    }

    private static bool TryParseExact(ReadOnlySpan<char> s, out DateTime value)
    {
        value = default;
        if (s.Length < 19 || s.Length == 20 || s.Length > 27
            || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second))
        {
            return false;
        }

        long fractionTicks = 0;
        if (s.Length > 19)
        {
            if (s[19] != '.' || !Digits(s, 20, s.Length - 20, out var fraction))
            {
                return false;
            }

            // ".5" is 5,000,000 ticks: pad the digits to seven.
            fractionTicks = fraction;
            for (var i = s.Length - 20; i < 7; i++)
            {
                fractionTicks *= 10;
            }
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month)
            || year < 1 || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int length, out int number)
    {
        number = 0;
        for (var i = start; i < start + length; i++)
        {
            var digit = s[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            number = (number * 10) + digit;
        }

        return true;
    }

    /// <summary>SQLite's DateTime mapping in every respect but how a value is read from the data reader.</summary>
#pragma warning disable EF1001 // SqliteDateTimeTypeMapping is provider-internal; this only overrides its reading.
    private sealed class ExactDateTimeTypeMapping : SqliteDateTimeTypeMapping
    {
        private static readonly MethodInfo GetString = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetString), [typeof(int)])!;
        private static readonly MethodInfo ParseMethod = typeof(SqliteDateTimeReading).GetMethod(nameof(Parse))!;

        public ExactDateTimeTypeMapping()
            : base("TEXT")
        {
        }

        private ExactDateTimeTypeMapping(RelationalTypeMappingParameters parameters)
            : base(parameters)
        {
        }

        public override MethodInfo GetDataReaderMethod() => GetString;

        public override Expression CustomizeDataReaderExpression(Expression expression) =>
            Expression.Call(ParseMethod, expression);

        protected override RelationalTypeMapping Clone(RelationalTypeMappingParameters parameters) => new ExactDateTimeTypeMapping(parameters);
    }
#pragma warning restore EF1001

    private sealed class Plugin : IRelationalTypeMappingSourcePlugin
    {
        private static readonly ExactDateTimeTypeMapping Mapping = new();

        public RelationalTypeMapping? FindMapping(in RelationalTypeMappingInfo mappingInfo) =>
            mappingInfo.ClrType == typeof(DateTime)
                && (mappingInfo.StoreTypeName is null || string.Equals(mappingInfo.StoreTypeName, "TEXT", StringComparison.OrdinalIgnoreCase))
                ? Mapping
                : null;
    }

    private sealed class Extension : IDbContextOptionsExtension
    {
        private DbContextOptionsExtensionInfo? _info;

        public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

        public void ApplyServices(IServiceCollection services) =>
            services.AddSingleton<IRelationalTypeMappingSourcePlugin, Plugin>();

        public void Validate(IDbContextOptions options)
        {
        }

        private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
        {
            public override bool IsDatabaseProvider => false;

            public override string LogFragment => "ExactDateTimeReading ";

            public override int GetServiceProviderHashCode() => 0;

            public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

            public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
                debugInfo["DynamicClinic:ExactDateTimeReading"] = "1";
        }
    }
}
