using System.Security.Cryptography;
using System.Text;

namespace DynamicClinic.Domain.Appointments;

/// <summary>
/// The hash of one manage-link secret. Each message about an appointment carries a link of its own (the reminder
/// too), so no message depends on the patient keeping an earlier one; all are valid until the appointment is over.
/// </summary>
public class AppointmentManageToken
{
    public const int HashLength = 64;

    public int Id { get; set; }

    public int AppointmentId { get; set; }

    /// <summary>SHA-256 of the secret, as hex.</summary>
    public required string TokenHash { get; set; }

    public DateTime CreatedUtc { get; set; }

    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Constant-time check of a presented secret against a stored hash.</summary>
    public static bool Matches(string? presented, string? storedHash)
    {
        if (string.IsNullOrEmpty(presented) || string.IsNullOrEmpty(storedHash) || presented.Length > 100)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(storedHash));
    }

    public static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
