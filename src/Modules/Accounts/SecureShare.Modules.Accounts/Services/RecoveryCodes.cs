using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>
/// Ten one-time codes for a lost authenticator: each 128 random bits written in base32 in groups of five, shown once,
/// stored as SHA-256 hashes; one is used by one conditional UPDATE, so two sign-ins racing with it cannot both pass.
/// </summary>
internal static class RecoveryCodes
{
    public const int Count = 10;

    /// <summary>Replaces the user's codes with ten new ones (the old ones stop working), saved with the caller's changes.</summary>
    public static async Task<IReadOnlyList<string>> ReplaceAsync(AccountsDbContext db, Guid userId, CancellationToken ct)
    {
        await db.RecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
        var codes = Enumerable.Range(0, Count).Select(_ => NewCode()).ToList();
        db.RecoveryCodes.AddRange(codes.Select(c => new RecoveryCode { UserId = userId, CodeHash = Hash(c) }));
        return codes;
    }

    /// <summary>Uses one unused code of the user: true when it was theirs and unused, and it is now used.</summary>
    public static async Task<bool> UseAsync(AccountsDbContext db, Guid userId, string code, DateTimeOffset now, CancellationToken ct)
    {
        var hash = Hash(code);
        return await db.RecoveryCodes.Where(c => c.UserId == userId && c.CodeHash == hash && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct) == 1;
    }

    public static Task<int> LeftAsync(AccountsDbContext db, Guid userId, CancellationToken ct) =>
        db.RecoveryCodes.CountAsync(c => c.UserId == userId && c.UsedAt == null, ct);

    private static string NewCode()
    {
        var text = Base32Encoding.ToString(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').ToLowerInvariant();
        return string.Join('-', text.Chunk(5).Select(c => new string(c)));
    }

    /// <summary>The hash of a code as typed: case, spaces and dashes do not matter.</summary>
    private static byte[] Hash(string code) =>
        SecretTokens.Hash(TotpCodes.Normalize(code).ToUpperInvariant());
}
