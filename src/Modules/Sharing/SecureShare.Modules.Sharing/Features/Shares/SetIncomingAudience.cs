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
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Contracts;
using SecureShare.Modules.Sharing.Data;
using SecureShare.Modules.Sharing.Domain;
using SecureShare.Modules.Sharing.Services;

namespace SecureShare.Modules.Sharing.Features.Shares;

/// <summary>
/// On a share that grants Manage (Psono's Grant, mSecure's Admin), the target tenant's Admins choose who inside their own
/// tenant sees the credential: everyone, or users and groups of theirs. The share row (the origin's) takes the new
/// audience, the target's entry follows, and both logs record it; the origin sees the result in its effective-access
/// view and can still stop the share. On a View or Edit share the audience is the origin's to set: 403.
/// </summary>
public static class SetIncomingAudience
{
    public sealed record Command(Guid CredentialId, bool Everyone, IReadOnlyList<Guid>? UserIds, IReadOnlyList<Guid>? GroupIds) : ICommand<AudienceDto>, IAuditsRefusals;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/incoming-shares/{credentialId}/audience", async (Guid credentialId, AudienceBody body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Command(credentialId, body.Everyone, body.UserIds, body.GroupIds), ct)))
            .WithSummary("Target side Admin, on a Manage share: choose who in this tenant sees the credential.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c).Must(c => c.Everyone || (c.UserIds?.Count ?? 0) + (c.GroupIds?.Count ?? 0) > 0).WithName("audience")
                .WithMessage("Choose everyone, or at least one user or group of this tenant.");
            RuleFor(c => c).Must(c => (c.UserIds?.Count ?? 0) + (c.GroupIds?.Count ?? 0) <= ShareTermsValidator.MaxAudience).WithName("audience")
                .WithMessage($"At most {ShareTermsValidator.MaxAudience} users and groups (name a group for more).");
        }
    }

    internal sealed class Handler(
        ModuleDbContextFactory<SharingDbContext> contexts, ICurrentUser caller, ITenantStore tenants, ISender mediator, IPublisher publisher, ShareWriter writer,
        IAuditTrail audit, TimeProvider clock)
        : ICommandHandler<Command, AudienceDto>
    {
        public async ValueTask<AudienceDto> Handle(Command command, CancellationToken ct)
        {
            var entry = await mediator.Send(new FindVisibleEntry(command.CredentialId), ct);
            if (entry is null || entry.SharingState != SharingState.In)
            {
                throw new NotFoundException("Incoming share");
            }

            var me = caller.Require(Ability.Administer);
            if (!entry.Permission.TargetSetsAudience(me.Role))
            {
                throw new ForbiddenException("This share does not grant Manage: its origin chooses who sees it here.");
            }

            var audience = new ShareAudience(command.Everyone, (command.UserIds ?? []).Distinct().ToList(), (command.GroupIds ?? []).Distinct().ToList());
            await writer.CheckAudienceAsync(me.Tenant, audience, ct);
            var origin = await tenants.FindAsync(entry.OriginTenantId, ct) ?? throw new NotFoundException("Incoming share");
            SharePermission permission;
            using (TenantContext.Begin(origin))
            {
                var db = contexts.Create();
                await db.LockFamilyAsync(origin, ct);
                var share = await db.Shares.FirstOrDefaultAsync(s => s.CredentialId == command.CredentialId && s.TargetTenantId == me.Tenant.Id, ct)
                    ?? throw new NotFoundException("Incoming share");
                permission = share.Permission;
                (share.AudienceEveryone, share.UpdatedAt) = (audience.Everyone, clock.GetUtcNow());
                await db.Set<ShareAudienceMember>().Where(a => a.CredentialId == command.CredentialId && a.TargetTenantId == me.Tenant.Id).ExecuteDeleteAsync(ct);
                db.Set<ShareAudienceMember>().AddRange(audience.Members()
                    .Select(m => new ShareAudienceMember { CredentialId = command.CredentialId, TargetTenantId = me.Tenant.Id, PrincipalId = m.Id, Kind = m.Kind }));
                await db.SaveChangesAsync(ct);
                await audit.RecordManyAsync(Records(command.CredentialId, entry.Name, me.Tenant, audience), ct);
            }

            await publisher.Publish(new ShareTermsChanged([command.CredentialId], permission, audience), ct);
            await audit.RecordManyAsync(Records(command.CredentialId, entry.Name, origin, audience), ct);
            return new AudienceDto(audience.Everyone, audience.UserIds, audience.GroupIds);
        }

        /// <summary>share.updated, by the target, naming the other tenant of the share.</summary>
        private static IReadOnlyList<AuditRecord> Records(Guid credentialId, string name, TenantInfo other, ShareAudience audience) =>
            ShareEnding.Records(ShareAuditEvents.Updated, [credentialId], new Dictionary<Guid, string> { [credentialId] = name }, other, new Dictionary<string, string>
            {
                ["by"] = "target",
                ["everyone"] = audience.Everyone ? "true" : "false",
                ["audience"] = (audience.UserIds.Count + audience.GroupIds.Count).ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
    }
}
