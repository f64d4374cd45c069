namespace DynamicClinic.Web.Features.Scheduling;

/// <summary>A free time offered on a page: the slot's value for the form, and how it reads.</summary>
public sealed record TimeOption(string Value, string DayLabel, string TimeLabel, string ClinicianName);

/// <summary>A date offered on a page.</summary>
public sealed record DateOption(DateOnly Date, string Label, bool Selected);
