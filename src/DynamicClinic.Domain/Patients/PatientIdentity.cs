using System.Globalization;
using System.Text;

namespace DynamicClinic.Domain.Patients;

/// <summary>
/// When a booking belongs to a record that exists (docs/decisions/0004-patient-identity.md). Families share one
/// mobile in Pakistan, so a phone alone never identifies a person: a booking joins a record only with the same
/// phone and the same name (case, spacing and accents folded), or the same phone and the same email. Anything
/// less makes a new record, flagged as a possible duplicate for reception to merge or dismiss.
/// </summary>
public static class PatientIdentity
{
    /// <summary>"  MUHAMMAD   Alí " and "muhammad ali" are the same name; Urdu keeps its letters, minus vowel marks.</summary>
    public static string NormaliseName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }

        var builder = new StringBuilder(name.Length);
        var pendingSpace = false;
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    public static string? NormaliseEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>Whether a booking with these details is the person this record is about.</summary>
    public static bool IsSamePerson(Patient existing, string fullName, string phoneE164, string? email)
    {
        ArgumentNullException.ThrowIfNull(existing);
        if (existing.PhoneE164 != phoneE164)
        {
            return false;
        }

        if (NormaliseName(existing.FullName) == NormaliseName(fullName))
        {
            return true;
        }

        var theirs = NormaliseEmail(existing.Email);
        return theirs is not null && theirs == NormaliseEmail(email);
    }

    /// <summary>Whether two records might be one person: reception is asked, never the booking patient.</summary>
    public static bool MightBeSamePerson(Patient existing, string phoneE164, string? email) =>
        existing.PhoneE164 == phoneE164
        || (NormaliseEmail(existing.Email) is { } theirs && theirs == NormaliseEmail(email));
}
