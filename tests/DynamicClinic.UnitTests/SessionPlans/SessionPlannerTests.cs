using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Domain.SessionPlans;
using static DynamicClinic.UnitTests.Booking.TestClinic;

namespace DynamicClinic.UnitTests.SessionPlans;

public class SessionPlannerTests
{
    private static readonly AvailabilityRules DeskRules = AvailabilityRules.Default with { MinimumNotice = TimeSpan.Zero, Horizon = AvailabilityRules.MaxHorizon };
    private static readonly TimeSpan FortyFive = TimeSpan.FromMinutes(45);

    // Wednesday 4 March 2026 is the first Wednesday on or after Monday 2 March.
    private static PlanRequest Meso(int initial = 6, int maintenance = 3, DayOfWeek day = DayOfWeek.Wednesday, int hour = 10) =>
        new(1, Monday, day, new TimeOnly(hour, 0), FortyFive, [initial, maintenance]);

    private static SessionPlanner Planner() => new(Calculator(DeskRules));

    [Fact]
    public void MesotherapyIsWeeklyOnThePreferredDayThenMonthly()
    {
        var dates = SessionPlanner.Dates(PlanTemplates.Mesotherapy, Meso(initial: 8, maintenance: 3)).Select(d => d.Date).ToList();

        DateOnly[] weekly = [new(2026, 3, 4), new(2026, 3, 11), new(2026, 3, 18), new(2026, 3, 25), new(2026, 4, 1), new(2026, 4, 8), new(2026, 4, 15), new(2026, 4, 22)];
        Assert.Equal(weekly, dates.Take(8));
        // A month after 22 April is Friday 22 May: the nearest Wednesday is 20 May; then 20 June (Saturday) gives 17 June.
        Assert.Equal([new DateOnly(2026, 5, 20), new DateOnly(2026, 6, 17), new DateOnly(2026, 7, 15)], dates.Skip(8));
        Assert.All(dates, d => Assert.Equal(DayOfWeek.Wednesday, d.DayOfWeek));
    }

    [Fact]
    public void EachSessionKnowsItsPhase()
    {
        var dates = SessionPlanner.Dates(PlanTemplates.Mesotherapy, Meso(initial: 6, maintenance: 4));

        Assert.Equal(10, dates.Count);
        Assert.Equal([0, 0, 0, 0, 0, 0, 1, 1, 1, 1], dates.Select(d => d.PhaseIndex));
    }

    [Fact]
    public void AStartDateOnThePreferredDayIsTheFirstSession()
    {
        var dates = SessionPlanner.Dates(PlanTemplates.Mesotherapy, Meso(day: DayOfWeek.Monday));

        Assert.Equal(Monday, dates[0].Date);
    }

    [Theory]
    [InlineData(5, 3, "Initial phase: choose from 6 to 8 sessions.")]
    [InlineData(9, 3, "Initial phase: choose from 6 to 8 sessions.")]
    [InlineData(6, 2, "Maintenance: choose from 3 to 6 sessions.")]
    [InlineData(6, 7, "Maintenance: choose from 3 to 6 sessions.")]
    public void CountsOutsideTheTemplatesBoundsAreRefused(int initial, int maintenance, string problem)
    {
        var request = Meso(initial, maintenance);

        Assert.Equal([problem], SessionPlanner.Problems(PlanTemplates.Mesotherapy, request));
        Assert.Throws<ArgumentException>(() => SessionPlanner.Dates(PlanTemplates.Mesotherapy, request));
    }

    [Fact]
    public void APhaseCountMissingIsRefused() =>
        Assert.Equal(["Give a number of sessions for each phase."], SessionPlanner.Problems(PlanTemplates.Mesotherapy, Meso() with { SessionsPerPhase = [6] }));

    [Fact]
    public void EveryBuiltInTemplateIsValidAndFitsInAYear()
    {
        foreach (var template in new[] { PlanTemplates.Mesotherapy, PlanTemplates.Prp, PlanTemplates.HairTransplantFollowUp, PlanTemplates.MedicationReviews })
        {
            Assert.Empty(template.SelectMany(p => p.Problems()));
            var longest = new PlanRequest(1, Monday, DayOfWeek.Monday, new TimeOnly(10, 0), FortyFive, template.Select(p => p.MaxSessions).ToList());
            var dates = SessionPlanner.Dates(template, longest);
            Assert.True(dates[^1].Date <= Monday.AddDays(365), $"{template[0].Name} runs past a year.");
        }
    }

    [Fact]
    public void FreeTimesAreProposedAsTheyAre()
    {
        var data = DataFor(Weekdays());

        var proposal = Planner().Propose(PlanTemplates.Mesotherapy, Meso(), data, Now);

        Assert.Equal(9, proposal.Count);
        Assert.All(proposal, s => Assert.True(s.IsFree));
        Assert.All(proposal, s => Assert.Empty(s.Alternatives));
        Assert.Equal(At(new DateOnly(2026, 3, 4), 10), proposal[0].Wanted.StartUtc);
        Assert.Equal(FortyFive, proposal[0].Wanted.EndUtc - proposal[0].Wanted.StartUtc);
        Assert.Equal(Enumerable.Range(1, 9), proposal.Select(s => s.Number));
    }

    [Fact]
    public void AClashIsShownWithTheNearestFreeTimes()
    {
        var third = new DateOnly(2026, 3, 18);
        var data = DataFor(Weekdays(), busy: [Busy(third, 10, 0, 30)]);

        var proposal = Planner().Propose(PlanTemplates.Mesotherapy, Meso(), data, Now);

        var clash = Assert.Single(proposal, s => !s.IsFree);
        Assert.Equal(3, clash.Number);
        Assert.Equal(SlotCheckResult.Taken, clash.Check);
        // The nearest free 45 minutes: 09:15 (ends before the 10:00 appointment) and 10:30, 10:45 after it.
        Assert.Equal(["09:15", "10:30", "10:45"], LocalStarts(clash.Alternatives));
        Assert.All(clash.Alternatives, a => Assert.Equal(third, DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(a.StartUtc, Karachi))));
    }

    [Fact]
    public void TimeOffAndClosuresAreClashesToo()
    {
        var second = new DateOnly(2026, 3, 11);
        var fourth = new DateOnly(2026, 3, 25);
        var data = DataFor(Weekdays(1, new UtcRange(At(fourth, 0), At(fourth.AddDays(1), 0))), closures: [second]);

        var proposal = Planner().Propose(PlanTemplates.Mesotherapy, Meso(), data, Now);

        Assert.Equal(SlotCheckResult.ClinicClosed, proposal[1].Check);
        Assert.Equal(SlotCheckResult.TimeOff, proposal[3].Check);
        Assert.All(proposal[1].Alternatives.Concat(proposal[3].Alternatives), a => Assert.Equal(SlotCheckResult.Ok, Calculator(DeskRules).Check(data, a, Now)));
        Assert.Equal(7, proposal.Count(s => s.IsFree));
    }

    [Fact]
    public void AChosenSetIsBookableOnlyIfEverySessionIsFree()
    {
        var data = DataFor(Weekdays(), busy: [Busy(new DateOnly(2026, 3, 18), 10, 0, 30)]);
        var planner = Planner();
        var proposal = planner.Propose(PlanTemplates.Mesotherapy, Meso(), data, Now);

        var asProposed = proposal.Select(s => s.Wanted).ToList();
        var withAlternative = proposal.Select(s => s.IsFree ? s.Wanted : s.Alternatives[0]).ToList();

        Assert.Equal([3], planner.Refusals(asProposed, data, Now));
        Assert.Empty(planner.Refusals(withAlternative, data, Now));
    }

    [Fact]
    public void TwoChosenSessionsThatOverlapEachOtherAreRefused()
    {
        var data = DataFor(Weekdays());
        var day = new DateOnly(2026, 3, 4);
        var first = new Slot(1, At(day, 10), At(day, 10, 45));
        var second = new Slot(1, At(day, 10, 30), At(day, 11, 15));

        Assert.Equal([2], Planner().Refusals([first, second], data, Now));
    }
}
