using DynamicClinic.Domain.Appointments;

namespace DynamicClinic.Domain.Patients;

/// <summary>
/// What the clinic holds about a patient that is clinical: the facts that decide whether a request to be forgotten
/// can be met by erasing the record or only by anonymising (or keeping) it.
/// </summary>
/// <param name="SessionNotes">Notes of any status (a draft is already the clinician's record of a visit).</param>
/// <param name="SessionPlans">Courses of treatment planned for the patient, of any status.</param>
/// <param name="AttendedAppointments">Appointments the patient came to (<see cref="PatientPrivacyRules.CountsAsAttended"/>).</param>
/// <param name="ProgressPhotos">Progress photos taken at any visit: clinical record, as notes are.</param>
public sealed record ClinicalRecordFacts(int SessionNotes, int SessionPlans, int AttendedAppointments, int ProgressPhotos = 0)
{
    public static ClinicalRecordFacts None { get; } = new(0, 0, 0);

    public bool Exists => SessionNotes > 0 || SessionPlans > 0 || AttendedAppointments > 0 || ProgressPhotos > 0;

    /// <summary>For staff: "2 session notes, 1 session plan and 3 attended appointments".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (SessionNotes > 0)
        {
            parts.Add(Count(SessionNotes, "session note"));
        }

        if (SessionPlans > 0)
        {
            parts.Add(Count(SessionPlans, "session plan"));
        }

        if (AttendedAppointments > 0)
        {
            parts.Add(Count(AttendedAppointments, "attended appointment"));
        }

        if (ProgressPhotos > 0)
        {
            parts.Add(Count(ProgressPhotos, "progress photo"));
        }

        return parts.Count switch
        {
            0 => "no clinical record",
            1 => parts[0],
            _ => string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1],
        };
    }

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}

/// <summary>What staff decided about a patient's request to be forgotten.</summary>
public enum PrivacyDecision
{
    /// <summary>No clinical record: the patient and everything holding their contact details is removed.</summary>
    Erase = 1,

    /// <summary>A clinical record the law lets the clinic pseudonymise: contact details replaced, clinical records kept.</summary>
    Anonymise = 2,

    /// <summary>Retention is required (or the request is refused): the reason is recorded and nothing changes.</summary>
    Keep = 3,
}

/// <summary>
/// The clinic's rules for a request to be forgotten. A patient with no clinical record is erased; one with a clinical
/// record (any note, any session plan, or any appointment they attended) cannot be erased, because medical records
/// must be retained: staff either anonymise the record or keep it, and record why.
/// </summary>
public static class PatientPrivacyRules
{
    public const int ReasonMinLength = 10;
    public const int ReasonMaxLength = 500;

    /// <summary>The placeholder mobile number of an anonymised record: matches no number a patient can type.</summary>
    public const string AnonymisedPhone = "";

    /// <summary>Why the future appointments of an anonymised record were cancelled.</summary>
    public const string AnonymisedCancellationReason = "Cancelled: the patient's record was anonymised at their request";

    /// <summary>A patient who came (arrived, or was seen to the end) has a clinical record; a booking alone, a no-show or a cancellation does not.</summary>
    public static bool CountsAsAttended(AppointmentStatus status) => status is AppointmentStatus.Arrived or AppointmentStatus.Completed;

    /// <summary>The name an anonymised record carries: its number only, so staff can still find the clinical records by it.</summary>
    public static string AnonymisedName(int patientId) => $"Anonymised patient {patientId}";

    /// <summary>The decisions open for this patient, the first being the one the clinic expects.</summary>
    public static IReadOnlyList<PrivacyDecision> Allowed(ClinicalRecordFacts facts, bool mergedAway, bool anonymised)
    {
        if (mergedAway)
        {
            return [];
        }

        if (anonymised)
        {
            return [PrivacyDecision.Keep];
        }

        return facts.Exists ? [PrivacyDecision.Anonymise, PrivacyDecision.Keep] : [PrivacyDecision.Erase, PrivacyDecision.Keep];
    }

    /// <summary>Null when <paramref name="decision"/> may be carried out; otherwise a sentence staff can act on.</summary>
    public static string? Refusal(PrivacyDecision decision, ClinicalRecordFacts facts, bool mergedAway, bool anonymised)
    {
        if (mergedAway)
        {
            return "This record was merged into another. Make the request on the record it was merged into.";
        }

        if (Allowed(facts, mergedAway, anonymised).Contains(decision))
        {
            return null;
        }

        return decision switch
        {
            PrivacyDecision.Erase when facts.Exists =>
                $"This patient can't be erased: the clinic holds a clinical record ({facts.Describe()}), which must be kept. Anonymise the record, or keep it and record why.",
            PrivacyDecision.Anonymise when anonymised => "This record is already anonymised.",
            PrivacyDecision.Anonymise => "This patient has no clinical record: erase the record instead of anonymising it.",
            PrivacyDecision.Erase when anonymised => "This record is anonymised and holds a clinical record: it can't be erased.",
            _ => "Choose what to do with this request.",
        };
    }

    /// <summary>Whether the typed confirmation names this record: its number, with or without the word "record".</summary>
    public static bool Confirms(string? typed, int patientId)
    {
        var text = (typed ?? "").Trim();
        if (text.StartsWith("record", StringComparison.OrdinalIgnoreCase))
        {
            text = text["record".Length..].Trim();
        }

        return string.Equals(text, patientId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
