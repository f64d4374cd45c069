namespace DynamicClinic.Domain.Scheduling;

/// <summary>
/// Answers "does [start, end) overlap any range?" for queries whose starts never go backwards, in amortised
/// O(1) each: the ranges are merged into sorted, disjoint ones once, and a cursor only moves forward.
/// </summary>
internal sealed class RangeSweep
{
    private readonly UtcRange[] _ranges;
    private int _next;

    private RangeSweep(UtcRange[] ranges) => _ranges = ranges;

    /// <summary>Sorts (unless already sorted, as a database query ordered by start returns them) and merges.</summary>
    public static RangeSweep Create(List<UtcRange> ranges)
    {
        if (!IsSortedByStart(ranges))
        {
            ranges.Sort(static (a, b) => a.StartUtc.CompareTo(b.StartUtc));
        }

        var merged = new List<UtcRange>(ranges.Count);
        foreach (var range in ranges)
        {
            if (range.EndUtc <= range.StartUtc)
            {
                continue;
            }

            // Touching ranges merge too: for half-open queries [start, end) the answer is the same.
            if (merged.Count > 0 && range.StartUtc <= merged[^1].EndUtc)
            {
                if (range.EndUtc > merged[^1].EndUtc)
                {
                    merged[^1] = merged[^1] with { EndUtc = range.EndUtc };
                }
            }
            else
            {
                merged.Add(range);
            }
        }

        return new RangeSweep([.. merged]);
    }

    /// <summary>A sweep over the same merged ranges with its own cursor at the start, for another run of queries.</summary>
    public RangeSweep Restart() => new(_ranges);

    /// <summary>Call with non-decreasing <paramref name="start"/> values.</summary>
    public bool Overlaps(DateTime start, DateTime end)
    {
        // Ranges are disjoint and sorted, so their ends are sorted too: skip those ending by start for good.
        while (_next < _ranges.Length && _ranges[_next].EndUtc <= start)
        {
            _next++;
        }

        return _next < _ranges.Length && _ranges[_next].StartUtc < end;
    }

    private static bool IsSortedByStart(List<UtcRange> ranges)
    {
        for (var i = 1; i < ranges.Count; i++)
        {
            if (ranges[i].StartUtc < ranges[i - 1].StartUtc)
            {
                return false;
            }
        }

        return true;
    }
}
