namespace DynamicClinic.Web.Features.Booking;

/// <summary>The short list of concerns a patient picks from when booking, drawn from what the clinic treats.</summary>
public static class MainConcerns
{
    public const string Other = "other";

    public static IReadOnlyList<(string Value, string Label)> All { get; } =
    [
        ("thinning", "Thinning hair or a widening parting"),
        ("receding", "Receding hairline or bald patches (male or female pattern)"),
        ("shedding", "Sudden shedding after stress, illness or a change in diet"),
        ("postpartum", "Hair loss after having a baby"),
        ("slow-growth", "Slow growth or weak, breaking hair"),
        ("advanced", "Advanced hair loss: asking about a transplant"),
        (Other, "Something else"),
    ];

    public static bool IsKnown(string? value) => All.Any(c => c.Value == value);

    public static string Label(string? value) => All.FirstOrDefault(c => c.Value == value).Label ?? "";
}
