using System.Globalization;
using DynamicClinic.Web.Infrastructure.Database;

namespace DynamicClinic.UnitTests.Infrastructure.Database;

/// <summary>The exact reader gives what Microsoft.Data.Sqlite's general parse gave, for every text it may meet.</summary>
public class SqliteDateTimeReadingTests
{
    [Theory]
    [InlineData("2026-01-04 07:00:00")]
    [InlineData("2026-01-04 07:00:00.5")]
    [InlineData("2026-01-04 07:00:00.25")]
    [InlineData("2026-12-31 23:59:59.9999999")]
    [InlineData("2028-02-29 12:30:15.0000001")]
    [InlineData("0001-01-01 00:00:00")]
    [InlineData("9999-12-31 23:59:59.9999999")]
    [InlineData("2026-01-04T07:00:00")]
    [InlineData("2026-01-04 07:00")]
    [InlineData("2026-01-04")]
    [InlineData(" 2026-01-04 07:00:00")]
    [InlineData("2026-01-04 07:00:00.")]
    public void GivesWhatTheGeneralParserGives(string text)
    {
        var expected = DateTime.Parse(text, CultureInfo.InvariantCulture);

        var read = SqliteDateTimeReading.Parse(text);

        Assert.Equal(expected, read);
        Assert.Equal(expected.Kind, read.Kind);
    }

    [Theory]
    [InlineData("2026-02-30 10:00:00")]
    [InlineData("2026-13-01 10:00:00")]
    [InlineData("2026-01-04 24:00:00")]
    [InlineData("2026-01-04 07:60:00")]
    [InlineData("not a date")]
    public void RefusesWhatTheGeneralParserRefuses(string text)
    {
        Assert.Throws<FormatException>(() => DateTime.Parse(text, CultureInfo.InvariantCulture));
        Assert.Throws<FormatException>(() => SqliteDateTimeReading.Parse(text));
    }

    [Fact]
    public void EveryFractionLengthEfCoreWritesRoundTrips()
    {
        var start = new DateTime(2026, 3, 1, 9, 15, 0, DateTimeKind.Unspecified);
        for (var ticks = 1L; ticks < TimeSpan.TicksPerSecond; ticks *= 10)
        {
            foreach (var value in new[] { start.AddTicks(ticks), start.AddTicks(ticks * 3), start.AddTicks(TimeSpan.TicksPerSecond - ticks) })
            {
                // The format EF Core's SQLite provider writes DateTime values in.
                var text = value.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture);
                Assert.Equal(value, SqliteDateTimeReading.Parse(text));
            }
        }
    }
}
