namespace DynamicClinic.Domain.Scheduling;

/// <summary>
/// Works out when clinicians can be booked. Pure: the data, the dates and "now" are passed in, so it is tested
/// without a database or a clock. The rules, in the order <see cref="Check"/> applies them:
/// <list type="number">
/// <item>A slot starts no sooner than <see cref="AvailabilityRules.MinimumNotice"/> and no later than
/// <see cref="AvailabilityRules.Horizon"/> after now.</item>
/// <item>Nothing is offered on a clinic closure (a clinic-local date).</item>
/// <item>A slot fits entirely inside one working interval of its clinic-local date; starts are the interval's
/// start plus whole <see cref="AvailabilityRules.SlotStep"/>s in wall-clock time. Daylight saving: see
/// <see cref="ClinicClock"/> (skipped wall times are not offered, repeated ones mean their first occurrence);
/// a slot always lasts its length in real (UTC) time.</item>
/// <item>A slot does not overlap the clinician's time off.</item>
/// <item>Buffer: an appointment blocks [start, end + buffer) and a slot needs [start, end + buffer) free of
/// appointments, i.e. [s, e) must miss every [a, b + buffer) and [s, e + buffer) must miss every [a, b).
/// Both hold exactly when [s, e + buffer) misses [a, b + buffer), which is what is tested. The buffer only
/// separates appointments: it may run past working hours and into time off.</item>
/// </list>
/// Each clinician costs O(slots + busy ranges): busy ranges are sorted and merged once, then swept with slot
/// starts that only move forward.
/// </summary>
public sealed class AvailabilityCalculator
{
    private readonly ClinicClock _clock;

    /// <exception cref="ArgumentException">The rules are invalid (validate them at start-up first).</exception>
    public AvailabilityCalculator(TimeZoneInfo clinicTimeZone, AvailabilityRules rules)
    {
        ArgumentNullException.ThrowIfNull(clinicTimeZone);
        ArgumentNullException.ThrowIfNull(rules);
        var errors = rules.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(rules));
        }

        _clock = new ClinicClock(clinicTimeZone);
        Rules = rules;
    }

    public TimeZoneInfo ClinicTimeZone => _clock.TimeZone;

    public AvailabilityRules Rules { get; }

    /// <summary>
    /// The UTC span whose appointments matter for slots on the clinic-local dates <paramref name="from"/> to
    /// <paramref name="to"/>: load busy times with <c>StartUtc &lt; End &amp;&amp; EndUtc &gt; Start</c>.
    /// </summary>
    public UtcRange LoadWindowUtc(DateOnly from, DateOnly to) => new(
        _clock.ToUtcAtOrAfterGap(from.ToDateTime(TimeOnly.MinValue)) - Rules.Buffer,
        _clock.ToUtcLatest(to.AddDays(1).ToDateTime(TimeOnly.MinValue)) + Rules.Buffer);

    /// <summary>Free slots on the clinic-local dates from..to (inclusive), ordered by start, then clinician id.</summary>
    public IReadOnlyList<Slot> FindSlots(AvailabilityData data, DateOnly from, DateOnly to, TimeSpan duration, DateTime nowUtc)
    {
        var search = Prepare(data, from, to, duration, nowUtc);
        var slots = new List<Slot>();
        foreach (var clinician in search.Clinicians)
        {
            foreach (var day in search.Days())
            {
                slots.AddRange(clinician.SlotsOn(day));
            }
        }

        // One clinician's slots come out in order already; several are interleaved.
        if (search.Clinicians.Count > 1)
        {
            slots.Sort(CompareByStartThenClinician);
        }

        return slots;
    }

    /// <summary>The earliest free slot with any of the clinicians (ties go to the lower clinician id), or null.</summary>
    public Slot? FindFirstAvailable(AvailabilityData data, DateOnly from, DateOnly to, TimeSpan duration, DateTime nowUtc)
    {
        var search = Prepare(data, from, to, duration, nowUtc);

        // Day by day, so the search stops at the first date on which anyone is free.
        foreach (var day in search.Days())
        {
            Slot? best = null;
            foreach (var clinician in search.Clinicians)
            {
                foreach (var slot in clinician.SlotsOn(day))
                {
                    if (best is null || CompareByStartThenClinician(slot, best.Value) < 0)
                    {
                        best = slot;
                    }

                    break;
                }
            }

            if (best is not null)
            {
                return best;
            }
        }

        return null;
    }

    /// <summary>The clinic-local dates from..to with at least one free slot with any of the clinicians, in order.</summary>
    public IReadOnlyList<DateOnly> FindAvailableDates(AvailabilityData data, DateOnly from, DateOnly to, TimeSpan duration, DateTime nowUtc)
    {
        var search = Prepare(data, from, to, duration, nowUtc);
        var dates = new List<DateOnly>();
        foreach (var day in search.Days())
        {
            // Any() stops at the first free slot of each clinician; their sweeps still only move forward.
            if (search.Clinicians.Any(clinician => clinician.SlotsOn(day).Any()))
            {
                dates.Add(day);
            }
        }

        return dates;
    }

    /// <summary>
    /// Up to <paramref name="count"/> free slots whose starts are closest to <paramref name="aroundUtc"/>, before or
    /// after it (an equal distance prefers the earlier one), ordered by start. For offering alternatives when a
    /// wanted slot was just taken; pass a few days around it as from..to.
    /// </summary>
    public IReadOnlyList<Slot> FindNearestSlots(
        AvailabilityData data, DateOnly from, DateOnly to, TimeSpan duration, DateTime nowUtc, DateTime aroundUtc, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var around = AsUtc(aroundUtc, nameof(aroundUtc));
        var slots = FindSlots(data, from, to, duration, nowUtc);

        // Two cursors walk outwards from the target, taking the closer slot each time.
        var after = FirstIndexStartingAtOrAfter(slots, around);
        var before = after - 1;
        var nearest = new List<Slot>(Math.Min(count, slots.Count));
        while (nearest.Count < count && (before >= 0 || after < slots.Count))
        {
            var takeBefore = after >= slots.Count
                || (before >= 0 && around - slots[before].StartUtc <= slots[after].StartUtc - around);
            nearest.Add(takeBefore ? slots[before--] : slots[after++]);
        }

        nearest.Sort(CompareByStartThenClinician);
        return nearest;
    }

    /// <summary>
    /// Re-checks a chosen slot at confirmation time against fresh data: <see cref="SlotCheckResult.Ok"/> exactly
    /// when <see cref="FindSlots"/> would offer it. When moving an appointment, leave it out of the busy times.
    /// </summary>
    /// <exception cref="ArgumentException">The slot's clinician is not in <paramref name="data"/>, or it has no length.</exception>
    public SlotCheckResult Check(AvailabilityData data, Slot slot, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(data);
        var now = AsUtc(nowUtc, nameof(nowUtc));
        var start = AsUtc(slot.StartUtc, nameof(slot));
        var end = AsUtc(slot.EndUtc, nameof(slot));
        if (end <= start)
        {
            throw new ArgumentException("A slot must end after it starts.", nameof(slot));
        }

        var schedule = data.Clinicians.FirstOrDefault(c => c.ClinicianId == slot.ClinicianId)
            ?? throw new ArgumentException("The slot's clinician is not in the data.", nameof(slot));

        if (start < now)
        {
            return SlotCheckResult.InPast;
        }

        if (start < now + Rules.MinimumNotice)
        {
            return SlotCheckResult.TooSoon;
        }

        if (start > now + Rules.Horizon)
        {
            return SlotCheckResult.BeyondHorizon;
        }

        var wall = _clock.ToWall(start);
        var day = DateOnly.FromDateTime(wall);
        if (data.Closures.Contains(day))
        {
            return SlotCheckResult.ClinicClosed;
        }

        var midnight = day.ToDateTime(TimeOnly.MinValue);
        WorkingInterval? interval = null;
        foreach (var candidate in PrepareWeek(schedule.WeeklyHours)[(int)day.DayOfWeek])
        {
            if (start >= _clock.ToUtcAtOrAfterGap(midnight + candidate.Start)
                && end <= _clock.ToUtcAtOrAfterGap(midnight + candidate.End))
            {
                interval = candidate;
                break;
            }
        }

        if (interval is not { } working)
        {
            return SlotCheckResult.OutsideWorkingHours;
        }

        // Offered starts are the interval start plus whole steps of wall-clock time, each at its first occurrence.
        var sinceIntervalStart = wall - (midnight + working.Start);
        if (sinceIntervalStart < TimeSpan.Zero
            || sinceIntervalStart.Ticks % Rules.SlotStep.Ticks != 0
            || _clock.ToUtc(wall) != start)
        {
            return SlotCheckResult.NotOnStep;
        }

        if (schedule.TimeOff.Any(t => t.Overlaps(start, end)))
        {
            return SlotCheckResult.TimeOff;
        }

        // The same test as the sweep: [start, end + buffer) against [a, b + buffer) of each appointment.
        var buffer = Rules.Buffer;
        if (data.Busy.Any(b => b.ClinicianId == slot.ClinicianId
            && b.EndUtc > b.StartUtc
            && new UtcRange(b.StartUtc, b.EndUtc + buffer).Overlaps(start, end + buffer)))
        {
            return SlotCheckResult.Taken;
        }

        if (data.RoomBusy is { } room && room.Any(r => !r.IsEmpty && new UtcRange(r.StartUtc, r.EndUtc + buffer).Overlaps(start, end + buffer)))
        {
            return SlotCheckResult.RoomTaken;
        }

        return SlotCheckResult.Ok;
    }

    private static int CompareByStartThenClinician(Slot a, Slot b)
    {
        var byStart = a.StartUtc.CompareTo(b.StartUtc);
        return byStart != 0 ? byStart : a.ClinicianId.CompareTo(b.ClinicianId);
    }

    private static int FirstIndexStartingAtOrAfter(IReadOnlyList<Slot> slots, DateTime instant)
    {
        int low = 0, high = slots.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (slots[middle].StartUtc < instant)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>Accepts Utc, and Unspecified as read from databases, as UTC; rejects Local, which is a bug upstream.</summary>
    private static DateTime AsUtc(DateTime value, string parameterName) => value.Kind == DateTimeKind.Local
        ? throw new ArgumentException("Pass times in UTC (Kind Utc or Unspecified), not local times.", parameterName)
        : DateTime.SpecifyKind(value, DateTimeKind.Utc);

    /// <summary>
    /// Each weekday's intervals as offsets from midnight, sorted. Intervals that end before they start are
    /// ignored (the admin form rejects them); overlapping ones are merged, so slots come out in order.
    /// </summary>
    private static List<WorkingInterval>[] PrepareWeek(IReadOnlyList<WeeklyInterval> weeklyHours)
    {
        var week = new List<WorkingInterval>[7];
        for (var i = 0; i < week.Length; i++)
        {
            week[i] = [];
        }

        foreach (var hours in weeklyHours)
        {
            var start = hours.Start.ToTimeSpan();
            var end = hours.End == TimeOnly.MinValue ? TimeSpan.FromDays(1) : hours.End.ToTimeSpan();
            if (end > start)
            {
                week[(int)hours.Day].Add(new WorkingInterval(start, end));
            }
        }

        for (var i = 0; i < week.Length; i++)
        {
            week[i].Sort(static (a, b) => a.Start.CompareTo(b.Start));
            var merged = new List<WorkingInterval>(week[i].Count);
            foreach (var interval in week[i])
            {
                // Touching intervals stay apart: a slot must fit inside one of them.
                if (merged.Count > 0 && interval.Start < merged[^1].End)
                {
                    merged[^1] = merged[^1] with { End = interval.End > merged[^1].End ? interval.End : merged[^1].End };
                }
                else
                {
                    merged.Add(interval);
                }
            }

            week[i] = merged;
        }

        return week;
    }

    private Search Prepare(AvailabilityData data, DateOnly from, DateOnly to, TimeSpan duration, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var now = AsUtc(nowUtc, nameof(nowUtc));
        var earliest = now + Rules.MinimumNotice;
        var latest = now + Rules.Horizon;

        var busyByClinician = new Dictionary<int, List<UtcRange>>();
        foreach (var schedule in data.Clinicians)
        {
            if (!busyByClinician.TryAdd(schedule.ClinicianId, []))
            {
                throw new ArgumentException("Each clinician may appear only once.", nameof(data));
            }
        }

        // Grouping is one pass; each appointment then blocks its time plus the buffer after it.
        foreach (var busy in data.Busy)
        {
            if (busy.EndUtc > busy.StartUtc && busyByClinician.TryGetValue(busy.ClinicianId, out var ranges))
            {
                ranges.Add(new UtcRange(busy.StartUtc, busy.EndUtc + Rules.Buffer));
            }
        }

        // A room in use is busy for every clinician: its ranges are sorted and merged once, and each clinician sweeps
        // them with a cursor of their own (adding them to each clinician's list instead meant sorting them ten times).
        var roomRanges = new List<UtcRange>();
        foreach (var held in data.RoomBusy ?? [])
        {
            if (!held.IsEmpty)
            {
                roomRanges.Add(new UtcRange(held.StartUtc, held.EndUtc + Rules.Buffer));
            }
        }

        var room = RangeSweep.Create(roomRanges);

        var wallTimes = new WallTimes(_clock);
        var clinicians = data.Clinicians
            .Select(schedule => new ClinicianSearch(
                schedule.ClinicianId,
                PrepareWeek(schedule.WeeklyHours),
                RangeSweep.Create([.. schedule.TimeOff]),
                RangeSweep.Create(busyByClinician[schedule.ClinicianId]),
                room.Restart(),
                data.Closures,
                wallTimes,
                Rules,
                duration,
                earliest,
                latest))
            .ToList();

        // Only dates on which a bookable start can fall; this also bounds nonsense ranges.
        var firstDay = Max(from, _clock.DateOf(earliest));
        var lastDay = Min(to, _clock.DateOf(latest));
        return new Search(clinicians, firstDay, lastDay);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>A working interval as offsets from the clinic-local midnight; End may be 24:00.</summary>
    private readonly record struct WorkingInterval(TimeSpan Start, TimeSpan End);

    private sealed record Search(IReadOnlyList<ClinicianSearch> Clinicians, DateOnly FirstDay, DateOnly LastDay)
    {
        public IEnumerable<DateOnly> Days()
        {
            for (var day = FirstDay; day <= LastDay; day = day.AddDays(1))
            {
                yield return day;
            }
        }
    }

    /// <summary>
    /// The clock's wall-to-UTC conversions, each made once per search. Every clinician's slot starts fall on the same
    /// few wall times of a day, and a conversion (three time-zone look-ups) costs many times a dictionary look-up:
    /// without this, ten clinicians over sixty days spent most of the rules' time converting the same times.
    /// </summary>
    private sealed class WallTimes(ClinicClock clock)
    {
        private readonly Dictionary<DateTime, DateTime?> _starts = [];
        private readonly Dictionary<DateTime, DateTime> _bounds = [];

        public DateTime? ToUtc(DateTime wall)
        {
            if (!_starts.TryGetValue(wall, out var utc))
            {
                utc = clock.ToUtc(wall);
                _starts.Add(wall, utc);
            }

            return utc;
        }

        public DateTime ToUtcAtOrAfterGap(DateTime wall)
        {
            if (!_bounds.TryGetValue(wall, out var utc))
            {
                utc = clock.ToUtcAtOrAfterGap(wall);
                _bounds.Add(wall, utc);
            }

            return utc;
        }
    }

    /// <summary>One clinician's prepared data. Ask for days in increasing order: the sweeps only move forward.</summary>
    private sealed class ClinicianSearch(
        int clinicianId,
        List<WorkingInterval>[] week,
        RangeSweep timeOff,
        RangeSweep busy,
        RangeSweep room,
        IReadOnlySet<DateOnly> closures,
        WallTimes clock,
        AvailabilityRules rules,
        TimeSpan duration,
        DateTime earliest,
        DateTime latest)
    {
        public IEnumerable<Slot> SlotsOn(DateOnly day)
        {
            if (closures.Contains(day))
            {
                yield break;
            }

            var midnight = day.ToDateTime(TimeOnly.MinValue);
            foreach (var interval in week[(int)day.DayOfWeek])
            {
                var endWall = midnight + interval.End;
                var intervalEnd = clock.ToUtcAtOrAfterGap(endWall);
                for (var wall = midnight + interval.Start; wall < endWall; wall += rules.SlotStep)
                {
                    if (clock.ToUtc(wall) is not { } start)
                    {
                        continue; // skipped when the clocks sprang forward
                    }

                    var end = start + duration;
                    if (end > intervalEnd)
                    {
                        break; // starts only move forward, so no later one fits either
                    }

                    if (start < earliest)
                    {
                        continue;
                    }

                    if (start > latest)
                    {
                        yield break;
                    }

                    if (!timeOff.Overlaps(start, end) && !busy.Overlaps(start, end + rules.Buffer) && !room.Overlaps(start, end + rules.Buffer))
                    {
                        yield return new Slot(clinicianId, start, end);
                    }
                }
            }
        }
    }
}
