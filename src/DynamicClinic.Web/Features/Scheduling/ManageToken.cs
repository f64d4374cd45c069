using System.Security.Cryptography;
using System.Text;

namespace DynamicClinic.Web.Features.Scheduling;

/// <summary>
/// The secrets behind online booking. A booking attempt has a random secret, handed to the browser only
/// inside a Data Protection envelope. From it the server derives the appointment's idempotency key and its
/// manage token, so a second submit of the same confirmation finds the same appointment and can show the
/// same manage link, while the database stores only hashes of both (hashing and checking a token is
/// <see cref="Domain.Appointments.AppointmentManageToken"/>'s).
/// </summary>
public static class ManageToken
{
    public static string NewAttemptSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The token in the patient's manage link.</summary>
    public static string TokenFor(string attemptSecret) => Base64Url(Derive(attemptSecret, "manage"));

    /// <summary>What the appointment stores to recognise a repeated confirmation.</summary>
    public static string IdempotencyHashFor(string attemptSecret) => Convert.ToHexString(SHA256.HashData(Derive(attemptSecret, "idempotency")));

    private static byte[] Derive(string attemptSecret, string purpose) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(attemptSecret), Encoding.UTF8.GetBytes(purpose));

    private static string Base64Url(byte[] bytes) => Domain.Appointments.AppointmentManageToken.Base64Url(bytes);
}
