using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>
/// Changing the second factors of a user who has one asks for a recent sign-in: a stolen session (a token, an unattended
/// browser) older than <see cref="Window"/> can neither plant its own factor nor take the owner's away or mint recovery
/// codes; the owner signs in again (which took the factor). A user without a second factor enrols on any session:
/// there is nothing to take over yet, and a policy may require it at once.
/// </summary>
internal sealed class RecentSignIn(AccountsDbContext db, ICurrentUser caller, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public async Task<SessionPrincipal> RequireAsync(CancellationToken ct)
    {
        var (me, hasMfa, recent, _) = await LoadAsync(ct);
        if (hasMfa && !recent)
        {
            throw new ForbiddenException($"Changing your second factors needs a sign-in from the last {Window.TotalMinutes:0} minutes: sign out, sign in again, and retry.");
        }

        return me;
    }

    /// <summary>
    /// A fresh second-factor check for <paramref name="action"/> (an export of every secret): the caller is a person (no
    /// API key) whose session began within <see cref="Window"/> with a sign-in that took a second factor. Enrolling one in
    /// a session that began without it does not count: whoever held only the password could have enrolled it.
    /// </summary>
    public async Task<SessionPrincipal> RequireSecondFactorAsync(string action, CancellationToken ct)
    {
        if (caller.Required.Key is not null)
        {
            throw new ForbiddenException($"{action} needs a person who signed in with a second factor; an API key may not.");
        }

        var (me, hasMfa, recent, withSecondFactor) = await LoadAsync(ct);
        if (!hasMfa)
        {
            throw new ForbiddenException($"{action} needs a second factor: add an authenticator app or a passkey to your account first.");
        }

        return recent && withSecondFactor ? me : throw new ForbiddenException($"{action} needs a sign-in with your second factor from the last {Window.TotalMinutes:0} minutes: sign out, sign in again, and retry.");
    }

    private async Task<(SessionPrincipal Me, bool HasMfa, bool Recent, bool WithSecondFactor)> LoadAsync(CancellationToken ct)
    {
        var me = caller.Required;
        var row = await db.Users.Where(u => u.Id == me.UserId)
            .Select(u => new
            {
                HasMfa = u.TotpSecret != null || u.PasskeyCount > 0,
                Session = db.Sessions.Where(s => s.Id == me.SessionId && s.UserId == u.Id).Select(s => new { s.CreatedAt, s.WithSecondFactor }).FirstOrDefault(),
            })
            .FirstAsync(ct);
        return (me, row.HasMfa, row.Session is { } session && session.CreatedAt >= clock.GetUtcNow() - Window, row.Session?.WithSecondFactor == true);
    }
}
