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

    /// <summary>
    /// What the kept record holds of the clinical details after a merge (the same person on two records): each field the
    /// kept record lacks comes from the duplicate; allergies and alerts from both, since dropping one could harm. Consent
    /// to clinical photos given on either record stands; teaching or marketing use only if given on both, as the
    /// narrower answer is the safe one for publication.
    /// </summary>
    public static void MergeInto(Patient kept, Patient duplicate)
    {
        kept.DateOfBirth ??= duplicate.DateOfBirth;
        kept.Sex ??= duplicate.Sex;
        kept.Allergies = Both(kept.Allergies, duplicate.Allergies);
        kept.Alerts = Both(kept.Alerts, duplicate.Alerts);
        if (kept.SecondContactName is null)
        {
            kept.SecondContactName = duplicate.SecondContactName;
            kept.SecondContactPhoneE164 = duplicate.SecondContactPhoneE164;
        }

        kept.ConsentsToClinicalPhotos |= duplicate.ConsentsToClinicalPhotos;
        kept.ConsentsToTeachingUse &= duplicate.ConsentsToTeachingUse;
    }

    /// <summary>Anonymising keeps the clinical record but not what identifies: the date of birth and the second contact go.</summary>
    public static void Anonymise(Patient patient)
    {
        patient.DateOfBirth = null;
        patient.SecondContactName = null;
        patient.SecondContactPhoneE164 = null;
        patient.ConsentsToTeachingUse = false;
    }

    private static string? Both(string? kept, string? other)
    {
        if (other is null || string.Equals(kept, other, StringComparison.OrdinalIgnoreCase))
        {
            return kept;
        }

        var joined = kept is null ? other : kept + "\n" + other;
        return joined.Length <= Patient.ClinicalTextMaxLength ? joined : joined[..Patient.ClinicalTextMaxLength];
    }
}
