using DynamicClinic.Domain.Patients;

namespace DynamicClinic.Domain.Messaging;

/// <summary>
/// Which channel a message about an appointment goes by. Patients in Pakistan read WhatsApp, so a Pakistani mobile
/// defaults to it; a message that fails for good moves on to the next channel (WhatsApp, then SMS, then email), each
/// tried once. A patient who replied STOP gets no WhatsApp or SMS until START; email still goes if they gave one.
/// </summary>
public static class ContactChannels
{
    /// <summary>WhatsApp, then SMS, then email: a message that fails for good moves one step along.</summary>
    public static readonly IReadOnlyList<ContactChannel> FallbackOrder = [ContactChannel.WhatsApp, ContactChannel.Sms, ContactChannel.Email];

    /// <summary>The channel a patient who never chose one gets: WhatsApp for a Pakistani mobile (+92 3...), else SMS.</summary>
    public static ContactChannel DefaultFor(string? phoneE164) =>
        phoneE164 is { } phone && phone.StartsWith("+923", StringComparison.Ordinal) ? ContactChannel.WhatsApp : ContactChannel.Sms;

    public static ContactChannel Preferred(Patient patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        return patient.PreferredChannel ?? DefaultFor(patient.PhoneE164);
    }

    /// <summary>
    /// The channels to try, in order: the preferred one, then those after it in the fallback order, keeping only the
    /// ones that can reach this patient (a phone and no opt-out for texts, an address for email) and that the clinic
    /// has switched on. Empty means "no reminders": reception sees it on the record.
    /// </summary>
    public static IReadOnlyList<ContactChannel> Chain(Patient patient, IReadOnlySet<ContactChannel> enabled)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(enabled);
        if (patient.AnonymisedUtc is not null)
        {
            return [];
        }

        var preferred = Preferred(patient);
        return FallbackOrder
            .SkipWhile(c => c != preferred)
            .Where(c => enabled.Contains(c) && CanReach(patient, c))
            .ToList();
    }

    public static bool CanReach(Patient patient, ContactChannel channel)
    {
        ArgumentNullException.ThrowIfNull(patient);
        return channel switch
        {
            ContactChannel.Email => !string.IsNullOrWhiteSpace(patient.Email),
            _ => !string.IsNullOrWhiteSpace(patient.PhoneE164) && patient.TextOptOutUtc is null,
        };
    }

    /// <summary>The address a channel uses: the mobile for texts, the email address for email.</summary>
    public static string? AddressFor(Patient patient, ContactChannel channel)
    {
        ArgumentNullException.ThrowIfNull(patient);
        return CanReach(patient, channel) ? (channel == ContactChannel.Email ? patient.Email : patient.PhoneE164) : null;
    }

    /// <summary>Words for staff pages.</summary>
    public static string Label(ContactChannel channel) => channel switch
    {
        ContactChannel.WhatsApp => "WhatsApp",
        ContactChannel.Sms => "SMS",
        _ => "Email",
    };
}
