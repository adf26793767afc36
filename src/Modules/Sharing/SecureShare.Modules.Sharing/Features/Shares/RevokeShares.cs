using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Sharing.Data;
using SecureShare.Modules.Sharing.Domain;
using SecureShare.Modules.Sharing.Services;

namespace SecureShare.Modules.Sharing.Features.Shares;

/// <summary>
/// Emergency revocation by scope, by an Admin: every share to or from one partner tenant (client
/// offboarding), or every share of the given credentials of the caller's tenant. Each ends as a stop
/// does (flagged for rotation, removed from the target), recorded as "revoked", all in one
/// transaction, set-based per partner tenant. Link shares end with them as <see cref="PartnerRevocation"/> says.
/// </summary>
public static class RevokeShares
{
    public const int MaxItems = 10_000;

    public sealed record Command(Guid? TargetTenantId, IReadOnlyList<Guid>? CredentialIds, bool DryRun = false) : ICommand<Response>, IAuditsRefusals;

    /// <summary>What ended, or with <c>dryRun</c> what would end (nothing is written) and who would lose access on each side.</summary>
    public sealed record Response(int Revoked, IReadOnlyList<Guid> CredentialIds, int LinksRevoked, IReadOnlyList<RevokePreview>? Preview = null);

    /// <summary>One side of a revocation by partner: the credentials leaving that tenant and its users who lose them.</summary>
    public sealed record RevokePreview(Guid TenantId, string TenantName, int Credentials, IReadOnlyList<AccessChange> Losing);

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/shares/revoke", async (Command command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command, ct)))
            .WithSummary("Admin: end every share to or from one tenant, or every share of some credentials (dryRun with targetTenantId: who on each side would lose access).");

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c).Must(c => (c.TargetTenantId is null) != (c.CredentialIds is null))
                .WithName("body").WithMessage("Give either targetTenantId or credentialIds.");
            RuleFor(c => c.CredentialIds).Must(ids => ids is null || (ids.Count > 0 && ids.Count <= MaxItems))
                .WithMessage($"credentialIds holds 1 to {MaxItems} ids.");
            RuleFor(c => c.DryRun).Must(dry => !dry).When(c => c.TargetTenantId is null)
                .WithMessage("dryRun previews a revocation by targetTenantId.");
        }
    }

    internal sealed class Handler(
        SharingDbContext db, ICurrentUser caller, ITenantStore tenants, ShareEnding ending, ShareWriter writer, PartnerRevocation partners)
        : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Require(Ability.Administer);
            await db.LockFamilyAsync(me.Tenant, ct);
            var revoked = new List<Guid>();
            var links = 0;
            if (command.TargetTenantId is { } partnerId)
            {
                var partner = await SharingEdge.TargetAsync(tenants, me.Tenant, partnerId, ct);
                var (outgoing, incoming) = await partners.SharesAsync(me.Tenant, partner, ct);
                if (command.DryRun)
                {
                    var losing = new[] { await LosingAsync(partner, outgoing, ct), await LosingAsync(me.Tenant, incoming, ct) };
                    return new Response(outgoing.Count + incoming.Count, [.. outgoing, .. incoming], 0, losing);
                }

                (revoked, links) = await partners.EndAsync(me.Tenant, partner, outgoing, incoming, ct);
            }
            else
            {
                var ids = command.CredentialIds!.Distinct().ToList();
                var byTarget = (await db.Shares.Where(s => ids.Contains(s.CredentialId)).Select(s => new { s.TargetTenantId, s.CredentialId }).ToListAsync(ct))
                    .GroupBy(s => s.TargetTenantId, s => s.CredentialId);
                foreach (var shares in byTarget)
                {
                    var target = await tenants.FindAsync(shares.Key, ct) ?? throw new TenantNotFoundException(shares.Key);
                    var ended = await ending.EndAsync(me.Tenant, target, shares.ToList(), ShareEnd.Revoked, ct);
                    revoked.AddRange(ended.CredentialIds);
                    links += ended.LinksEnded;
                }

                links += await partners.RevokeOwnLinksAsync(ids, ct);
            }

            return new Response(revoked.Count, revoked.Distinct().ToList(), links);
        }

        /// <summary>Who in <paramref name="target"/> would lose these credentials shared with it.</summary>
        private async Task<RevokePreview> LosingAsync(TenantInfo target, IReadOnlyList<Guid> credentialIds, CancellationToken ct)
        {
            var changes = await writer.AccessChangesAsync(target, ShareTermsValidator.Stop, credentialIds, credentialIds, ct);
            return new RevokePreview(target.Id, target.Name, credentialIds.Count, changes.Losing);
        }
    }
}
