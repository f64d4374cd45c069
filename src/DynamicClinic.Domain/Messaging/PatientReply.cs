namespace DynamicClinic.Domain.Messaging;

/// <summary>What a patient's text means to the clinic.</summary>
public enum PatientReplyKind
{
    /// <summary>Anything else: it goes to reception's inbox.</summary>
    Other,
    Confirm,
    Cancel,
    CallMe,
    Stop,
    Start,
}

/// <summary>
/// Reads a reply: the reminder's WhatsApp buttons send CONFIRM, CANCEL or CALL_ME as their payload; by SMS patients
/// answer 1, 2 or 3. STOP and START (and the usual carrier words) switch texts off and on. Only the whole message
/// counts: "1 but I may be late" is a message for reception, not a confirmation.
/// </summary>
public static class PatientReply
{
    public const string ConfirmPayload = "CONFIRM";
    public const string CancelPayload = "CANCEL";
    public const string CallMePayload = "CALL_ME";

    /// <summary>
    /// A reply and the appointment it names, if any: a WhatsApp button's payload ("CONFIRM|DC-7K3M9Q"), or an SMS
    /// answer to "which appointment?" ("2 DC-7K3M9Q"). The reference is only a claim: the caller checks it is one of
    /// this number's own appointments.
    /// </summary>
    public static (PatientReplyKind Kind, string? Reference) ReadWithReference(string? text)
    {
        var value = (text ?? "").Trim();
        var split = value.IndexOfAny(['|', ' ']);
        if (split > 0)
        {
            var kind = Read(value[..split]);
            var reference = value[(split + 1)..].Trim().ToUpperInvariant();
            if (kind is PatientReplyKind.Confirm or PatientReplyKind.Cancel or PatientReplyKind.CallMe
                && reference.StartsWith("DC-", StringComparison.Ordinal) && reference.Length <= 12 && !reference.Contains(' ', StringComparison.Ordinal))
            {
                return (kind, reference);
            }
        }

        return (Read(value), null);
    }

    public static PatientReplyKind Read(string? text)
    {
        var word = (text ?? "").Trim().TrimEnd('.', '!').Trim().ToUpperInvariant();
        return word switch
        {
            "1" or ConfirmPayload or "YES" => PatientReplyKind.Confirm,
            "2" or CancelPayload => PatientReplyKind.Cancel,
            "3" or CallMePayload or "CALL ME" => PatientReplyKind.CallMe,
            "STOP" or "STOPALL" or "UNSUBSCRIBE" or "END" or "QUIT" => PatientReplyKind.Stop,
            "START" or "UNSTOP" => PatientReplyKind.Start,
            _ => PatientReplyKind.Other,
        };
    }
}
