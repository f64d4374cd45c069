namespace DynamicClinic.Domain.Messaging;

/// <summary>
/// A message's delivery as providers report it: sent, delivered, read, or failed. Providers retry and reorder their
/// callbacks, so a state only ever moves forward: a late "delivered" never overwrites "read".
/// </summary>
public static class DeliveryStates
{
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Read = "read";
    public const string Failed = "failed";

    /// <summary>Whether a report of <paramref name="reported"/> should replace <paramref name="current"/>.</summary>
    public static bool Advances(string? current, string reported) => Rank(reported) > Rank(current);

    /// <summary>Twilio's and Meta's words for the same states (Twilio: queued, sent, delivered, undelivered, failed, read).</summary>
    public static string? Normalise(string? providerStatus) => providerStatus?.Trim().ToLowerInvariant() switch
    {
        "sent" => Sent,
        "delivered" => Delivered,
        "read" => Read,
        "failed" or "undelivered" => Failed,
        _ => null,
    };

    // Failed outranks delivery only when nothing better was reported: a "failed" after "read" is stale.
    private static int Rank(string? state) => state switch
    {
        Sent => 1,
        Failed => 2,
        Delivered => 3,
        Read => 4,
        _ => 0,
    };

    public static string Label(string? state) => state switch
    {
        Sent => "sent",
        Delivered => "delivered",
        Read => "read",
        Failed => "failed",
        _ => "waiting to send",
    };
}
