namespace DynamicClinic.Domain.Patients;

/// <summary>Rules of the clinical part of a patient's record: a believable date of birth and the age shown beside it.</summary>
public static class PatientClinicalRules
{
    public const int OldestYear = 1900;

    /// <summary>Full years on <paramref name="today"/> (clinic date).</summary>
    public static int Age(DateOnly dateOfBirth, DateOnly today)
    {
        var age = today.Year - dateOfBirth.Year;
        return dateOfBirth.AddYears(age) > today ? age - 1 : age;
    }

    /// <summary>Null when the date will do; otherwise the message for the field.</summary>
    public static string? DateOfBirthProblem(DateOnly? dateOfBirth, DateOnly today) => dateOfBirth switch
    {
        null => null,
        { } d when d > today => "The date of birth can't be in the future.",
        { Year: < OldestYear } => $"Enter a date of birth after {OldestYear}.",
        _ => null,
    };
}
