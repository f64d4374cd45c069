namespace DynamicClinic.Domain.Patients;

/// <summary>
/// The language a patient reads the clinic's messages in. An appointment keeps the language it was booked in, so its
/// emails, reminders and texts come in it; the patient's record keeps the language of their latest booking.
/// </summary>
public enum PatientLanguage
{
    English = 0,
    Urdu = 1,
}

public static class PatientLanguages
{
    public const int MaxLength = 8;

    /// <summary>The language for a culture name such as "ur", "ur-PK" or "en-GB": Urdu for Urdu, English for anything else.</summary>
    public static PatientLanguage FromCulture(string? cultureName) =>
        cultureName is not null && (cultureName == "ur" || cultureName.StartsWith("ur-", StringComparison.OrdinalIgnoreCase))
            ? PatientLanguage.Urdu
            : PatientLanguage.English;

    /// <summary>The two-letter code messages and URLs use: "en" or "ur".</summary>
    public static string Code(this PatientLanguage language) => language == PatientLanguage.Urdu ? "ur" : "en";
}
