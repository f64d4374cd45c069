namespace DynamicClinic.Domain.Patients;

/// <summary>A person who has booked or attended the clinic. Health data: never logged.</summary>
public class Patient
{
    public const int FullNameMaxLength = 100;
    public const int PhoneMaxLength = 20;
    public const int EmailMaxLength = 254;
    public const int ClinicalTextMaxLength = 500;

    public int Id { get; set; }

    public required string FullName { get; set; }

    /// <summary>Mobile number in E.164 form (e.g. +923001234567); patients are matched on it.</summary>
    public required string PhoneE164 { get; set; }

    public string? Email { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>
    /// Set when reception merged this record into another (a duplicate from booking online twice). The record
    /// stays, emptied of appointments, so audit entries that name it still lead somewhere.
    /// </summary>
    public int? MergedIntoPatientId { get; set; }

    /// <summary>
    /// Set when the patient asked to be forgotten but has a clinical record the clinic must keep: the contact details
    /// were replaced with placeholders (PatientPrivacyRules) and the record can no longer be booked or
    /// contacted. The notes and plans stay linked to this pseudonymous record.
    /// </summary>
    public DateTime? AnonymisedUtc { get; set; }

    /// <summary>
    /// Set when a booking made this record beside another that shares its phone or email but is not plainly the
    /// same person (<see cref="PatientIdentity"/>): reception merges the two or dismisses the flag.
    /// </summary>
    public int? PossibleDuplicateOfPatientId { get; set; }

    // The clinical record (issue 15): completed by the clinician at the consultation; online booking asks only the date
    // of birth, and that optionally. Shown to those who may see the chart (PatientChartAccess), never to reception.

    public DateOnly? DateOfBirth { get; set; }

    /// <summary>Staging (Norwood for men, Ludwig for women) and several contraindications depend on it.</summary>
    public PatientSex? Sex { get; set; }

    /// <summary>Allergies, shown in a banner on every clinical page.</summary>
    public string? Allergies { get; set; }

    /// <summary>Other alerts for whoever treats the patient (e.g. "faints at needles"), shown in the same banner.</summary>
    public string? Alerts { get; set; }

    /// <summary>An optional second person to reach (a relative), with their mobile in E.164.</summary>
    public string? SecondContactName { get; set; }

    public string? SecondContactPhoneE164 { get; set; }

    /// <summary>The patient agreed to clinical photos of their scalp (needed before any is taken).</summary>
    public bool ConsentsToClinicalPhotos { get; set; }

    /// <summary>Separately, whether those photos may be used in teaching or marketing; no by default, and nothing in the app publishes.</summary>
    public bool ConsentsToTeachingUse { get; set; }

    /// <summary>How the patient wants appointment messages; null means the default for their phone (see <see cref="Messaging.ContactChannels"/>).</summary>
    public Messaging.ContactChannel? PreferredChannel { get; set; }

    /// <summary>The language of the patient's latest booking (null before any booking said one); new bookings default to it.</summary>
    public PatientLanguage? PreferredLanguage { get; set; }

    /// <summary>When the patient replied STOP: no WhatsApp or SMS from then on, until they reply START.</summary>
    public DateTime? TextOptOutUtc { get; set; }

    /// <summary>Optimistic concurrency token, renewed on every change.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}

public enum PatientSex
{
    Female = 0,
    Male = 1,
}
