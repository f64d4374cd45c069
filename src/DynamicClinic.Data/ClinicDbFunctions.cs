using System.Data;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace DynamicClinic.Data;

/// <summary>
/// Functions for LINQ queries that neither provider translates from plain C#, each mapped for both providers.
/// </summary>
public static class ClinicDbFunctions
{
    /// <summary>
    /// Whole seconds from <paramref name="start"/> to <paramref name="end"/>, so that lengths can be added up in the
    /// database (the owner's reports' booked hours over a year) rather than by reading every row. Subtracting two
    /// DateTimes is translated by neither provider: SQL Server counts them with DATEDIFF_BIG, SQLite from the two
    /// Julian day numbers, rounded to the second (the times are stored as text).
    /// </summary>
    public static long SecondsBetween(DateTime start, DateTime end) => (long)Math.Round((end - start).TotalSeconds, MidpointRounding.AwayFromZero);

    internal static void Map(ModelBuilder builder, bool sqlServer)
    {
        var whole = new LongTypeMapping(sqlServer ? "bigint" : "INTEGER", DbType.Int64);
        var real = new DoubleTypeMapping("REAL", DbType.Double);
        builder.HasDbFunction(typeof(ClinicDbFunctions).GetMethod(nameof(SecondsBetween), [typeof(DateTime), typeof(DateTime)])!)
            .HasTranslation(args => sqlServer
                ? new SqlFunctionExpression("DATEDIFF_BIG", [new SqlFragmentExpression("second"), args[0], args[1]],
                    nullable: true, argumentsPropagateNullability: [false, true, true], typeof(long), whole)
                : new SqlUnaryExpression(ExpressionType.Convert,
                    new SqlFunctionExpression("round",
                        [
                            new SqlBinaryExpression(ExpressionType.Multiply,
                                new SqlBinaryExpression(ExpressionType.Subtract, JulianDay(args[1], real), JulianDay(args[0], real), typeof(double), real),
                                new SqlConstantExpression(86400.0, typeof(double), real), typeof(double), real),
                        ],
                        nullable: true, argumentsPropagateNullability: [true], typeof(double), real),
                    typeof(long), whole));
    }

    private static SqlFunctionExpression JulianDay(SqlExpression time, RelationalTypeMapping real) =>
        new("julianday", [time], nullable: true, argumentsPropagateNullability: [true], typeof(double), real);
}
