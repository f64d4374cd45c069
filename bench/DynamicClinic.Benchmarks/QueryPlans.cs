using System.Data.Common;
using System.Globalization;
using System.Text;
using DynamicClinic.Data;
using DynamicClinic.Web.Features.Booking;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Infrastructure;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Benchmarks;

/// <summary>
/// <c>explain [appointments]</c>: runs <see cref="AvailabilityQuery.LoadAsync"/> once, captures the SQL EF Core sends, and
/// writes it with its parameters filled in to <c>bench/results/availability-queries.sql</c>, each statement preceded by
/// <c>EXPLAIN QUERY PLAN</c>, for <c>sqlite3 DB &lt; that file</c>. Prints the database path and the SQL.
/// </summary>
public static class QueryPlans
{
    public static async Task<string> WriteAsync(int appointments)
    {
        var path = await BenchmarkDatabase.EnsureAsync(appointments, Console.Out);
        var capture = new CommandCapture();
        var builder = new DbContextOptionsBuilder<ClinicDbContext>(BenchmarkDatabase.Options(path)).AddInterceptors(capture);
        var clock = new ClinicClock(new FixedTimeProvider(BenchmarkDatabase.Now), Options.Create(new ClinicOptions { TimeZoneId = BenchmarkDatabase.TimeZoneId }));
        var from = DateOnly.FromDateTime(BenchmarkDatabase.Now.DateTime);

        await using (var db = new ClinicDbContext(builder.Options))
        {
            var query = new AvailabilityQuery(db, clock, BenchmarkSettings.For(db, clock));
            await query.LoadAsync([BenchmarkDatabase.MeasuredClinicianId], from, from.AddDays(29));

            // And as /book/slots?clinician=any asks, for two clinicians at once.
            await query.LoadAsync([BenchmarkDatabase.MeasuredClinicianId, BenchmarkDatabase.MeasuredClinicianId + 1], from, from.AddDays(6));

            // And for PRP, which needs the PRP room, with any of the ten clinicians over 60 days: the room's own range scan.
            await query.LoadAsync(Enumerable.Range(1, BenchmarkDatabase.MeasuredClinicians).ToArray(), from, from.AddDays(59), roomId: BenchmarkDatabase.MeasuredRoomId);
        }

        var script = new StringBuilder();
        foreach (var (sent, sql) in capture.Statements)
        {
            script.Append(".print \"-- As EF Core sends it:\"\n");
            foreach (var line in sent.Split('\n'))
            {
                script.Append(".print \"--   ").Append(line.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"\n");
            }

            script.Append("EXPLAIN QUERY PLAN\n").Append(sql).Append(";\n\n");
        }

        var output = Path.Combine(BenchmarkDatabase.BenchRoot, "results", "availability-queries.sql");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, script.ToString());
        Console.WriteLine($"Database: {path}");
        Console.WriteLine($"Queries:  {output}");
        Console.WriteLine();
        Console.WriteLine(script);
        return output;
    }

    private sealed class CommandCapture : DbCommandInterceptor
    {
        public List<(string Sent, string WithValues)> Statements { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            var sql = command.CommandText;
            var sent = sql + "\n" + string.Join(", ", command.Parameters.Cast<SqliteParameter>().Select(p => $"{p.ParameterName}={Literal(p.Value)}"));
            // Longest names first, so @p1 does not replace the start of @p10.
            foreach (var parameter in command.Parameters.Cast<SqliteParameter>().OrderByDescending(p => p.ParameterName.Length))
            {
                sql = sql.Replace(parameter.ParameterName, Literal(parameter.Value), StringComparison.Ordinal);
            }

            Statements.Add((sent, sql));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        // The values as SQLite receives them from Microsoft.Data.Sqlite (DateTime and DateOnly as ISO text).
        private static string Literal(object? value) => value switch
        {
            null or DBNull => "NULL",
            DateTime d => $"'{d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)}'",
            DateOnly d => $"'{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'",
            TimeOnly t => $"'{t.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture)}'",
            string s => $"'{s.Replace("'", "''", StringComparison.Ordinal)}'",
            bool b => b ? "1" : "0",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => $"'{value}'",
        };
    }
}
