using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using DynamicClinic.IntegrationTests.Infrastructure;

namespace DynamicClinic.IntegrationTests.Staff;

/// <summary>
/// What the two-factor tests do as a person with an authenticator app would: read the key off the set-up page and
/// compute codes from it (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits). Identity checks codes against the real
/// clock (it does not use the app's TimeProvider), so codes are computed from real time too.
/// </summary>
public static partial class TwoFactorClient
{
    public const string Page = "/staff/account/two-factor";

    [GeneratedRegex("id=\"authenticator-key\">([^<]+)<")]
    private static partial Regex KeyField();

    [GeneratedRegex("<li><code>([A-Z0-9-]+)</code></li>")]
    private static partial Regex RecoveryCodeItem();

    public static string KeyIn(string html)
    {
        var match = KeyField().Match(html);
        Assert.True(match.Success, "The page shows no authenticator key.");
        return WebUtility.HtmlDecode(match.Groups[1].Value).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
    }

    public static IReadOnlyList<string> RecoveryCodesIn(string html) =>
        RecoveryCodeItem().Matches(html).Select(m => m.Groups[1].Value).ToList();

    /// <summary>The code an authenticator app shows now for <paramref name="base32Key"/>.</summary>
    public static string CodeNow(string base32Key) => Code(base32Key, DateTimeOffset.UtcNow);

    /// <summary>A 6-digit code that is none of those Identity accepts now (it allows a few steps either side).</summary>
    public static string WrongCodeNow(string base32Key)
    {
        var now = DateTimeOffset.UtcNow;
        var accepted = Enumerable.Range(-3, 7).Select(step => Code(base32Key, now.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !accepted.Contains(c));
    }

    public static string Code(string base32Key, DateTimeOffset at)
    {
        var counter = at.ToUnixTimeSeconds() / 30;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(message);
        }

        // HMAC-SHA1 is what RFC 6238 authenticator apps and Identity's TOTP provider use; here it only mimics the app.
#pragma warning disable CA5350
        var hash = HMACSHA1.HashData(FromBase32(base32Key), message);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Sets up two-factor for the signed-in client through the site; returns the key and the recovery codes shown.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> SetUpTwoFactorAsync(this HttpClient client)
    {
        var key = KeyIn(await client.GetStringAsync(Page));
        using (var enabled = await client.PostFormAsync(Page, Page + "/enable", new Dictionary<string, string> { ["Code"] = CodeNow(key) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
            Assert.Equal(Page + "/recovery-codes", enabled.Headers.Location!.OriginalString);
        }

        var codes = RecoveryCodesIn(await client.GetStringAsync(Page + "/recovery-codes"));
        Assert.Equal(10, codes.Count);
        return (key, codes);
    }

    /// <summary>Password then code: the whole two-step sign-in.</summary>
    public static async Task SignInWithCodeAsync(this HttpClient client, string email, string password, string key)
    {
        using (var first = await client.SignInAsync(email, password))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
            Assert.Equal("/staff/sign-in/two-factor", first.Headers.Location!.OriginalString);
        }

        using var second = await client.PostFormAsync("/staff/sign-in/two-factor", "/staff/sign-in/two-factor", new Dictionary<string, string> { ["Code"] = CodeNow(key) });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
    }

    private static byte[] FromBase32(string base32)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in base32.TrimEnd('='))
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
