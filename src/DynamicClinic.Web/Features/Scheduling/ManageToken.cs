using System.Security.Cryptography;
using System.Text;

namespace DynamicClinic.Web.Features.Scheduling;

/// <summary>
/// The secrets behind online booking. A booking attempt has a random secret, handed to the browser only
/// inside a Data Protection envelope. From it the server derives the appointment's idempotency key and its
/// manage token, so a second submit of the same confirmation finds the same appointment and can show the
/// same manage link, while the database stores only hashes of both.
/// </summary>
public static class ManageToken
{
    public static string NewAttemptSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The token in the patient's manage link.</summary>
    public static string TokenFor(string attemptSecret) => Base64Url(Derive(attemptSecret, "manage"));

    /// <summary>What the appointment stores to recognise a repeated confirmation.</summary>
    public static string IdempotencyHashFor(string attemptSecret) => Convert.ToHexString(SHA256.HashData(Derive(attemptSecret, "idempotency")));

    /// <summary>What the appointment stores to recognise its manage token.</summary>
    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Constant-time check of a presented token against the stored hash.</summary>
    public static bool Matches(string? presentedToken, string? storedHash)
    {
        if (string.IsNullOrEmpty(presentedToken) || string.IsNullOrEmpty(storedHash) || presentedToken.Length > 100)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presentedToken)), Encoding.ASCII.GetBytes(storedHash));
    }

    private static byte[] Derive(string attemptSecret, string purpose) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(attemptSecret), Encoding.UTF8.GetBytes(purpose));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
