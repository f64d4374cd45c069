using DynamicClinic.Domain.Appointments;
using DynamicClinic.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Infrastructure.Database;

/// <summary>
/// A unique-key refusal (a lost booking race) is expected and logged by our code at Information; EF Core's own Error
/// events for it are dropped. Any other database failure is still logged at Error.
/// </summary>
public class ExpectedDatabaseErrorsLoggingTests : IClassFixture<ExpectedDatabaseErrorsLoggingTests.Factory>, IAsyncLifetime
{
    public sealed class Factory : ClinicAppFactory;

    private readonly Factory _factory;

    public ExpectedDatabaseErrorsLoggingTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => await _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ATimeBlockTakenTwiceLeavesNoErrorInTheLogButAnotherDatabaseFailureDoes()
    {
        var taken = await _factory.WithDbAsync(db => db.ClinicianTimeBlocks.AsNoTracking().FirstAsync());

        // The app's own DbContext and logging: the same key inserted again, as when two patients confirm one time.
        var refused = await _factory.WithDbAsync(async db =>
        {
            db.ClinicianTimeBlocks.Add(new ClinicianTimeBlock { ClinicianId = taken.ClinicianId, StartUtc = taken.StartUtc, AppointmentId = taken.AppointmentId });
            return await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        });
        // Then a failure that is not expected: it must still be an Error, and it marks where the log has got to.
        await _factory.WithDbAsync(db => Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("SELECT * FROM NoSuchTableForTheLogTest")));

        Assert.True(Web.Infrastructure.Database.DbErrors.IsUniqueViolation(refused));
        var lines = await LogLinesUntilAsync(l => l.Contains("NoSuchTableForTheLogTest", StringComparison.Ordinal));
        var errors = lines.Where(l => l.Contains("\"@l\":\"Error\"", StringComparison.Ordinal)).ToList();
        // Logged with its exception, so the reason is in the log.
        Assert.Contains(errors, l => l.Contains("NoSuchTableForTheLogTest", StringComparison.Ordinal) && l.Contains("no such table", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, l => l.Contains("ClinicianTimeBlocks", StringComparison.Ordinal) || l.Contains("UNIQUE constraint", StringComparison.Ordinal));
    }

    private async Task<string[]> LogLinesUntilAsync(Func<string, bool> seen)
    {
        // The file sink writes in the background; give it a moment, bounded.
        string[] lines = [];
        for (var i = 0; i < 100 && !lines.Any(seen); i++)
        {
            await Task.Delay(100);
            lines = Directory.Exists(_factory.LogFolder)
                ? Directory.GetFiles(_factory.LogFolder, "dynamicclinic-*.log").SelectMany(ReadShared).ToArray()
                : [];
        }

        Assert.Contains(lines, l => seen(l));
        return lines;
    }

    private static string[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
