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
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.Links;

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
                    caller.Require(Ability.ManageCredentials);
                }

                await LinkEndings.EndAsync(db.Links.Where(l => l.Id == command.Id && l.RevokedAt == null), LinkAuditEvents.Revoked, clock.GetUtcNow(), audit, ct);
                return Unit.Value;
            }

            // A link made in another tenant of a credential this tenant owns: its origin may end it, recorded in both logs.
            // Deliberate bypass: the link is found by id across tenants, then kept only if its credential is this tenant's own.
            var foreign = await db.Links.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).Where(l => l.Id == command.Id)
                .Select(l => new { l.CredentialId, l.Title, l.TenantId }).FirstOrDefaultAsync(ct);
            var credentialName = foreign is null ? null : await db.Credentials.Where(c => c.Id == foreign.CredentialId).Select(c => c.Name).FirstOrDefaultAsync(ct);
            if (foreign is null || credentialName is null || await tenants.FindAsync(foreign.TenantId, ct) is not { } madeIn)
            {
                throw new NotFoundException("Link");
            }

            await credentials.EntryAsync(foreign.CredentialId, ct); // the caller must see the credential (a folder restriction applies)
            caller.Require(Ability.ManageCredentials);
            int ended;
            using (TenantContext.Begin(madeIn))
            {
                ended = await LinkEndings.EndAsync(contexts.Create().Links.Where(l => l.Id == command.Id && l.RevokedAt == null), LinkAuditEvents.Revoked, clock.GetUtcNow(), audit, ct,
                    "revoked by the credential's owner");
            }

            if (ended > 0)
            {
                await audit.RecordAsync(LinkStates.Record(LinkAuditEvents.Revoked, command.Id, foreign.Title, foreign.CredentialId,
                    details: new Dictionary<string, string> { ["madeInTenantId"] = madeIn.Id.ToString() }, credentialName: credentialName), ct);
            }

            return Unit.Value;
        }
    }
}
