using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Sharing.Contracts;
using SecureShare.Modules.Sharing.Data;
using SecureShare.Modules.Sharing.Domain;
using SecureShare.Modules.Sharing.Services;

namespace SecureShare.Modules.Sharing.Features.Shares;

/// <summary>
/// Share one credential with one tenant of its MSP family (MSP → its client, client → its MSP),
/// change the terms, or stop sharing (enabled: false). The target side sees it at its root, for its
/// audience and its Admins; stopping removes it there and flags the credential "needs rotation".
/// Both tenants' logs record it, in the same transaction.
/// </summary>
public static class PutShare
{
    public sealed record Body(bool? Enabled, AudienceBody? Audience, SharePermission? Permission, DateTimeOffset? ExpiresAt);

    public sealed record Command(Guid CredentialId, Guid TargetTenantId, bool? Enabled, AudienceBody? Audience, SharePermission? Permission, DateTimeOffset? ExpiresAt)
        : ICommand<ShareResponse>, IShareTerms, IAuditsRefusals;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/credentials/{id}/shares/{targetTenantId}", async (Guid id, Guid targetTenantId, Body body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Command(id, targetTenantId, body.Enabled, body.Audience, body.Permission, body.ExpiresAt), ct)))
            .WithSummary("Share a credential with the MSP or one of its clients, change the terms, or stop sharing.");

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock) => Include(new ShareTermsValidator(clock));
    }

    internal sealed class Handler(SharingDbContext db, ICurrentUser caller, ITenantStore tenants, ShareWriter writer) : ICommandHandler<Command, ShareResponse>
    {
        public async ValueTask<ShareResponse> Handle(Command command, CancellationToken ct)
        {
            caller.Require(Ability.ManageCredentials);
            var target = await db.LockedTargetAsync(tenants, caller.Required.Tenant, command.TargetTenantId, ct);
            var plan = await writer.PlanAsync(target, [command.CredentialId], ShareTermsValidator.Normalize(command), ct);
            var item = plan.Items.Single();
            switch (item.Refusal)
            {
                case ShareRefusal.NotFound: throw new NotFoundException("Credential");
                case ShareRefusal.NotOwner: throw new ForbiddenException(item.Reason!);
            }

            await writer.ApplyAsync(plan, ct);
            if (item.Outcome == ShareOutcome.Stopped)
            {
                return new ShareResponse(ShareOutcome.Stopped, null, true, "The other side could see this secret: rotate it (change the password) now.");
            }

            var share = await db.Shares.Include(s => s.Audience).AsNoTracking()
                .FirstOrDefaultAsync(s => s.CredentialId == command.CredentialId && s.TargetTenantId == target.Id, ct);
            return new ShareResponse(item.Outcome, share?.ToDto(target), false, null);
        }
    }
}
