using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Web.Infrastructure;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Features.Staff;

/// <summary>An authenticator key being set up: as the person types it, and as the QR code holds it.</summary>
public sealed record AuthenticatorSetup(string GroupedKey, string AuthenticatorUri);

/// <summary>What a staff member's two-factor sign-in looks like now.</summary>
public sealed record TwoFactorState(bool Enabled, int RecoveryCodesLeft, bool Required);

public enum TwoFactorChange
{
    Done,
    WrongCode,
    RefusedWhileRequired,
    NothingToChange,
}

/// <summary>
/// Two-factor sign-in with an authenticator app (Identity's TOTP provider) and one-use recovery codes. Each change is
/// audited and saved in one save with a new security stamp, so the account's other sessions end at their next request
/// (StaffSessionValidator); the caller refreshes the current session's cookie when it should go on.
/// The key and the codes live in Identity's AspNetUserTokens through its EF store; nothing here is logged but ids.
/// </summary>
public sealed class StaffTwoFactor(
    UserManager<StaffUser> users,
    IUserStore<StaffUser> store,
    AuditTrail audit,
    IStaffTwoFactorRequirement requirement,
    IOptions<ClinicOptions> clinic,
    ILogger<StaffTwoFactor> logger)
{
    public const int RecoveryCodeCount = 10;

    // Where Identity's EF store keeps the authenticator key and the recovery codes (rows of AspNetUserTokens).
    private const string IdentityTokenProvider = "[AspNetUserStore]";
    private const string AuthenticatorKeyName = "AuthenticatorKey";
    private const string RecoveryCodesName = "RecoveryCodes";

    // Recovery codes: 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S), shown as XXXXX-XXXXX.
    private const string RecoveryAlphabet = "23456789BCDFGHJKMNPQRTVWXY";

    public async Task<TwoFactorState> StateAsync(StaffUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var left = user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0;
        return new TwoFactorState(user.TwoFactorEnabled, left, await requirement.IsRequiredAsync(cancellationToken));
    }

    public Task<bool> IsRequiredAsync(CancellationToken cancellationToken) => requirement.IsRequiredAsync(cancellationToken);

    /// <summary>
    /// The key the staff member adds to their app. Made the first time they open the set-up; it stays the same until
    /// set-up is confirmed (so reloading the page does not invalidate what they already scanned) and does nothing
    /// until then: two-factor is off until a code from it is confirmed.
    /// </summary>
    public async Task<AuthenticatorSetup> SetupAsync(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            key = users.GenerateNewAuthenticatorKey();
            await KeyStore.SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
            // Saves the key; the account's sessions carry on (a key not yet confirmed changes nothing at sign-in).
            EnsureSucceeded(await users.UpdateAsync(user));
            logger.LogInformation("Staff {UserId} started setting up two-factor sign-in", user.Id);
        }

        return new AuthenticatorSetup(GroupInFours(key), AuthenticatorUri(key, user.Email ?? user.UserName ?? user.Id));
    }

    /// <returns>The new recovery codes, to be shown once; null when the code is wrong or there is no key to confirm.</returns>
    public async Task<IReadOnlyList<string>?> EnableAsync(StaffUser user, string code)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.TwoFactorEnabled || string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)) || !await IsCurrentCodeAsync(user, code))
        {
            return null;
        }

        user.TwoFactorEnabled = true;
        var codes = await ReplaceRecoveryCodesAsync(user);
        audit.Record(
            AuditActions.StaffTwoFactorEnabled,
            AuditEntityTypes.StaffUser,
            user.Id,
            patientId: null,
            $"{user.DisplayName} turned on two-factor sign-in with an authenticator app.",
            before: new { TwoFactorEnabled = false },
            after: new
            {
                TwoFactorEnabled = true,
                RecoveryCodes = codes.Count,
            });
        await SaveWithNewStampAsync(user);
        logger.LogInformation("Staff {UserId} turned on two-factor sign-in", user.Id);
        return codes;
    }

    /// <returns>The new recovery codes (the old ones stop working), or null when the code is wrong.</returns>
    public async Task<IReadOnlyList<string>?> RegenerateRecoveryCodesAsync(StaffUser user, string code)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.TwoFactorEnabled || !await IsCurrentCodeAsync(user, code))
        {
            return null;
        }

        var before = await users.CountRecoveryCodesAsync(user);
        var codes = await ReplaceRecoveryCodesAsync(user);
        audit.Record(
            AuditActions.StaffRecoveryCodesRegenerated,
            AuditEntityTypes.StaffUser,
            user.Id,
            patientId: null,
            $"{user.DisplayName} made new two-factor recovery codes; the old ones no longer work.",
            before: new { RecoveryCodes = before },
            after: new { RecoveryCodes = codes.Count });
        await SaveWithNewStampAsync(user);
        logger.LogInformation("Staff {UserId} regenerated recovery codes", user.Id);
        return codes;
    }

    /// <summary>The staff member turns two-factor off themselves: needs a current code, refused while the clinic requires it.</summary>
    public async Task<TwoFactorChange> DisableAsync(StaffUser user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.TwoFactorEnabled)
        {
            return TwoFactorChange.NothingToChange;
        }

        if (await requirement.IsRequiredAsync(cancellationToken))
        {
            return TwoFactorChange.RefusedWhileRequired;
        }

        if (!await IsCurrentCodeAsync(user, code))
        {
            return TwoFactorChange.WrongCode;
        }

        await RemoveAsync(user, AuditActions.StaffTwoFactorDisabled, $"{user.DisplayName} turned off two-factor sign-in.", cancellationToken);
        logger.LogInformation("Staff {UserId} turned off two-factor sign-in", user.Id);
        return TwoFactorChange.Done;
    }

    /// <summary>
    /// An admin resets another account's two-factor (a lost phone): off, key and recovery codes removed, every session of
    /// the account ended. If the clinic requires two-factor, the owner sets it up again at their next sign-in.
    /// </summary>
    /// <returns>Null when there is no such account.</returns>
    public async Task<TwoFactorChange?> ResetByAdminAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return null;
        }

        if (!user.TwoFactorEnabled && string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
        {
            return TwoFactorChange.NothingToChange;
        }

        await RemoveAsync(user, AuditActions.StaffTwoFactorReset, $"Reset the two-factor sign-in of {user.DisplayName}: key and recovery codes removed, sessions ended.", cancellationToken);
        logger.LogInformation("Staff account {UserId} two-factor reset by an admin", user.Id);
        return TwoFactorChange.Done;
    }

    /// <summary>Spaces, hyphens and case do not matter in what people type.</summary>
    public static string NormaliseCode(string? code) =>
        new string((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();

    /// <summary>A recovery code as stored (XXXXX-XXXXX), from whatever the person typed.</summary>
    public static string NormaliseRecoveryCode(string? code)
    {
        var bare = NormaliseCode(code);
        return bare.Length == 10 ? $"{bare[..5]}-{bare[5..]}" : bare;
    }

    private async Task<bool> IsCurrentCodeAsync(StaffUser user, string code)
    {
        var bare = NormaliseCode(code);
        return bare.Length == 6 && bare.All(char.IsAsciiDigit)
            && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, bare);
    }

    private async Task RemoveAsync(StaffUser user, string action, string summary, CancellationToken cancellationToken)
    {
        var wasEnabled = user.TwoFactorEnabled;
        var codesLeft = wasEnabled ? await users.CountRecoveryCodesAsync(user) : 0;
        user.TwoFactorEnabled = false;
        await TokenStore.RemoveTokenAsync(user, IdentityTokenProvider, AuthenticatorKeyName, cancellationToken);
        await TokenStore.RemoveTokenAsync(user, IdentityTokenProvider, RecoveryCodesName, cancellationToken);
        audit.Record(
            action,
            AuditEntityTypes.StaffUser,
            user.Id,
            patientId: null,
            summary,
            before: new
            {
                TwoFactorEnabled = wasEnabled,
                RecoveryCodes = codesLeft,
            },
            after: new
            {
                TwoFactorEnabled = false,
                RecoveryCodes = 0,
            });
        await SaveWithNewStampAsync(user);
    }

    private async Task<IReadOnlyList<string>> ReplaceRecoveryCodesAsync(StaffUser user)
    {
        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => NewRecoveryCode()).ToList();
        // Staged in the context with the rest of the change; saved by SaveWithNewStampAsync.
        await CodeStore.ReplaceCodesAsync(user, codes, CancellationToken.None);
        return codes;
    }

    // One save: the change, its audit entry and a new security stamp (the account's other sessions end).
    private async Task SaveWithNewStampAsync(StaffUser user) =>
        EnsureSucceeded(await users.UpdateSecurityStampAsync(user));

    private string AuthenticatorUri(string key, string account)
    {
        var issuer = Uri.EscapeDataString(clinic.Value.Name);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"otpauth://totp/{issuer}:{Uri.EscapeDataString(account)}?secret={key}&issuer={issuer}&algorithm=SHA1&digits=6&period=30");
    }

    private static string GroupInFours(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0)
            {
                grouped.Append(' ');
            }

            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return grouped.ToString().ToLowerInvariant();
    }

    private static string NewRecoveryCode()
    {
        var code = RandomNumberGenerator.GetString(RecoveryAlphabet, 10);
        return $"{code[..5]}-{code[5..]}";
    }

    private IUserAuthenticatorKeyStore<StaffUser> KeyStore => (IUserAuthenticatorKeyStore<StaffUser>)store;

    private IUserTwoFactorRecoveryCodeStore<StaffUser> CodeStore => (IUserTwoFactorRecoveryCodeStore<StaffUser>)store;

    private IUserAuthenticationTokenStore<StaffUser> TokenStore => (IUserAuthenticationTokenStore<StaffUser>)store;

    private static void EnsureSucceeded(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Identity refused the change: " + string.Join(" ", result.Errors.Select(e => e.Code)));
        }
    }
}
