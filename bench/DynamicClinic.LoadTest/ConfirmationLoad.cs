using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;

namespace DynamicClinic.LoadTest;

public sealed record SlotJson(string Slot, int ClinicianId, DateTimeOffset Start, DateTimeOffset End);

public sealed record SlotsJson(string Treatment, List<SlotJson> Slots);

public sealed record LoadReport(int Attempted, int Booked, int Failed, TimeSpan Elapsed, bool Passed);

/// <summary>
/// Three phases, as patients would go through the flow, but with the last step fired at once by many of them:
/// <list type="number">
/// <item>Slots: <c>GET /book/slots</c> over the next days; per clinician, free slots that do not overlap each other, so
/// every confirmation can succeed.</item>
/// <item>Prepare (not timed): one virtual client per slot, with its own cookies, opens the details page, posts its details
/// and keeps the review page's hidden fields (antiforgery token, booking attempt).</item>
/// <item>Warm-up (not timed): the first <c>--warmup</c> clients confirm, so that the JIT has compiled the confirm path
/// (and recompiled it at tier 1) before anything is timed, as on a site that has been up for a while; then a pause
/// until the site is idle.</item>
/// <item>Confirm (timed): the rest, <c>--workers</c> concurrent POSTs of <c>/book/confirm</c>; success is the 302 to
/// <c>/booking/{reference}?token=...</c>.</item>
/// </list>
/// Then, with <c>--db</c>, the appointments, time blocks and outbox messages added are counted in the database.
/// </summary>
public static class ConfirmationLoad
{
    private const int MinutesPerBlock = 5;

    public static async Task<LoadReport> RunAsync(LoadOptions options, TextWriter output)
    {
        using var handler = new SocketsHttpHandler
        {
            // Cookies are kept per virtual client below, not per connection.
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = Math.Max(options.Workers, options.PrepareWorkers),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        using var http = new HttpClient(handler) { BaseAddress = options.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };

        // 1. Slots: the timed ones, and for the warm-up another treatment's slots with clinicians the timed ones do not use.
        var stopwatch = Stopwatch.StartNew();
        var slots = await FreeSlotsAsync(http, options.Treatment, options.Days);
        var timedSlots = NonOverlapping(slots).Take(options.MaxConfirmations).Select(s => (options.Treatment, Slot: s)).ToList();
        var timedClinicians = slots.Select(s => s.ClinicianId).ToHashSet();
        var warmupSlots = new List<(string Treatment, SlotJson Slot)>();
        if (options.Warmup > 0 && options.WarmupTreatment is { Length: > 0 } warmupTreatment)
        {
            var other = (await FreeSlotsAsync(http, warmupTreatment, options.Days)).Where(s => !timedClinicians.Contains(s.ClinicianId)).ToList();
            warmupSlots = [.. NonOverlapping(other).Take(options.Warmup).Select(s => (warmupTreatment, Slot: s))];
        }

        if (options.Warmup > 0 && warmupSlots.Count == 0)
        {
            // No other clinician to warm up with: use a quarter of the timed slots.
            var count = Math.Min(options.Warmup, timedSlots.Count / 4);
            warmupSlots = timedSlots[..count];
            timedSlots = timedSlots[count..];
        }

        await output.WriteLineAsync(
            $"Slots: {slots.Count} free {options.Treatment} slots over {options.Days} days for clinicians {string.Join(", ", timedClinicians.Order())}; "
            + $"{timedSlots.Count} that do not overlap will be booked, timed; {warmupSlots.Count} "
            + $"({string.Join(", ", warmupSlots.Select(s => $"{s.Treatment} with clinician {s.Slot.ClinicianId}").Distinct())}) first, as warm-up ({stopwatch.Elapsed.TotalSeconds:0.0} s)");
        if (timedSlots.Count == 0)
        {
            await output.WriteLineAsync("No free slots: nothing to confirm.");
            return new LoadReport(0, 0, 0, TimeSpan.Zero, false);
        }

        // 2. Review pages, one virtual client per slot.
        stopwatch.Restart();
        var runTag = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var prepared = new ConcurrentBag<VirtualClient>();
        var prepareErrors = 0;
        await Parallel.ForEachAsync(
            warmupSlots.Concat(timedSlots).Select((item, i) => (item.Treatment, item.Slot, i)),
            new ParallelOptions { MaxDegreeOfParallelism = options.PrepareWorkers },
            async (item, cancellationToken) =>
            {
                var client = new VirtualClient(item.i, item.Treatment, item.Slot, runTag);
                if (await client.PrepareAsync(http, cancellationToken))
                {
                    prepared.Add(client);
                }
                else
                {
                    Interlocked.Increment(ref prepareErrors);
                }
            });
        await output.WriteLineAsync($"Prepared: {prepared.Count} review pages, {prepareErrors} failed ({stopwatch.Elapsed.TotalSeconds:0.0} s)");

        var before = options.Database is null ? null : await DatabaseCounts.ReadAsync(options.Database);
        var ordered = prepared.OrderBy(c => c.Index).ToList();
        var warmupClients = ordered.Take(warmupSlots.Count).ToList();

        // 3a. Warm-up (not timed), in two rounds with a pause after each: the confirm path, the outbox sender and EF Core's
        // insert pipeline run here for the first time; the JIT compiles them, then recompiles the hot ones (tiered
        // compilation, after 30 calls and a quiet moment). On two cores that takes a while; timing it would measure the JIT.
        stopwatch.Restart();
        var warmup = new List<ConfirmRun>();
        foreach (var round in warmupClients.Chunk(Math.Max(1, (warmupClients.Count + 1) / 2)))
        {
            warmup.Add(await ConfirmAllAsync(http, round, options.Workers, options.Duration));
            await ProcessCpu.WaitUntilIdleAsync(options.SitePid, TimeSpan.FromSeconds(15));
        }

        var warmupBooked = warmup.Sum(w => w.Booked);
        await output.WriteLineAsync(
            $"Warm-up: {warmup.Sum(w => w.Attempted)} confirmations ({warmupBooked} booked) in {warmup.Count} rounds, each followed by a pause until the site was idle ({stopwatch.Elapsed.TotalSeconds:0.0} s)");

        // 3b. Confirmations, timed.
        var cpuBefore = ProcessCpu.Milliseconds(options.SitePid);
        var timed = await ConfirmAllAsync(http, ordered.Skip(warmupClients.Count), options.Workers, options.Duration);
        var siteCpu = ProcessCpu.Milliseconds(options.SitePid) - cpuBefore;

        var (attempted, booked, elapsed) = (timed.Attempted, timed.Booked, timed.Elapsed);
        var failed = attempted - booked;
        var sorted = timed.Latencies.Order().ToArray();
        await output.WriteLineAsync(
            $"Confirm: {attempted} POSTs by {options.Workers} workers in {elapsed.TotalSeconds:0.00} s: "
            + $"{booked} booked, {failed} failed{(timed.NotSent == 0 ? "" : $" ({timed.NotSent} not sent: --duration reached)")}");
        foreach (var (outcome, count) in timed.Outcomes.Concat(warmup.SelectMany(w => w.Outcomes)).Where(o => o.Key != VirtualClient.Booked))
        {
            await output.WriteLineAsync($"  {outcome}: {count}");
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Confirmations/s: {booked / elapsed.TotalSeconds:0.0}   latency ms p50 {Percentile(sorted, 0.50):0.0}  p90 {Percentile(sorted, 0.90):0.0}  p99 {Percentile(sorted, 0.99):0.0}  max {sorted.LastOrDefault():0.0}"));

        if (options.SitePid is not null && attempted > 0)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Site CPU during the timed confirmations: {siteCpu:0} ms = {siteCpu / attempted:0.0} ms per confirm POST (of {elapsed.TotalMilliseconds * Environment.ProcessorCount:0} ms the {Environment.ProcessorCount} cores had)"));
        }

        var passed = booked > 0 && failed == 0 && warmupBooked == warmup.Sum(w => w.Attempted);
        if (options.Database is not null && before is not null)
        {
            var allBooked = warmupBooked + booked;
            var references = warmup.SelectMany(w => w.References).Concat(timed.References).ToList();
            var after = await DatabaseCounts.ReadAsync(options.Database);
            var found = await DatabaseCounts.CountReferencesAsync(options.Database, references);
            var blocksPerBooking = timedSlots[0].Slot.End.Subtract(timedSlots[0].Slot.Start).TotalMinutes / MinutesPerBlock;
            var appointmentsAdded = after.Appointments - before.Appointments;
            var blocksAdded = after.TimeBlocks - before.TimeBlocks;
            var outboxAdded = after.Outbox - before.Outbox;
            var consistent = appointmentsAdded == allBooked && found == allBooked && blocksAdded == allBooked * blocksPerBooking && outboxAdded >= allBooked;
            await output.WriteLineAsync(
                $"Database: {appointmentsAdded} appointments added for {allBooked} successful confirmations (warm-up and timed; "
                + $"{found} of the {references.Count} references returned found), {blocksAdded} time blocks ({blocksPerBooking:0} per booking), "
                + $"{outboxAdded} outbox messages: " + (consistent ? "matches the confirmations" : "DOES NOT MATCH the confirmations"));
            passed &= consistent;
        }

        return new LoadReport(attempted, booked, failed, elapsed, passed);
    }

    private sealed record ConfirmRun(
        int Attempted, int Booked, int NotSent, TimeSpan Elapsed, IReadOnlyList<double> Latencies,
        IReadOnlyDictionary<string, int> Outcomes, IReadOnlyList<string> References);

    /// <summary><paramref name="workers"/> concurrent workers post the clients' confirmations until none are left or time is up.</summary>
    private static async Task<ConfirmRun> ConfirmAllAsync(HttpClient http, IEnumerable<VirtualClient> clients, int workers, TimeSpan duration)
    {
        var queue = new ConcurrentQueue<VirtualClient>(clients);
        var latencies = new ConcurrentBag<double>();
        var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var references = new ConcurrentBag<string>();
        using var deadline = new CancellationTokenSource(duration);
        var stopwatch = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (!deadline.IsCancellationRequested && queue.TryDequeue(out var client))
            {
                var started = Stopwatch.GetTimestamp();
                var (outcome, reference) = await client.ConfirmAsync(http);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
                if (reference is not null)
                {
                    references.Add(reference);
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        var elapsed = stopwatch.Elapsed;
        return new ConfirmRun(
            outcomes.Values.Sum(), outcomes.GetValueOrDefault(VirtualClient.Booked), queue.Count, elapsed,
            [.. latencies], new SortedDictionary<string, int>(outcomes, StringComparer.Ordinal), [.. references]);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static async Task<List<SlotJson>> FreeSlotsAsync(HttpClient http, string treatment, int days)
    {
        // The endpoint takes at most 31 days at a time and clamps to today..horizon itself.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var all = new List<SlotJson>();
        for (var from = today; from <= today.AddDays(days); from = from.AddDays(31))
        {
            var to = from.AddDays(30);
            var url = FormattableString.Invariant($"/book/slots?treatment={Uri.EscapeDataString(treatment)}&clinician=any&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
            var response = await http.GetFromJsonAsync<SlotsJson>(url) ?? throw new InvalidOperationException($"{url} returned nothing.");
            all.AddRange(response.Slots);
        }

        return all;
    }

    /// <summary>Per clinician, the earliest slots that do not overlap each other; interleaved across clinicians.</summary>
    private static IEnumerable<SlotJson> NonOverlapping(List<SlotJson> slots)
    {
        var picked = new List<SlotJson>();
        foreach (var clinician in slots.GroupBy(s => s.ClinicianId))
        {
            var freeFrom = DateTimeOffset.MinValue;
            foreach (var slot in clinician.DistinctBy(s => s.Slot).OrderBy(s => s.Start))
            {
                if (slot.Start >= freeFrom)
                {
                    picked.Add(slot);
                    freeFrom = slot.End;
                }
            }
        }

        return picked.OrderBy(s => s.Start).ThenBy(s => s.ClinicianId);
    }

    private sealed record DatabaseCounts(long Appointments, long TimeBlocks, long Outbox)
    {
        public static async Task<DatabaseCounts> ReadAsync(string path)
        {
            await using var connection = Open(path);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT (SELECT COUNT(*) FROM Appointments), (SELECT COUNT(*) FROM ClinicianTimeBlocks), (SELECT COUNT(*) FROM OutboxMessages)
                """;
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return new DatabaseCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }

        public static async Task<int> CountReferencesAsync(string path, IEnumerable<string> references)
        {
            await using var connection = Open(path);
            await connection.OpenAsync();
            var found = 0;
            foreach (var chunk in references.Distinct(StringComparer.Ordinal).Chunk(500))
            {
                await using var command = connection.CreateCommand();
                var names = chunk.Select((r, i) => "$r" + i.ToString(CultureInfo.InvariantCulture)).ToList();
                command.CommandText = $"SELECT COUNT(*) FROM Appointments WHERE Reference IN ({string.Join(", ", names)})";
                for (var i = 0; i < chunk.Length; i++)
                {
                    command.Parameters.AddWithValue(names[i], chunk[i]);
                }

                found += Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            }

            return found;
        }

        private static SqliteConnection Open(string path) =>
            new(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
    }
}

/// <summary>CPU time (user + system) of a process on this machine, from /proc; 0 when unknown.</summary>
internal static class ProcessCpu
{
    public static double Milliseconds(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/stat"))
        {
            return 0;
        }

        // Fields 14 and 15 (utime, stime) in clock ticks, after the command name in parentheses. USER_HZ is 100 on Linux.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    }

    /// <summary>Waits until the process uses under a tenth of a core for half a second (JIT and outbox done), at most <paramref name="limit"/>.</summary>
    public static async Task<TimeSpan> WaitUntilIdleAsync(int? pid, TimeSpan limit)
    {
        var stopwatch = Stopwatch.StartNew();
        if (pid is null)
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            return stopwatch.Elapsed;
        }

        while (stopwatch.Elapsed < limit)
        {
            var before = Milliseconds(pid);
            await Task.Delay(500);
            if (Milliseconds(pid) - before < 50)
            {
                break;
            }
        }

        return stopwatch.Elapsed;
    }
}

/// <summary>One patient: a cookie jar, a slot, and the review form's fields once prepared.</summary>
internal sealed class VirtualClient(int index, string treatmentSlug, SlotJson slot, string runTag)
{
    public const string Booked = "booked (302 to /booking/...)";

    private readonly CookieContainer _cookies = new();
    private Dictionary<string, string>? _confirmFields;

    public int Index => index;

    public async Task<bool> PrepareAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var treatment = Uri.EscapeDataString(treatmentSlug);
        using var details = await SendAsync(http, new HttpRequestMessage(HttpMethod.Get,
            $"/book/details?treatment={treatment}&clinician=any&slot={Uri.EscapeDataString(slot.Slot)}"), cancellationToken);
        var detailsHtml = await details.Content.ReadAsStringAsync(cancellationToken);
        if (details.StatusCode != HttpStatusCode.OK || HtmlForms.HiddenFields(detailsHtml, "/book/details") is not { } fields)
        {
            return false;
        }

        // A distinct, valid Pakistani mobile number and email per client: each booking makes a new patient.
        var number = 1_000_000 + index;
        fields["FullName"] = $"Load Test {runTag} {index}";
        fields["Phone"] = $"0301 {number.ToString(CultureInfo.InvariantCulture)}";
        fields["Email"] = $"load{runTag}.{index}@example.test";
        fields["MainConcern"] = "thinning";
        fields["Message"] = "Booked by the load test.";
        fields["Consent"] = "true";
        using var review = await SendAsync(http, new HttpRequestMessage(HttpMethod.Post, "/book/details") { Content = new FormUrlEncodedContent(fields) }, cancellationToken);
        var reviewHtml = await review.Content.ReadAsStringAsync(cancellationToken);
        _confirmFields = review.StatusCode == HttpStatusCode.OK && reviewHtml.Contains("Check and confirm", StringComparison.Ordinal)
            ? HtmlForms.HiddenFields(reviewHtml, "/book/confirm")
            : null;
        return _confirmFields is not null;
    }

    /// <summary>Posts the review form. Returns the outcome's name and, when booked, the reference.</summary>
    public async Task<(string Outcome, string? Reference)> ConfirmAsync(HttpClient http)
    {
        try
        {
            using var response = await SendAsync(http, new HttpRequestMessage(HttpMethod.Post, "/book/confirm") { Content = new FormUrlEncodedContent(_confirmFields!) }, CancellationToken.None);
            var location = response.Headers.Location?.OriginalString ?? "";
            if (response.StatusCode == HttpStatusCode.Redirect && location.StartsWith("/booking/", StringComparison.Ordinal))
            {
                var reference = location["/booking/".Length..].Split('?')[0];
                return (Booked, Uri.UnescapeDataString(reference));
            }

            var body = await response.Content.ReadAsStringAsync();
            var kind = body.Contains("just taken", StringComparison.Ordinal) ? " (slot taken)" : location.Length > 0 ? $" to {location}" : "";
            return ($"HTTP {(int)response.StatusCode}{kind}", null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return ($"{ex.GetType().Name}", null);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = new Uri(http.BaseAddress!, request.RequestUri!);
        var cookies = _cookies.GetCookieHeader(uri);
        if (cookies.Length > 0)
        {
            request.Headers.Add("Cookie", cookies);
        }

        using (request)
        {
            var response = await http.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var header in setCookies)
                {
                    _cookies.SetCookies(uri, header);
                }
            }

            return response;
        }
    }
}
