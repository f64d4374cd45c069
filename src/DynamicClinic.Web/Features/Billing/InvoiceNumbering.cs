using DynamicClinic.Data;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Billing;

/// <summary>
/// The next number of a year's gap-free sequence. Called inside the transaction that saves the invoice it numbers:
/// the counter row's UPDATE locks it until that transaction ends (SQL Server's row lock; SQLite's one writer), so
/// concurrent issues on any number of servers queue for it, and a transaction that fails gives its number back by
/// rolling back. The unique index on the number is the last word.
/// </summary>
public static class InvoiceNumbering
{
    /// <returns>The number, or null when another server created the year's counter at the same moment (retry the transaction).</returns>
    public static async Task<int?> NextAsync(ClinicDbContext db, int year, CancellationToken cancellationToken)
    {
        var updated = await db.InvoiceNumberCounters.Where(c => c.Year == year)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastNumber, c => c.LastNumber + 1), cancellationToken);
        if (updated == 0)
        {
            // The year's first invoice. Two servers may both get here; the key lets one insert and the other retry.
            try
            {
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"INSERT INTO \"InvoiceNumberCounters\" (\"Year\", \"LastNumber\") VALUES ({year}, 1)", cancellationToken);
            }
            catch (Exception exception) when (Infrastructure.Database.DbErrors.IsUniqueViolation(exception))
            {
                return null;
            }

            return 1;
        }

        return await db.InvoiceNumberCounters.Where(c => c.Year == year).Select(c => c.LastNumber).SingleAsync(cancellationToken);
    }
}
