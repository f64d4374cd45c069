using System.Globalization;
using System.Security.Cryptography;

namespace DynamicClinic.BrowserTests.Infrastructure;

/// <summary>
/// What an authenticator app does (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), so a test can type the code a
/// phone would show. Identity checks codes against the real clock, so the code is computed from real time.
/// </summary>
public static class Totp
{
    public static string CodeNow(string base32Key)
    {
        var counter = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(message);
        }

        // HMAC-SHA1 is what authenticator apps and Identity's TOTP provider use; here it only mimics the app.
#pragma warning disable CA5350
        var hash = HMACSHA1.HashData(FromBase32(base32Key), message);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string base32)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in base32.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant().TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return bytes.ToArray();
    }
}
