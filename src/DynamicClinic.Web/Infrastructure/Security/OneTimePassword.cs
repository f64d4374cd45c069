using System.Security.Cryptography;

namespace DynamicClinic.Web.Infrastructure.Security;

/// <summary>
/// The password an admin hands over when creating an account or resetting one: 20 characters from an alphabet without
/// look-alikes (no 0/O, 1/l/I), about 116 bits from the system's cryptographic generator. Shown once, never stored or logged.
/// </summary>
public static class OneTimePassword
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public const int Length = 20;

    public static string New() => string.Create(Length, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
    });
}
