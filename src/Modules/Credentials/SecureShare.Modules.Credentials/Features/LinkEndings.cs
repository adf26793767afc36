using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Services;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Contracts;

namespace SecureShare.Modules.Credentials.Features;

/// <summary>
/// Revokes one link share: its ciphertext is deleted at once and it answers 410. A link of the caller's
/// tenant: its maker may, and so may the tenant's Admins and Technicians. A link another tenant made of a
/// credential the caller's tenant owns: its Admins and Technicians may. Revoking a link that is already gone changes nothing.
/// </summary>
public static class RevokeLink
{
    public sealed record Command(Guid Id) : ICommand<Unit>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/links/{id}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new Command(id), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Revoke a link share: it answers 410 from now on and its ciphertext is deleted.");

    internal sealed class Handler(
        CredentialsDbContext db, ModuleDbContextFactory<CredentialsDbContext> contexts, VisibleCredentials credentials, ITenantStore tenants, ICurrentUser caller,
        TimeProvider clock, IAuditTrail audit)
        : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Required;
            var link = await db.Links.Where(l => l.Id == command.Id).Select(l => new { l.CredentialId, l.CreatedByUserId }).FirstOrDefaultAsync(ct);
            if (link is not null)
            {
                if (link.CreatedByUserId != me.UserId)
                {
                    caller.RequireRole(UserRole.Admin, UserRole.Technician);
                }

                await LinkEndings.EndAsync(db.Links.Where(l => l.Id == command.Id && l.RevokedAt == null), "revoked", clock.GetUtcNow(), audit, ct);
                return Unit.Value;
            }

            // A link made in another tenant of a credential this tenant owns: its origin may end it, recorded in both logs.
            // Deliberate bypass: the link is found by id across tenants, then kept only if its credential is this tenant's own.
            var foreign = await db.Links.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).Where(l => l.Id == command.Id)
                .Select(l => new { l.CredentialId, l.TenantId }).FirstOrDefaultAsync(ct);
            if (foreign is null || !await db.Credentials.AnyAsync(c => c.Id == foreign.CredentialId, ct)
                || await tenants.FindAsync(foreign.TenantId, ct) is not { } madeIn)
            {
                throw new NotFoundException("Link");
            }

            await credentials.EntryAsync(foreign.CredentialId, ct); // the caller must see the credential (a folder restriction applies)
            caller.RequireRole(UserRole.Admin, UserRole.Technician);
            int ended;
            using (TenantContext.Begin(madeIn))
            {
                ended = await LinkEndings.EndAsync(contexts.Create().Links.Where(l => l.Id == command.Id && l.RevokedAt == null), "revoked", clock.GetUtcNow(), audit, ct,
                    "revoked by the credential's owner");
            }

            if (ended > 0)
            {
                await audit.RecordAsync(LinkStates.Record("link.revoked", command.Id, foreign.CredentialId,
                    details: new Dictionary<string, string> { ["madeInTenantId"] = madeIn.Id.ToString() }), ct);
            }

            return Unit.Value;
        }
    }
}

internal static class LinkEndings
{
    /// <summary>
    /// Revokes every tenant's live links of a credential, each audited in the tenant that made it: the
    /// origin's and those its share targets made. Deliberate bypass: those tenants are found by the
    /// credential's id across tenants; each revocation then runs inside its tenant.
    /// </summary>
    public static async Task<int> RevokeEverywhereAsync(CredentialsDbContext db, ITenantStore tenants, ISender mediator, Guid credentialId, string reason, CancellationToken ct)
    {
        var tenantIds = await db.Links.IgnoreQueryFilters([ModuleDbContext.TenantFilter])
            .Where(l => l.CredentialId == credentialId && l.RevokedAt == null && l.Ciphertext != null)
            .Select(l => l.TenantId).Distinct().ToListAsync(ct);
        var revoked = 0;
        foreach (var tenantId in tenantIds)
        {
            if (await tenants.FindAsync(tenantId, ct) is { } tenant)
            {
                using (TenantContext.Begin(tenant))
                {
                    revoked += await mediator.Send(new RevokeLinkShares([credentialId], reason), ct);
                }
            }
        }

        return revoked;
    }

    /// <summary>
    /// Ends these links, however they end ("revoked" with the instant, or "expired"): one read of which they
    /// are, one UPDATE that deletes their ciphertext (and marks them revoked), and an audit event for each.
    /// </summary>
    public static async Task<int> EndAsync(
        IQueryable<LinkShare> links, string how, DateTimeOffset? revokedAt, IAuditTrail audit, CancellationToken ct, string? reason = null)
    {
        var ended = await links.Select(l => new { l.Id, l.CredentialId }).ToListAsync(ct);
        if (ended.Count == 0)
        {
            return 0;
        }

        var ids = ended.Select(l => l.Id).ToList();
        var rows = links.Where(l => ids.Contains(l.Id));
        await (revokedAt is { } at
            ? rows.ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, at).SetProperty(l => l.Ciphertext, (byte[]?)null), ct)
            : rows.ExecuteUpdateAsync(s => s.SetProperty(l => l.Ciphertext, (byte[]?)null), ct));
        var details = reason is null ? null : new Dictionary<string, string> { ["reason"] = reason };
        await audit.RecordManyAsync(ended.Select(l => LinkStates.Record($"link.{how}", l.Id, l.CredentialId, details: details)).ToList(), ct);
        return ended.Count;
    }
}

/// <summary>Revocation by scope: the ambient tenant's live links of some credentials, or all of them (sent from other tenants' requests).</summary>
internal sealed class RevokeLinkSharesHandler(ModuleDbContextFactory<CredentialsDbContext> contexts, TimeProvider clock, IAuditTrail audit)
    : ICommandHandler<RevokeLinkShares, int>
{
    public async ValueTask<int> Handle(RevokeLinkShares command, CancellationToken ct)
    {
        var db = contexts.Create();
        var links = db.Links.Where(l => l.RevokedAt == null && l.Ciphertext != null);
        if (command.CredentialIds is { } ids)
        {
            links = links.Where(l => ids.Contains(l.CredentialId));
        }

        return await LinkEndings.EndAsync(links, "revoked", clock.GetUtcNow(), audit, ct, command.Reason);
    }
}

/// <summary>
/// Deletes the ciphertext of every link share past its expiry, recorded as "expired" in its tenant's
/// log. Run by a recurring job, one transaction per tenant; until it runs, an expired link answers 410 anyway.
/// </summary>
public static class ExpireLinks
{
    public sealed record Command : IRequest<int>;

    internal sealed class Handler(
        CredentialsDbContext db, ModuleDbContextFactory<CredentialsDbContext> contexts, DbSession session, ITenantStore tenants, TimeProvider clock, IAuditTrail audit)
        : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();

            // Deliberate bypass: expiry spans every tenant; it reads tenant ids and clears each tenant's links inside it.
            var tenantIds = await db.Links.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking()
                .Where(l => l.ExpiresAt <= now && l.Ciphertext != null)
                .Select(l => l.TenantId).Distinct().ToListAsync(ct);

            var expired = 0;
            foreach (var tenantId in tenantIds)
            {
                if (await tenants.FindAsync(tenantId, ct) is not { } tenant)
                {
                    continue;
                }

                using (TenantContext.Begin(tenant))
                {
                    expired += await session.InTransactionAsync(
                        () => LinkEndings.EndAsync(contexts.Create().Links.Where(l => l.ExpiresAt <= now && l.Ciphertext != null), "expired", null, audit, ct),
                        ct);
                }
            }

            return expired;
        }
    }
}

/// <summary>A tenant's link share rules: the longest expiry its users may give (default 7 days).</summary>
