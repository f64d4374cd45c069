using System.Security.Cryptography;
using System.Text;

namespace DynamicClinic.Web.Features.Messages;

/// <summary>
/// Checks that a webhook came from the provider. Both compare in constant time, so a caller learns nothing from how
/// long a wrong signature takes to refuse.
/// </summary>
public static class WebhookSignatures
{
    /// <summary>Meta: <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256 of the raw body, keyed with the app secret&gt;</c>.</summary>
    public static bool IsValidMeta(string? header, ReadOnlySpan<byte> body, string appSecret)
    {
        const string prefix = "sha256=";
        if (header is null || !header.StartsWith(prefix, StringComparison.Ordinal) || header.Length != prefix.Length + 64)
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(header.AsSpan(prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    public static string Meta(ReadOnlySpan<byte> body, string appSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));

    /// <summary>
    /// Twilio: <c>X-Twilio-Signature</c> is base64 HMAC-SHA1, keyed with the auth token, of the full URL Twilio called
    /// followed by every POST parameter's name and value, sorted by name.
    /// </summary>
    public static string Twilio(string url, IEnumerable<KeyValuePair<string, string>> form, string authToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }

#pragma warning disable CA5350 // Twilio's signature scheme is HMAC-SHA1; we verify theirs, we cannot choose another.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    public static bool IsValidTwilio(string? header, string url, IEnumerable<KeyValuePair<string, string>> form, string authToken)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Twilio(url, form, authToken));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(header), expected);
    }
}
