using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Clinicians;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.TestSupport;
using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Infrastructure.Email;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace DynamicClinic.IntegrationTests.Infrastructure.Database;

/// <summary>
/// The built site run as in production (its own process, Production environment, HTTPS on 127.0.0.1, a SQLite file)
/// is killed with SIGKILL while patients are confirming bookings, then started again on the same file. What the
/// patients were told is compared with what is stored.
/// </summary>
[Trait("Database", TestDatabase.SqliteOnly)]
public sealed class KillDuringBookingsTests(ITestOutputHelper output) : IDisposable
{
    private const string Treatment = "mesotherapy";
    private const int Visitors = 80;
    private const int ConcurrentPatients = 8;
    private const int KillAfterBooked = 15;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dynamicclinic-tests", "kill-" + Guid.NewGuid().ToString("N"));
    private SiteProcess? _site;

    private string DatabasePath => Path.Combine(_folder, "clinic.db");

    public void Dispose()
    {
        _site?.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans its temp folder later.
        }
    }

    [Fact]
    public async Task KillingTheSiteMidLoadLosesNoConfirmedBookingAndLeavesNoneHalfWritten()
    {
        Directory.CreateDirectory(_folder);
        await File.WriteAllBytesAsync(Path.Combine(_folder, "site.pfx"), LoopbackHttps.Certificate.Export(X509ContentType.Pfx));
        using var http = LoopbackHttps.CreateClient(connections: 32);
        var stopwatch = Stopwatch.StartNew();
        _site = await SiteProcess.StartAsync(Environment(), DatabaseStartup.MigrateSwitch);
        await _site.WaitUntilHealthyAsync(http);
        output.WriteLine($"Started (and created its database) in {stopwatch.Elapsed.TotalSeconds:0.0} s");
        await AddClinicAsync();

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var slots = BookingVisitorOverHttp.NonOverlapping(await BookingVisitorOverHttp.FreeSlotsAsync(http, _site.BaseAddress, Treatment, today, today.AddDays(14)));
        Assert.True(slots.Count >= Visitors, $"Only {slots.Count} free times.");
        var visitors = slots.Take(Visitors).Select((s, i) => new BookingVisitorOverHttp(http, i, Treatment, s.Slot)).ToList();
        stopwatch.Restart();
        await Parallel.ForEachAsync(visitors, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (v, _) => await v.PrepareAsync(_site.BaseAddress));
        output.WriteLine($"Prepared {visitors.Count} review pages in {stopwatch.Elapsed.TotalSeconds:0.0} s");

        // Patients confirm, a dozen at a time; once enough have been told "booked", the process is killed mid-stream.
        stopwatch.Restart();
        var queue = new ConcurrentQueue<BookingVisitorOverHttp>(visitors);
        var outcomes = new ConcurrentDictionary<int, ConfirmOutcome>();
        var booked = 0;
        using var killed = new CancellationTokenSource();
        var patients = Enumerable.Range(0, ConcurrentPatients).Select(_ => Task.Run(async () =>
        {
            while (!killed.IsCancellationRequested && queue.TryDequeue(out var visitor))
            {
                var outcome = await visitor.ConfirmAsync(_site.BaseAddress);
                outcomes[visitor.Index] = outcome;
                if (outcome == ConfirmOutcome.Booked)
                {
                    Interlocked.Increment(ref booked);
                }
            }
        })).ToArray();
        while (Volatile.Read(ref booked) < KillAfterBooked && !patients.All(p => p.IsCompleted))
        {
            await Task.Delay(5);
        }

        await killed.CancelAsync();
        await _site.KillAsync();
        await Task.WhenAll(patients);
        output.WriteLine($"Killed after {stopwatch.Elapsed.TotalSeconds:0.0} s of confirmations: "
            + string.Join(", ", outcomes.Values.GroupBy(o => o).Select(g => $"{g.Count()} {g.Key}")) + $", {queue.Count} not sent");

        var told = visitors.Where(v => outcomes.GetValueOrDefault(v.Index) == ConfirmOutcome.Booked).ToList();
        var unanswered = visitors.Where(v => outcomes.GetValueOrDefault(v.Index) == ConfirmOutcome.NoAnswer).ToList();
        Assert.Empty(visitors.Where(v => outcomes.GetValueOrDefault(v.Index) is ConfirmOutcome.Other or ConfirmOutcome.Taken).Select(v => v.Problem));
        Assert.True(told.Count >= KillAfterBooked, "The kill came before the load was under way.");
        Assert.True(unanswered.Count + queue.Count > 0, "The kill came after the load was over.");

        // The same file, started again: no repair step, no migration needed.
        stopwatch.Restart();
        _site.Dispose();
        _site = await SiteProcess.StartAsync(Environment());
        await _site.WaitUntilHealthyAsync(http);
        output.WriteLine($"Restarted in {stopwatch.Elapsed.TotalSeconds:0.0} s");
        using (var manage = await http.GetAsync(new Uri(_site.BaseAddress, told[^1].ManageLink!)))
        {
            Assert.Equal(HttpStatusCode.OK, manage.StatusCode);
            Assert.Contains(told[^1].Reference!, await manage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await using var db = OpenDatabase();
        Assert.Equal("ok", await IntegrityCheckAsync(db));
        var stored = await db.Appointments.AsNoTracking()
            .Where(a => a.Patient!.PhoneE164.StartsWith("+92301"))
            .Select(a => new
            {
                a.Id,
                a.Reference,
                a.Status,
                a.Patient!.PhoneE164,
                a.StartUtc,
                a.EndUtc,
                Blocks = a.TimeBlocks.Count,
                Confirmations = db.OutboxMessages.Count(m => m.AppointmentId == a.Id && m.Kind == EmailKinds.BookingConfirmed),
                Audited = db.AuditEntries.Count(e => e.EntityId == a.Reference && e.Action == AuditActions.AppointmentBooked),
            })
            .ToListAsync();

        // Every patient told "booked" has that booking, complete: appointment, time blocks, confirmation email, audit entry.
        Assert.All(told, v =>
        {
            var appointment = Assert.Single(stored, a => a.Reference == v.Reference);
            Assert.Equal(v.PhoneE164, appointment.PhoneE164);
            Assert.Equal(AppointmentStatus.Booked, appointment.Status);
        });

        // Whatever else was saved belongs to a patient whose request got no answer, and is just as complete.
        Assert.All(stored, a =>
        {
            Assert.Contains(a.PhoneE164, told.Concat(unanswered).Select(v => v.PhoneE164));
            Assert.Equal((int)(a.EndUtc - a.StartUtc).TotalMinutes / ClinicianTimeBlock.Minutes, a.Blocks);
            Assert.Equal(1, a.Confirmations);
            Assert.Equal(1, a.Audited);
        });
        Assert.Equal(stored.Count, stored.Select(a => a.PhoneE164).Distinct().Count());
        Assert.Empty(await db.Patients.Where(p => p.PhoneE164.StartsWith("+92301") && !db.Appointments.Any(a => a.PatientId == p.Id)).Select(p => p.Id).ToListAsync());
        Assert.Empty(await db.ClinicianTimeBlocks.Where(b => !db.Appointments.Any(a => a.Id == b.AppointmentId)).Select(b => b.AppointmentId).ToListAsync());
        output.WriteLine($"Stored: {stored.Count} bookings for {told.Count} patients told booked and {unanswered.Count} unanswered");

        // The restarted site sends every confirmation, including any the killed one had claimed but not finished.
        var ids = stored.Select(a => a.Id).ToList();
        stopwatch.Restart();
        await Email.Eventually.WaitForAsync(
            async () =>
            {
                await using var check = OpenDatabase();
                return await check.OutboxMessages.CountAsync(m => ids.Contains(m.AppointmentId!.Value) && m.SentUtc == null);
            },
            unsent => unsent == 0,
            "the restarted site to send every stored confirmation");
        output.WriteLine($"All confirmations sent {stopwatch.Elapsed.TotalSeconds:0.0} s after the restart");
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Database__Provider"] = "Sqlite",
        ["Database__ConnectionString"] = $"Data Source={DatabasePath}",
        ["Kestrel__Endpoints__Https__Url"] = "https://127.0.0.1:0",
        ["Kestrel__Endpoints__Https__Certificate__Path"] = Path.Combine(_folder, "site.pfx"),
        ["Email__PickupDirectory"] = Path.Combine(_folder, "mail"),
        // Keys protected as production's should be: no "keys unencrypted" warning at each start.
        ["DataProtection__Certificate__Path"] = TestKeyCertificate.Path,
        ["DataProtection__Certificate__Password"] = TestKeyCertificate.Password,
        ["Email__PollInterval"] = "00:00:00.200",
        // A message the killed process had claimed is picked up again after its claim runs out: seconds, not minutes.
        // (The lease must outlast four SMTP timeouts; this site writes to a pickup folder and never uses SMTP.)
        ["Email__ClaimLease"] = "00:00:05",
        ["Email__Smtp__TimeoutSeconds"] = "1",
        ["Email__SendReminders"] = "false",
        // Every patient here comes from 127.0.0.1: the per-client limit would otherwise stop the test, not the kill.
        ["Booking__BookingRequestsPerMinute"] = "100000",
        ["Booking__SlotRequestsPerMinute"] = "100000",
        ["Serilog__WriteTo__File__Args__path"] = Path.Combine(_folder, "logs", "dynamicclinic-.log"),
    };

    /// <summary>The clinic's treatments and two clinicians offering mesotherapy six days a week, as an admin would set them up.</summary>
    private async Task AddClinicAsync()
    {
        await using var db = OpenDatabase();
        var treatments = DemoDataSeeder.ClinicTreatments();
        db.Treatments.AddRange(treatments);
        foreach (var name in new[] { "Dr Kill Test One", "Dr Kill Test Two" })
        {
            var clinician = new Clinician { DisplayName = name };
            clinician.Treatments.Add(treatments.Single(t => t.Slug == Treatment));
            foreach (var day in Enum.GetValues<DayOfWeek>().Where(d => d != DayOfWeek.Sunday))
            {
                clinician.WorkingHours.Add(new WorkingHours { DayOfWeek = day, Start = new TimeOnly(10, 0), End = new TimeOnly(18, 0) });
            }

            db.Clinicians.Add(clinician);
        }

        await db.SaveChangesAsync();
    }

    private static async Task<string?> IntegrityCheckAsync(ClinicDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string?)await command.ExecuteScalarAsync();
    }

    private ClinicDbContext OpenDatabase()
    {
        var options = new DbContextOptionsBuilder<ClinicDbContext>();
        DatabaseServiceCollectionExtensions.Configure(options, DatabaseProvider.Sqlite, $"Data Source={DatabasePath};Pooling=False");
        return new ClinicDbContext(options.Options);
    }
}
