using DynamicClinic.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace DynamicClinic.IntegrationTests.Infrastructure.Database;

/// <summary>The site's SQLite context reads DateTime columns with the exact reader, and reads them as before.</summary>
public class SqliteDateTimeReadingTests
{
    [Fact]
    public async Task TheSitesContextReadsDateTimesWithTheExactReaderAndGetsTheSameValues()
    {
        await using var site = new ClinicAppFactory();

        var (readerMethod, values) = await site.WithDbAsync(async db =>
        {
            var mapping = db.GetService<IRelationalTypeMappingSource>().FindMapping(typeof(DateTime))!;
            var read = await db.Database
                .SqlQueryRaw<DateTime>("SELECT '2026-01-04 07:00:00' AS Value UNION ALL SELECT '2026-01-04 07:00:00.1234567' UNION ALL SELECT '2026-01-04T07:00:00' ORDER BY 1")
                .ToListAsync();
            return (mapping.GetDataReaderMethod().Name, read);
        });

        Assert.Equal(nameof(System.Data.Common.DbDataReader.GetString), readerMethod);
        var seven = new DateTime(2026, 1, 4, 7, 0, 0, DateTimeKind.Unspecified);
        Assert.Equal([seven, seven, seven.AddTicks(1_234_567)], values.OrderBy(v => v.Ticks).ToList());
        Assert.All(values, v => Assert.Equal(DateTimeKind.Unspecified, v.Kind));
    }
}
