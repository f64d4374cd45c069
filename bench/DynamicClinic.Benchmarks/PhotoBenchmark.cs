using System.Diagnostics;
using System.Globalization;
using DynamicClinic.Web.Features.Photos;

namespace DynamicClinic.Benchmarks;

/// <summary>
/// Progress photo processing (issue 15), timed with a stopwatch in this process: the same code the upload runs
/// (<see cref="PhotoProcessing.Process"/>) on 12-megapixel phone-like JPEGs (4032 × 3024, a gradient under camera-like
/// noise, quality 92: 4 to 6 MB, as a phone writes them). Reports one photo at a time, four at once with the process's
/// peak resident memory (VmHWM), and the bytes of twelve thumbnails (a photo page's images).
/// </summary>
public static class PhotoBenchmark
{
    public static int Run(TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        var photos = Enumerable.Range(0, 12).Select(i => PhoneJpeg(i)).ToList();
        output.WriteLine($"Input: 12 JPEGs of 4032 x 3024, {photos.Average(p => p.Length) / 1024.0 / 1024.0:F1} MB on average");
        output.WriteLine($"Peak memory before processing: {PeakMegabytes():F0} MB (the inputs made in this process included)");

        // Warm-up: libvips' first call loads its modules.
        Require(PhotoProcessing.Process(photos[0]));

        var times = new List<double>();
        foreach (var photo in photos.Take(6))
        {
            var watch = Stopwatch.StartNew();
            Require(PhotoProcessing.Process(photo));
            times.Add(watch.Elapsed.TotalSeconds);
        }

        times.Sort();
        output.WriteLine(string.Create(inv, $"One at a time (6 photos): min {times[0]:F3} s, median {times[times.Count / 2]:F3} s, max {times[^1]:F3} s"));

        var before = PeakMegabytes();
        var four = Stopwatch.StartNew();
        var results = photos.Skip(6).Take(4).AsParallel().WithDegreeOfParallelism(4).Select(PhotoProcessing.Process).ToList();
        four.Stop();
        results.ForEach(r => Require(r));
        output.WriteLine(string.Create(inv, $"Four at once: {four.Elapsed.TotalSeconds:F3} s for all four; peak resident memory of the process {PeakMegabytes():F0} MB (was {before:F0} MB)"));

        var thumbnails = photos.Select(p => Require(PhotoProcessing.Process(p))).ToList();
        output.WriteLine(string.Create(inv, $"Twelve thumbnails: {thumbnails.Sum(t => t.Thumbnail!.Length) / 1024.0:F0} KB in all; display copies {thumbnails.Average(t => t.Display!.Length) / 1024.0:F0} KB on average"));
        return 0;
    }

    private static ProcessedPhoto Require(ProcessedPhoto photo) =>
        photo.Problem is null ? photo : throw new InvalidOperationException(photo.Problem);

    /// <summary>A smooth gradient (the scalp) under per-pixel noise (a camera's sensor and hair): hard to compress, like a phone photo.</summary>
    private static byte[] PhoneJpeg(int seed)
    {
        using var xyz = NetVips.Image.Xyz(4032, 3024);
        using var r = xyz[0] * (200.0 / 4032);
        using var g = xyz[1] * (180.0 / 3024);
        using var b = (r * 0.3) + (g * 0.3) + (seed * 5);
        using var rgb = r.Bandjoin(g, b);
        using var noise = NetVips.Image.Gaussnoise(4032, 3024, sigma: 18, mean: 0, seed: seed);
        using var noisy = rgb + noise;
        using var image = noisy.Cast(NetVips.Enums.BandFormat.Uchar).Copy(interpretation: NetVips.Enums.Interpretation.Srgb);
        return image.JpegsaveBuffer(q: 92);
    }

    private static double PeakMegabytes() =>
        File.ReadLines("/proc/self/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).First();
}
