using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Clinicians;
using DynamicClinic.Domain.Rooms;
using DynamicClinic.Domain.Treatments;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Benchmarks;

/// <summary>
/// SQLite files with a given number of appointments for the availability benchmark, made once and kept in
/// <c>bench/results/data</c> (or <c>$BENCH_DATA</c>), so reruns start at once.
/// <para>
/// The data: every clinician works Monday to Saturday, 10:00 to 13:00 and 14:00 to 18:00 clinic time, and has about
/// six appointments (30 to 60 minutes, never overlapping) on a working day, with some cancelled, a week of leave twice a
/// year and ten clinic closures a year. The ten clinicians the benchmarks ask about (ids 1 to 10, who also give PRP,
/// which needs the PRP room) have appointments from 60 days before "now" to 90 days after it, the same at every size;
/// the table then grows by adding other clinicians with two years (2025 and 2026) of appointments each. So what changes
/// between 10,000 and 1,000,000 rows is only how much else the table holds, which is what an index has to cope with.
/// About one appointment in four holds a room, never two at once in one room: the ten's PRP appointments hold the PRP
/// room, the others' hold one of twenty other rooms, so the (RoomId, StartUtc) index grows with the table too.
/// Rows are inserted in order of start time across all clinicians, so one clinician's rows are spread over the table
/// as they would be after two years of real bookings.
/// </para>
/// <para>
/// No <see cref="ClinicianTimeBlock"/> or <see cref="RoomTimeBlock"/> rows are written: availability never reads them
/// (they only guard inserts).
/// </para>
/// </summary>
public static class BenchmarkDatabase
{
    /// <summary>Bump when the generated data changes, so cached files are made again.</summary>
    private const int GeneratorVersion = 3;

    public const string TimeZoneId = "Asia/Karachi";

    /// <summary>The clinician whose availability is measured.</summary>
    public const int MeasuredClinicianId = 1;

    public const string TreatmentSlug = "mesotherapy";

    public const int ConsultationMinutes = 30;

    /// <summary>Clinicians 1 to this one give PRP and have the same appointments at every size.</summary>
    public const int MeasuredClinicians = 10;

    /// <summary>The treatment that needs a room (id 2), and its length.</summary>
    public const string RoomTreatmentSlug = "prp";

    public const int RoomTreatmentMinutes = 45;

    /// <summary>The PRP room (id 1); rooms 2 to <see cref="RoomCount"/> are held by the other clinicians' appointments.</summary>
    public const int MeasuredRoomId = 1;

    private const int RoomCount = 21;

    private const int MeasuredDaysBefore = 60;

    private const int MeasuredDaysAfter = 90;

    private const int PatientCount = 20_000;

    public static readonly DateOnly FirstDay = new(2025, 1, 1);

    public static readonly DateOnly LastDay = new(2026, 12, 31);

    /// <summary>"Now" for the benchmark: a Monday morning in the middle of the data, so there are rows on both sides of the window.</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 5, 6, 0, 0, TimeSpan.FromHours(5));

    private static readonly (TimeOnly Start, TimeOnly End)[] DailyHours =
    [
        (new TimeOnly(10, 0), new TimeOnly(13, 0)),
        (new TimeOnly(14, 0), new TimeOnly(18, 0)),
    ];

    public static string DataFolder =>
        Environment.GetEnvironmentVariable("BENCH_DATA") is { Length: > 0 } folder
            ? folder
            : Path.Combine(BenchRoot, "results", "data");

    /// <summary>The <c>bench</c> folder of the repository (found from the build output upwards), or the current folder.</summary>
    public static string BenchRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "bench", "lib.sh")))
                {
                    return Path.Combine(dir.FullName, "bench");
                }
            }

            return Directory.GetCurrentDirectory();
        }
    }

    public static DbContextOptions<ClinicDbContext> Options(string path)
    {
        // The same connection string and provider settings the site uses (pooling on, 30 s busy timeout).
        var connectionString = DatabaseServiceCollectionExtensions.ResolveConnectionString(
            new DatabaseOptions { ConnectionString = $"Data Source={path}" }, DataFolder);
        var builder = new DbContextOptionsBuilder<ClinicDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, DatabaseProvider.Sqlite, connectionString);
        return builder.Options;
    }

    /// <summary>The path of a database with <paramref name="appointments"/> appointments, generating it if it is not cached.</summary>
    public static async Task<string> EnsureAsync(int appointments, TextWriter log)
    {
        Directory.CreateDirectory(DataFolder);
        string lastMigration;
        await using (var probe = new ClinicDbContext(Options(":memory:")))
        {
            lastMigration = probe.Database.GetMigrations().Last();
        }

        var path = Path.Combine(DataFolder, $"availability-{appointments}-g{GeneratorVersion}-{lastMigration}.db");
        if (File.Exists(path))
        {
            return path;
        }

        var stopwatch = Stopwatch.StartNew();
        var building = path + ".building";
        DeleteDatabaseFiles(building);
        await GenerateAsync(building, appointments);
        SqliteConnection.ClearAllPools();
        File.Move(building, path);
        await log.WriteLineAsync($"Generated {path} in {stopwatch.Elapsed.TotalSeconds:0.0} s");
        return path;
    }

    private static void DeleteDatabaseFiles(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }
    }

    private static async Task GenerateAsync(string path, int appointmentCount)
    {
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
        var generated = GenerateAppointments(appointmentCount, timeZone, out var clinicianCount);

        // Schema from the real migrations; the small tables through EF, appointments with raw SQL.
        await using (var db = new ClinicDbContext(Options(path)))
        {
            await db.Database.MigrateAsync();
            var rooms = Enumerable.Range(1, RoomCount).Select(i => new Room { Name = i == MeasuredRoomId ? "PRP room" : $"Bench room {i}" }).ToList();
            db.Rooms.AddRange(rooms);
            await db.SaveChangesAsync();
            var treatment = new Treatment { Slug = TreatmentSlug, Name = "Mesotherapy", ConsultationMinutes = ConsultationMinutes, SessionMinutes = 45 };
            var roomTreatment = new Treatment
            {
                Slug = RoomTreatmentSlug,
                Name = "PRP",
                ConsultationMinutes = RoomTreatmentMinutes,
                SessionMinutes = RoomTreatmentMinutes,
                RoomId = rooms[MeasuredRoomId - 1].Id,
            };
            db.Treatments.AddRange(treatment, roomTreatment);
            for (var id = 1; id <= clinicianCount; id++)
            {
                var clinician = new Clinician { DisplayName = $"Dr Bench {id}", Title = "Hair-loss specialist" };
                clinician.Treatments.Add(treatment);
                if (id <= MeasuredClinicians)
                {
                    clinician.Treatments.Add(roomTreatment);
                }

                foreach (var day in Enum.GetValues<DayOfWeek>().Where(d => d != DayOfWeek.Sunday))
                {
                    foreach (var (start, end) in DailyHours)
                    {
                        clinician.WorkingHours.Add(new WorkingHours { DayOfWeek = day, Start = start, End = end });
                    }
                }

                // A week of leave in spring and in autumn, different weeks for different clinicians.
                foreach (var leave in new[] { new DateOnly(2025, 3, 3), new DateOnly(2025, 9, 1), new DateOnly(2026, 3, 2), new DateOnly(2026, 9, 7) })
                {
                    var first = leave.AddDays(7 * (id % 8));
                    clinician.TimeOff.Add(new TimeOff
                    {
                        StartUtc = ToUtc(first, TimeOnly.MinValue, timeZone),
                        EndUtc = ToUtc(first.AddDays(7), TimeOnly.MinValue, timeZone),
                        Reason = "Annual leave",
                    });
                }

                db.Clinicians.Add(clinician);
            }

            db.ClinicClosures.AddRange(Closures().Select(d => new ClinicClosure { Date = d, Reason = "Public holiday" }));
            await db.SaveChangesAsync();
        }

        // EF Core's pooled connection would keep the WAL file open and block the journal mode change below.
        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;");
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync())
        {
            await InsertPatientsAsync(connection, transaction);
            await InsertAppointmentsAsync(connection, transaction, generated);
            await transaction.CommitAsync();
        }

        // As the site leaves it after migrating (DatabaseStartup sets WAL). No ANALYZE: the site never runs it either.
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;");
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static IEnumerable<DateOnly> Closures()
    {
        (int Month, int Day)[] holidays = [(2, 5), (3, 23), (5, 1), (5, 28), (8, 14), (11, 9), (12, 25), (4, 1), (6, 17), (7, 6)];
        foreach (var year in new[] { 2025, 2026 })
        {
            foreach (var (month, day) in holidays)
            {
                yield return new DateOnly(year, month, day);
            }
        }
    }

    private readonly record struct GeneratedAppointment(int ClinicianId, DateTime StartUtc, int Minutes, AppointmentStatus Status, AppointmentSource Source, int TreatmentId, int? RoomId);

    /// <summary>
    /// The measured ten first (the same at every size), then as many more clinicians as it takes to reach the count;
    /// each clinician's days from its own seeded random.
    /// </summary>
    private static List<GeneratedAppointment> GenerateAppointments(int count, TimeZoneInfo timeZone, out int clinicianCount)
    {
        var all = new List<GeneratedAppointment>(count);
        var now = Now.UtcDateTime;
        var today = DateOnly.FromDateTime(Now.DateTime);
        // Five-minute blocks each room is held for, as the site's RoomTimeBlocks would have it: no room is double-booked.
        var roomBlocks = Enumerable.Range(0, RoomCount + 1).Select(_ => new HashSet<long>()).ToArray();
        var closures = Closures().ToHashSet();
        clinicianCount = 0;
        while (clinicianCount < MeasuredClinicians || all.Count < count)
        {
            clinicianCount++;
            var measured = clinicianCount <= MeasuredClinicians;
            var random = new Random(clinicianCount);
            var (firstDay, lastDay) = measured ? (today.AddDays(-MeasuredDaysBefore), today.AddDays(MeasuredDaysAfter)) : (FirstDay, LastDay);
            for (var day = firstDay; day <= lastDay && (measured || all.Count < count); day = day.AddDays(1))
            {
                if (day.DayOfWeek == DayOfWeek.Sunday || closures.Contains(day))
                {
                    continue;
                }

                foreach (var (start, end) in DailyHours)
                {
                    var at = start;
                    while (at.AddMinutes(ConsultationMinutes) <= end && (measured || all.Count < count))
                    {
                        var minutes = random.Next(4) switch { 0 => 45, 1 => 60, _ => 30 };
                        if (random.NextDouble() < 0.5 || at.AddMinutes(minutes) > end)
                        {
                            at = at.AddMinutes(15);
                            continue;
                        }

                        var startUtc = ToUtc(day, at, timeZone);
                        var treatmentId = 1;
                        int? roomId = null;
                        if (random.NextDouble() < 0.25)
                        {
                            var room = measured ? MeasuredRoomId : 2 + (clinicianCount % (RoomCount - 1));
                            var blocks = Enumerable.Range(0, minutes / 5).Select(k => startUtc.AddMinutes(5 * k).Ticks / TimeSpan.TicksPerMinute).ToList();
                            if (!blocks.Any(roomBlocks[room].Contains))
                            {
                                roomBlocks[room].UnionWith(blocks);
                                roomId = room;
                                treatmentId = measured ? 2 : 1;
                            }
                        }

                        var status = random.NextDouble() < 0.06 ? AppointmentStatus.Cancelled
                            : startUtc >= now ? AppointmentStatus.Booked
                            : random.NextDouble() < 0.05 ? AppointmentStatus.NoShow
                            : AppointmentStatus.Completed;
                        var source = (AppointmentSource)random.Next(3);
                        all.Add(new GeneratedAppointment(clinicianCount, startUtc, minutes, status, source, treatmentId, roomId));
                        at = at.AddMinutes(minutes);
                    }
                }
            }
        }

        // In order of time across clinicians, as two years of bookings would have filled the table.
        all.Sort((a, b) => a.StartUtc != b.StartUtc ? a.StartUtc.CompareTo(b.StartUtc) : a.ClinicianId.CompareTo(b.ClinicianId));
        return all;
    }

    private static DateTime ToUtc(DateOnly day, TimeOnly time, TimeZoneInfo timeZone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(time), timeZone), DateTimeKind.Utc);

    private static async Task InsertPatientsAsync(SqliteConnection connection, SqliteTransaction transaction)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO Patients (FullName, PhoneE164, Email, CreatedUtc, UpdatedUtc, Version) VALUES ($name, $phone, $email, $created, $created, $version)";
        var name = command.Parameters.Add("$name", SqliteType.Text);
        var phone = command.Parameters.Add("$phone", SqliteType.Text);
        var email = command.Parameters.Add("$email", SqliteType.Text);
        var created = command.Parameters.Add("$created", SqliteType.Text);
        var version = command.Parameters.Add("$version", SqliteType.Text);
        await command.PrepareAsync();
        for (var i = 1; i <= PatientCount; i++)
        {
            name.Value = $"Bench Patient {i}";
            phone.Value = $"+92300{i:D7}";
            email.Value = $"patient{i}@example.test";
            created.Value = Text(FirstDay.ToDateTime(TimeOnly.MinValue).AddMinutes(i));
            version.Value = Guid.NewGuid().ToString().ToUpperInvariant();
            command.ExecuteNonQuery();
        }
    }

    private static async Task InsertAppointmentsAsync(SqliteConnection connection, SqliteTransaction transaction, List<GeneratedAppointment> appointments)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO Appointments (Reference, PatientId, ClinicianId, TreatmentId, RoomId, StartUtc, EndUtc, Status, Source, MainConcern,
                IdempotencyKeyHash, CreatedUtc, UpdatedUtc, Version, CalendarSequence)
            VALUES ($reference, $patient, $clinician, $treatment, $room, $start, $end, $status, $source, 'thinning', $idempotency, $created, $created, $version, 0)
            """;
        var reference = command.Parameters.Add("$reference", SqliteType.Text);
        var patient = command.Parameters.Add("$patient", SqliteType.Integer);
        var clinician = command.Parameters.Add("$clinician", SqliteType.Integer);
        var treatment = command.Parameters.Add("$treatment", SqliteType.Integer);
        var room = command.Parameters.Add("$room", SqliteType.Integer);
        var start = command.Parameters.Add("$start", SqliteType.Text);
        var end = command.Parameters.Add("$end", SqliteType.Text);
        var status = command.Parameters.Add("$status", SqliteType.Text);
        var source = command.Parameters.Add("$source", SqliteType.Text);
        var idempotency = command.Parameters.Add("$idempotency", SqliteType.Text);
        var created = command.Parameters.Add("$created", SqliteType.Text);
        var version = command.Parameters.Add("$version", SqliteType.Text);
        await command.PrepareAsync();

        var random = new Random(12345);
        var seed = new byte[8];
        for (var i = 0; i < appointments.Count; i++)
        {
            var a = appointments[i];
            reference.Value = UniqueReference(i);
            patient.Value = random.Next(1, PatientCount + 1);
            clinician.Value = a.ClinicianId;
            treatment.Value = a.TreatmentId;
            room.Value = a.RoomId is { } roomId ? roomId : DBNull.Value;
            start.Value = Text(a.StartUtc);
            end.Value = Text(a.StartUtc.AddMinutes(a.Minutes));
            status.Value = a.Status.ToString();
            source.Value = a.Source.ToString();
            if (a.Source == AppointmentSource.Online)
            {
                // Manage links live in their own table since ManageLinksAndDuplicateFlags; availability never reads them.
                BitConverter.TryWriteBytes(seed, (long)i);
                seed[7] = 0xFF;
                idempotency.Value = Convert.ToHexString(SHA256.HashData(seed));
            }
            else
            {
                idempotency.Value = DBNull.Value;
            }

            created.Value = Text(a.StartUtc.AddDays(-random.Next(1, 30)));
            version.Value = new Guid(random.Next(), (short)random.Next(), (short)random.Next(), (byte)random.Next(), 0, 0, 0, 0, 0, 0, (byte)(i & 0xFF))
                .ToString().ToUpperInvariant();

            // Microsoft.Data.Sqlite runs "async" commands synchronously anyway; the plain call skips a Task per row.
            command.ExecuteNonQuery();
        }
    }

    /// <summary>EF Core's SQLite text format for DateTime, so range comparisons in SQL match what the site writes.</summary>
    private static string Text(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    /// <summary>A distinct reference per row in the site's format (DC- and six letters of its alphabet): i scrambled by a bijection.</summary>
    private static string UniqueReference(int i)
    {
        var alphabet = BookingReference.Alphabet;
        var space = 1L;
        for (var k = 0; k < BookingReference.RandomLength; k++)
        {
            space *= alphabet.Length;
        }

        // 1,000,003 is prime and shares no factor with 23^6, so i -> i * p mod 23^6 is one to one.
        var n = i * 1_000_003L % space;
        var text = new StringBuilder(BookingReference.Prefix, BookingReference.Prefix.Length + BookingReference.RandomLength);
        Span<char> chars = stackalloc char[BookingReference.RandomLength];
        for (var k = chars.Length - 1; k >= 0; k--)
        {
            chars[k] = alphabet[(int)(n % alphabet.Length)];
            n /= alphabet.Length;
        }

        return text.Append(chars).ToString();
    }
}
