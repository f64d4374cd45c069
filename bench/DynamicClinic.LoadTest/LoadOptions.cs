using System.Globalization;
using System.Net;

namespace DynamicClinic.LoadTest;

public sealed record LoadOptions(
    Uri BaseUrl,
    string Treatment,
    int Days,
    int MaxConfirmations,
    int Workers,
    int PrepareWorkers,
    TimeSpan Duration,
    string? Database,
    int? SitePid,
    int Warmup,
    string? WarmupTreatment)
{
    public const string Usage = """
        Usage: DynamicClinic.LoadTest --url http://127.0.0.1:PORT [options]
          --treatment SLUG        treatment to book (default mesotherapy)
          --days N                look for free slots over the next N days (default 60)
          --max N                 at most N confirmations (default 2000)
          --workers N             concurrent confirm POSTs (default 16)
          --prepare-workers N     concurrent clients while preparing review pages (default 8)
          --duration SECONDS      stop starting confirmations after this long (default 60), in warm-up and timed phase each
          --warmup N              confirmations before the timed ones, not timed (default 600)
          --warmup-treatment SLUG booked in the warm-up, with clinicians the timed treatment does not use (default
                                  general-consultation); without such clinicians a quarter of the timed slots warm up
          --db PATH               the site's SQLite file: check that the appointments created match the confirmations
          --site-pid PID          the site's process (same machine): report its CPU time per confirmation
        """;

    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }

            values[args[i][2..]] = args[++i];
        }

        if (!values.TryGetValue("url", out var url) || !Uri.TryCreate(url, UriKind.Absolute, out var baseUrl))
        {
            throw new ArgumentException("--url is required.");
        }

        // This tool only ever loads a site on this machine.
        if (!baseUrl.IsLoopback && !(IPAddress.TryParse(baseUrl.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)))
        {
            throw new ArgumentException($"Refusing {baseUrl.Host}: the load tool only targets loopback addresses.");
        }

        int Int(string key, int fallback, int min, int max)
        {
            if (!values.TryGetValue(key, out var text))
            {
                return fallback;
            }

            var value = int.Parse(text, CultureInfo.InvariantCulture);
            return value >= min && value <= max ? value : throw new ArgumentException($"--{key} must be between {min} and {max}.");
        }

        return new LoadOptions(
            baseUrl,
            values.GetValueOrDefault("treatment", "mesotherapy"),
            Int("days", 60, 1, 366),
            Int("max", 2000, 1, 100_000),
            Int("workers", 16, 1, 512),
            Int("prepare-workers", 8, 1, 64),
            TimeSpan.FromSeconds(Int("duration", 60, 1, 600)),
            values.GetValueOrDefault("db"),
            values.TryGetValue("site-pid", out var pid) ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            Int("warmup", 600, 0, 10_000),
            values.GetValueOrDefault("warmup-treatment", "general-consultation"));
    }
}
