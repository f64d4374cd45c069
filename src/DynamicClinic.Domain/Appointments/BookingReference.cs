using System.Security.Cryptography;

namespace DynamicClinic.Domain.Appointments;

/// <summary>
/// Short references patients read out over the phone, like <c>DC-7K3M9Q</c>. The alphabet leaves out
/// characters that are easy to confuse (0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V).
/// </summary>
public static class BookingReference
{
    public const string Prefix = "DC-";
    public const string Alphabet = "34679ACDEFGHJKMNPQRTWXY";
    public const int RandomLength = 6;

    public static string New()
    {
        Span<char> chars = stackalloc char[RandomLength];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return Prefix + new string(chars);
    }

    /// <summary>Accepts what a person types (any case, spaces, missing dash) and returns the canonical form, or null.</summary>
    public static string? Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var compact = new string(input.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
        if (compact.StartsWith("DC", StringComparison.Ordinal))
        {
            compact = compact[2..];
        }

        return compact.Length == RandomLength && compact.All(c => Alphabet.Contains(c, StringComparison.Ordinal))
            ? Prefix + compact
            : null;
    }
}
