using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Me;

/// <summary>The caller's second factors: whether an authenticator app is on (or being enrolled), their passkeys, recovery codes left.</summary>
public static class GetMyMfa
{
    public sealed record Query : IQuery<Response>;

    public sealed record Response(bool Totp, bool TotpPending, IReadOnlyList<PasskeyDto> Passkeys, int RecoveryCodesLeft);

    /// <summary>A passkey as its owner sees it: no key material.</summary>
    public sealed record PasskeyDto(Guid Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/me/mfa", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Query(), ct)))
            .WithMetadata(AllowedInLimitedSession.BeforeMfaEnrolment)
            .WithSummary("Your second factors: authenticator app on or pending, passkeys, recovery codes left.");

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken ct)
        {
            var me = caller.Required;
            var user = await db.Users.Where(u => u.Id == me.UserId).Select(u => new { On = u.TotpSecret != null, Pending = u.TotpPendingSecret != null }).FirstAsync(ct);
            var passkeys = await db.Passkeys.Where(p => p.UserId == me.UserId).OrderBy(p => p.Id)
                .Select(p => new PasskeyDto(p.Id, p.Name, p.CreatedAt, p.LastUsedAt)).ToListAsync(ct);
            return new Response(user.On, user.Pending, passkeys, await RecoveryCodes.LeftAsync(db, me.UserId, ct));
        }
    }
}
