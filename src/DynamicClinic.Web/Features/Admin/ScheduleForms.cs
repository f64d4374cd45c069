using System.Globalization;
using DynamicClinic.Domain.Clinicians;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Web.Infrastructure.Validation;
using FluentValidation;

namespace DynamicClinic.Web.Features.Admin;

/// <summary>A clinician's public profile, as patients see it when booking.</summary>
public sealed class ClinicianProfileForm
{
    public string DisplayName { get; set; } = "";

    public string Title { get; set; } = "";

    public string Bio { get; set; } = "";

    public bool IsActive { get; set; }
}

public sealed class ClinicianProfileFormValidator : AbstractValidator<ClinicianProfileForm>
{
    public ClinicianProfileFormValidator()
    {
        RuleFor(f => f.DisplayName)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the name patients see, e.g. Dr Ayesha Khan.")
            .MaximumLength(Clinician.DisplayNameMaxLength).WithMessage($"The name can be at most {Clinician.DisplayNameMaxLength} characters.")
            .PlainText();
        RuleFor(f => f.Title)
            .MaximumLength(Clinician.TitleMaxLength).WithMessage($"The title can be at most {Clinician.TitleMaxLength} characters.")
            .PlainText();
        RuleFor(f => f.Bio)
            .MaximumLength(Clinician.BioMaxLength).WithMessage($"The short bio can be at most {Clinician.BioMaxLength} characters.")
            .PlainMultiLineText();
    }
}

/// <summary>
/// A clinician's regular week: one text field per weekday listing its intervals, e.g. <c>10:00-13:00, 14:00-18:00</c>
/// (add an interval by adding it to the list, remove one by deleting it; empty means not working that day).
/// </summary>
public sealed class WeeklyHoursForm
{
    public static IReadOnlyList<DayOfWeek> Week { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public string? Monday { get; set; }

    public string? Tuesday { get; set; }

    public string? Wednesday { get; set; }

    public string? Thursday { get; set; }

    public string? Friday { get; set; }

    public string? Saturday { get; set; }

    public string? Sunday { get; set; }

    public string? For(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => Monday,
        DayOfWeek.Tuesday => Tuesday,
        DayOfWeek.Wednesday => Wednesday,
        DayOfWeek.Thursday => Thursday,
        DayOfWeek.Friday => Friday,
        DayOfWeek.Saturday => Saturday,
        _ => Sunday,
    };

    public static WeeklyHoursForm From(IEnumerable<WorkingHours> hours)
    {
        var byDay = hours.ToLookup(h => h.DayOfWeek);
        string Text(DayOfWeek day) => WeeklyHoursText.Format(byDay[day].Select(h => (h.Start, h.End)));
        return new WeeklyHoursForm
        {
            Monday = Text(DayOfWeek.Monday),
            Tuesday = Text(DayOfWeek.Tuesday),
            Wednesday = Text(DayOfWeek.Wednesday),
            Thursday = Text(DayOfWeek.Thursday),
            Friday = Text(DayOfWeek.Friday),
            Saturday = Text(DayOfWeek.Saturday),
            Sunday = Text(DayOfWeek.Sunday),
        };
    }

    /// <summary>All the intervals of the week; only call when the form is valid.</summary>
    public IReadOnlyList<(DayOfWeek Day, TimeOnly Start, TimeOnly End)> Intervals() =>
        Week.SelectMany(day => WeeklyHoursText.Parse(For(day), out var intervals) is null
            ? intervals.Select(i => (day, i.Start, i.End))
            : []).ToList();
}

/// <summary>Reads and writes one day's working hours as text, and checks them: each interval on the five-minute grid, start before end, no overlaps.</summary>
public static class WeeklyHoursText
{
    public static string Format(IEnumerable<(TimeOnly Start, TimeOnly End)> intervals) =>
        string.Join(", ", intervals.OrderBy(i => i.Start).Select(i =>
            $"{i.Start.ToString("HH:mm", CultureInfo.InvariantCulture)}-{i.End.ToString("HH:mm", CultureInfo.InvariantCulture)}"));

    /// <summary>Returns the problem with the text, or null and the intervals in order.</summary>
    public static string? Parse(string? text, out List<(TimeOnly Start, TimeOnly End)> intervals)
    {
        intervals = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        foreach (var part in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var times = part.Replace('–', '-').Split('-', StringSplitOptions.TrimEntries);
            if (times.Length != 2 || !TryTime(times[0], out var start) || !TryTime(times[1], out var end))
            {
                return $"Write each interval as start-end in 24-hour clock time, like 10:00-13:00; separate intervals with commas. \"{part}\" is not one.";
            }

            if (start.Minute % 5 != 0 || end.Minute % 5 != 0)
            {
                return $"{part}: times must be on the five-minute grid (e.g. 10:05, not 10:07).";
            }

            if (end <= start)
            {
                return $"{part}: the end must be after the start.";
            }

            intervals.Add((start, end));
        }

        intervals.Sort((a, b) => a.Start.CompareTo(b.Start));
        for (var i = 1; i < intervals.Count; i++)
        {
            if (intervals[i].Start < intervals[i - 1].End)
            {
                return $"The intervals {Format([intervals[i - 1]])} and {Format([intervals[i]])} overlap.";
            }
        }

        return null;
    }

    private static bool TryTime(string value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}

public sealed class WeeklyHoursFormValidator : AbstractValidator<WeeklyHoursForm>
{
    public WeeklyHoursFormValidator()
    {
        foreach (var day in WeeklyHoursForm.Week)
        {
            RuleFor(f => f.For(day))
                .Must(text => WeeklyHoursText.Parse(text, out _) is null)
                .WithMessage(f => WeeklyHoursText.Parse(f.For(day), out _) ?? "")
                .OverridePropertyName(day.ToString());
        }
    }
}

/// <summary>Leave or training for a clinician: whole days from one date to another, in clinic time.</summary>
public sealed class TimeOffForm
{
    public string From { get; set; } = "";

    public string To { get; set; } = "";

    public string Reason { get; set; } = "";

    public static bool TryDate(string? value, out DateOnly date) => ClinicDates.TryParse(value, out date);
}

public sealed class TimeOffFormValidator : AbstractValidator<TimeOffForm>
{
    public TimeOffFormValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(f => f.From).ClinicDate("Enter the first day of the time off.");
        RuleFor(f => f.To)
            .ClinicDate("Enter the last day of the time off.")
            .Must((f, t) => !TimeOffForm.TryDate(f.From, out var from) || (TimeOffForm.TryDate(t, out var to) && to >= from && to.DayNumber - from.DayNumber < 366))
            .WithMessage("The last day must be on or after the first, and within a year of it.");
        RuleFor(f => f.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Give a reason, for example \"Annual leave\" or \"Training\".")
            .MaximumLength(Domain.Clinicians.TimeOff.ReasonMaxLength).WithMessage($"The reason can be at most {Domain.Clinicians.TimeOff.ReasonMaxLength} characters.")
            .PlainText();
    }
}

/// <summary>A day the whole clinic is closed, e.g. a public holiday.</summary>
public sealed class ClosureForm
{
    public string Date { get; set; } = "";

    public string Reason { get; set; } = "";
}

public sealed class ClosureFormValidator : AbstractValidator<ClosureForm>
{
    public ClosureFormValidator()
    {
        RuleFor(f => f.Date).ClinicDate("Enter the date the clinic is closed.");
        RuleFor(f => f.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Give a reason, for example \"Eid ul-Fitr\".")
            .MaximumLength(ClinicClosure.ReasonMaxLength).WithMessage($"The reason can be at most {ClinicClosure.ReasonMaxLength} characters.")
            .PlainText();
    }
}
