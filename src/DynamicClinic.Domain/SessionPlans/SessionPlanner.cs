using DynamicClinic.Domain.Scheduling;

namespace DynamicClinic.Domain.SessionPlans;

/// <summary>What a clinician asks for: how many sessions in each phase, from when, on which weekday and at what time.</summary>
public sealed record PlanRequest(
    int ClinicianId,
    DateOnly StartDate,
    DayOfWeek PreferredDay,
    TimeOnly PreferredTime,
    TimeSpan SessionLength,
    IReadOnlyList<int> SessionsPerPhase);

/// <summary>One session of a proposed plan: its wanted time, whether that time is free, and the nearest free ones if not.</summary>
public sealed record ProposedSession(
    int Number,
    int PhaseIndex,
    string PhaseName,
    DateOnly Date,
    Slot Wanted,
    SlotCheckResult Check,
    IReadOnlyList<Slot> Alternatives)
{
    public bool IsFree => Check == SlotCheckResult.Ok;
}

/// <summary>
/// Lays out a course of sessions and checks it against a clinician's availability. Pure, like the availability
/// rules it uses: the template, the request, the data and "now" come in, so it is tested without a database.
/// <list type="bullet">
/// <item>The first session is on the first preferred weekday on or after the start date.</item>
/// <item>Weekly intervals keep the weekday. Monthly intervals go to the same day of the month later, then to the
/// nearest preferred weekday (at most three days away), so a monthly session keeps the patient's usual day.</item>
/// <item>A later phase starts one of its own intervals after the last session of the phase before.</item>
/// </list>
/// </summary>
public sealed class SessionPlanner(AvailabilityCalculator calculator)
{
    private const int AlternativesPerClash = 3;

    /// <summary>Why a request does not fit its template; empty when it does.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<PhaseTemplate> template, PlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<string>();
        if (request.SessionsPerPhase.Count != template.Count)
        {
            problems.Add("Give a number of sessions for each phase.");
            return problems;
        }

        for (var i = 0; i < template.Count; i++)
        {
            var phase = template[i];
            var count = request.SessionsPerPhase[i];
            if (count < phase.MinSessions || count > phase.MaxSessions)
            {
                problems.Add(phase.MinSessions == phase.MaxSessions
                    ? $"{phase.Name}: this plan has {phase.MinSessions} session{(phase.MinSessions == 1 ? "" : "s")}."
                    : $"{phase.Name}: choose from {phase.MinSessions} to {phase.MaxSessions} sessions.");
            }
        }

        if (request.SessionLength <= TimeSpan.Zero)
        {
            problems.Add("The treatment has no session length.");
        }

        return problems;
    }

    /// <summary>The clinic-local dates of every session, in order, each with its phase.</summary>
    public static IReadOnlyList<(int PhaseIndex, DateOnly Date)> Dates(IReadOnlyList<PhaseTemplate> template, PlanRequest request)
    {
        if (Problems(template, request) is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(request));
        }

        var dates = new List<(int, DateOnly)>();
        var first = request.StartDate;
        while (first.DayOfWeek != request.PreferredDay)
        {
            first = first.AddDays(1);
        }

        DateOnly? previous = null;
        for (var phase = 0; phase < template.Count; phase++)
        {
            var interval = template[phase].Interval;
            for (var n = 0; n < request.SessionsPerPhase[phase]; n++)
            {
                var date = previous is { } p ? After(p, interval, request.PreferredDay) : first;
                dates.Add((phase, date));
                previous = date;
            }
        }

        return dates;
    }

    /// <summary>The clinic-local dates the availability data must cover to check a proposal.</summary>
    public static (DateOnly From, DateOnly To) Span(IReadOnlyList<(int PhaseIndex, DateOnly Date)> dates) =>
        (dates[0].Date.AddDays(-3), dates[^1].Date.AddDays(3));

    /// <summary>Every session at the preferred time, checked; a clash comes with the nearest free times, a few days either side.</summary>
    public IReadOnlyList<ProposedSession> Propose(IReadOnlyList<PhaseTemplate> template, PlanRequest request, AvailabilityData data, DateTime nowUtc)
    {
        var proposed = new List<ProposedSession>();
        var number = 0;
        foreach (var (phase, date) in Dates(template, request))
        {
            number++;
            var local = date.ToDateTime(request.PreferredTime);
            var zone = calculator.ClinicTimeZone;
            // A preferred time that a daylight-saving change skips that day is taken at the first valid minute after it.
            while (zone.IsInvalidTime(local))
            {
                local = local.AddMinutes(1);
            }

            var start = TimeZoneInfo.ConvertTimeToUtc(local, zone);
            var wanted = new Slot(request.ClinicianId, start, start + request.SessionLength);
            var check = calculator.Check(data, wanted, nowUtc);
            var alternatives = check == SlotCheckResult.Ok
                ? []
                : calculator.FindNearestSlots(data, date.AddDays(-3), date.AddDays(3), request.SessionLength, nowUtc, start, AlternativesPerClash);
            proposed.Add(new ProposedSession(number, phase, template[phase].Name, date, wanted, check, alternatives));
        }

        return proposed;
    }

    /// <summary>
    /// Checks the times finally chosen for every session, all against the same fresh data: the plan is booked only
    /// if every one is free and no two overlap. Returns the session numbers (1-based) that cannot be booked.
    /// </summary>
    public IReadOnlyList<int> Refusals(IReadOnlyList<Slot> chosen, AvailabilityData data, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        var refused = new SortedSet<int>();
        for (var i = 0; i < chosen.Count; i++)
        {
            if (calculator.Check(data, chosen[i], nowUtc) != SlotCheckResult.Ok)
            {
                refused.Add(i + 1);
            }

            for (var j = 0; j < i; j++)
            {
                var buffer = calculator.Rules.Buffer;
                if (chosen[i].ClinicianId == chosen[j].ClinicianId
                    && new UtcRange(chosen[i].StartUtc, chosen[i].EndUtc + buffer).Overlaps(chosen[j].StartUtc, chosen[j].EndUtc + buffer))
                {
                    refused.Add(i + 1);
                }
            }
        }

        return refused.ToList();
    }

    private static DateOnly After(DateOnly previous, PlanInterval interval, DayOfWeek preferred)
    {
        if (interval.Unit == IntervalUnit.Week)
        {
            return previous.AddDays(7 * interval.Count);
        }

        var date = previous.AddMonths(interval.Count);
        var ahead = ((int)preferred - (int)date.DayOfWeek + 7) % 7;
        return ahead <= 3 ? date.AddDays(ahead) : date.AddDays(ahead - 7);
    }
}
