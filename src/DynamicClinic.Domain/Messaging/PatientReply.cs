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
