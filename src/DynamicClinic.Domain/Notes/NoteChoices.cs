namespace DynamicClinic.Domain.Notes;

/// <summary>One option of a note's choice list: a stable key (stored) and the words shown.</summary>
public sealed record NoteChoice(string Key, string Label);

/// <summary>A fixed list of options; notes store keys, so relabelling an option never rewrites a note.</summary>
public sealed class NoteChoiceList(params NoteChoice[] choices)
{
    public IReadOnlyList<NoteChoice> Choices { get; } = choices;

    public bool Contains(string? key) => key is not null && Choices.Any(c => c.Key == key);

    public string Label(string key) => Choices.FirstOrDefault(c => c.Key == key)?.Label ?? key;

    /// <summary>The keys in the list's own order, so two notes with the same choices compare equal.</summary>
    public IReadOnlyList<string> InOrder(IEnumerable<string> keys)
    {
        var set = keys.ToHashSet(StringComparer.Ordinal);
        return [.. Choices.Select(c => c.Key).Where(set.Contains), .. set.Where(k => !Contains(k)).Order(StringComparer.Ordinal)];
    }
}

/// <summary>The options a note offers, from the clinic's own material about its treatments.</summary>
public static class NoteChoices
{
    public const string None = "none";
    public const string Other = "other";
    public const string CandidateYes = "yes";

    public static NoteChoiceList BlendIngredients { get; } = new(
        new("b-vitamins", "B-complex vitamins and biotin"),
        new("amino-acids", "Amino acids"),
        new("minerals", "Minerals such as zinc"),
        new("antioxidants", "Coenzymes and antioxidants"),
        new("hyaluronic-acid", "Hyaluronic acid"),
        new("dht-blocker", "DHT blocker"));

    public static NoteChoiceList Areas { get; } = new(
        new("frontal-hairline", "Frontal hairline"),
        new("temples", "Temples"),
        new("mid-scalp", "Mid-scalp"),
        new("crown", "Crown or vertex"),
        new("whole-scalp", "Whole scalp"));

    public static NoteChoiceList Tolerability { get; } = new(
        new("well", "Well tolerated"),
        new("mild-discomfort", "Mild discomfort"),
        new("poor", "Poorly tolerated"));

    public static NoteChoiceList SideEffects { get; } = new(
        new(None, "None seen"),
        new("redness", "Redness"),
        new("swelling", "Swelling"),
        new("itching", "Itching or tenderness"),
        new("bruising", "Bruising"),
        new(Other, "Other"));

    public static NoteChoiceList Aftercare { get; } = new(
        new("gentle-shampoo", "Avoid harsh shampoos"),
        new("sun", "Avoid strong sun exposure"));

    public static NoteChoiceList HairLossPatterns { get; } = new(
        new("male-pattern", "Androgenetic alopecia, male pattern"),
        new("female-pattern", "Androgenetic alopecia, female pattern"),
        new("diffuse-thinning", "Diffuse thinning (stress, nutrition or hormonal change)"),
        new("postpartum", "Postpartum hair loss"),
        new("weak-strands", "Slow growth or weak strands"),
        new("patchy", "Patchy hair loss"),
        new("advanced", "Advanced loss, complete baldness or scarred scalp"),
        new(Other, "Other"));

    public static NoteChoiceList Candidate { get; } = new(
        new(CandidateYes, "Yes"),
        new("no", "No"),
        new("undecided", "Not yet decided"));
}
