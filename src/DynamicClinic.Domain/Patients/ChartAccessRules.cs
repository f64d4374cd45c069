namespace DynamicClinic.Domain.Patients;

/// <summary>What a member of staff may see of a patient's clinical record (notes, chart fields, photos).</summary>
public enum ChartAccess
{
    /// <summary>Contact details and appointments only: reception, and anyone not clinical.</summary>
    None = 0,

    /// <summary>A clinician who does not treat the patient: the record opens only after they give a reason.</summary>
    ReasonNeeded = 1,

    /// <summary>Everything: the treating clinician, a clinician who gave a reason, an admin.</summary>
    Full = 2,
}

/// <summary>
/// Who sees a patient's chart. A clinician treats a patient who has an appointment with them in the past or in the
/// coming <see cref="TreatingWindow"/>; any other chart opens after a reason is given ("break the glass"), which is
/// audited and stays good for <see cref="ReasonLasts"/> so one consultation does not ask for it on every page.
/// </summary>
public static class ChartAccessRules
{
    public static readonly TimeSpan TreatingWindow = TimeSpan.FromDays(30);

    public static readonly TimeSpan ReasonLasts = TimeSpan.FromHours(12);

    public const int ReasonMinLength = 10;
    public const int ReasonMaxLength = 500;

    /// <summary>Appointments that start before this moment make their clinician one who treats the patient.</summary>
    public static DateTime TreatingUntilUtc(DateTime nowUtc) => nowUtc + TreatingWindow;

    /// <summary>A reason given after this moment still opens the chart.</summary>
    public static DateTime ReasonsSinceUtc(DateTime nowUtc) => nowUtc - ReasonLasts;

    public static ChartAccess Decide(bool isAdmin, bool isClinician, bool treats, bool gaveReason) =>
        isAdmin || (isClinician && (treats || gaveReason)) ? ChartAccess.Full
        : isClinician ? ChartAccess.ReasonNeeded
        : ChartAccess.None;

    /// <summary>Null when the reason will do; otherwise the message for the field.</summary>
    public static string? ReasonProblem(string? reason)
    {
        var text = reason?.Trim() ?? "";
        return text.Length < ReasonMinLength ? $"Say why you need this record, in at least {ReasonMinLength} characters (for example \"covering Dr Khan's clinic today\")."
            : text.Length > ReasonMaxLength ? $"Keep the reason to {ReasonMaxLength} characters or fewer."
            : null;
    }
}
