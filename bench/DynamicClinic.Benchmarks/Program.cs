using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using DynamicClinic.Benchmarks;

// bench/availability.sh is the usual way in. Commands:
//   prepare [n...]      make (or find) the cached databases, 10,000 and 1,000,000 appointments unless told otherwise
//   explain [n]         capture the SQL of AvailabilityQuery.LoadAsync and write it with EXPLAIN QUERY PLAN for sqlite3
//   photos              progress photo processing (bench/photos.sh): 12 MP one at a time, four at once, thumbnails
//   anything else       BenchmarkDotNet's arguments, e.g. --filter '*' --job short (always in process)
switch (args.FirstOrDefault())
{
    case "prepare":
        foreach (var n in Sizes(args))
        {
            Console.WriteLine(await BenchmarkDatabase.EnsureAsync(n, Console.Out));
        }

        return 0;

    case "photos":
        return PhotoBenchmark.Run(Console.Out);

    case "explain":
        await QueryPlans.WriteAsync(Sizes(args).Last());
        return 0;

    default:
        // In process: no generated project to build (it would inherit this repository's warnings-as-errors settings),
        // and each job still runs warm-up, pilot and measured iterations as usual. "--job short|medium|long|dry"
        // is read here (BenchmarkDotNet's own --job would not replace this config's job); short is ShortRun with 10
        // measured iterations instead of 3.
        var (job, remaining) = ChooseJob(args);
        var config = DefaultConfig.Instance
            .AddJob(job.WithToolchain(InProcessEmitToolchain.Instance))
            .AddColumn(StatisticColumn.Median, StatisticColumn.P95)
            .WithArtifactsPath(Path.Combine(BenchmarkDatabase.BenchRoot, "results", "BenchmarkDotNet.Artifacts"));
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(AvailabilityBenchmark).Assembly).Run(remaining, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}

static (Job Job, string[] Remaining) ChooseJob(string[] args)
{
    var at = Array.FindIndex(args, a => a is "--job" or "-j");
    if (at < 0 || at + 1 >= args.Length)
    {
        return (Job.Default, args);
    }

    var job = args[at + 1].ToUpperInvariant() switch
    {
        // BenchmarkDotNet's ShortRun measures 3 iterations: one disturbed iteration on a shared VM moves the median.
        "SHORT" => Job.ShortRun.WithIterationCount(10),
        "MEDIUM" => Job.MediumRun,
        "LONG" => Job.LongRun,
        "DRY" => Job.Dry,
        "DEFAULT" => Job.Default,
        var other => throw new ArgumentException($"Unknown job '{other}': use short, medium, long, dry or default."),
    };
    return (job, [.. args[..at], .. args[(at + 2)..]]);
}

static IEnumerable<int> Sizes(string[] args) =>
    args.Length > 1 ? args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)) : [10_000, 1_000_000];
