using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Contracts;
using SecureShare.Modules.Sharing.Data;
using SecureShare.Modules.Sharing.Domain;
using SecureShare.Modules.Sharing.Services;

namespace SecureShare.Modules.Sharing.Features;

public sealed record AudienceDto(bool Everyone, IReadOnlyList<Guid> UserIds, IReadOnlyList<Guid> GroupIds);

public sealed record ShareDto(
    Guid TargetTenantId, string TargetTenantName, AudienceDto Audience, SharePermission Permission, DateTimeOffset? ExpiresAt, DateTimeOffset CreatedAt, string CreatedBy);

public sealed record ShareResponse(string Outcome, ShareDto? Share, bool NeedsRotation, string? Message);

/// <summary>
/// Share one credential with one tenant of its MSP family (MSP → its client, client → its MSP),
/// change the terms, or stop sharing (enabled: false). The target side sees it at its root, for its
/// audience and its Admins; stopping removes it there and flags the credential "needs rotation".
/// Both tenants' logs record it, in the same transaction.
/// </summary>
public static class PutShare
{
    public const int MaxAudience = 1_000;

    public sealed record AudienceBody(bool Everyone, IReadOnlyList<Guid>? UserIds, IReadOnlyList<Guid>? GroupIds);

    public sealed record Body(bool? Enabled, AudienceBody? Audience, SharePermission? Permission, DateTimeOffset? ExpiresAt);

    public sealed record Command(Guid CredentialId, Guid TargetTenantId, Body Terms) : ICommand<ShareResponse>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/credentials/{id}/shares/{targetTenantId}", async (Guid id, Guid targetTenantId, Body body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Command(id, targetTenantId, body), ct)))
            .WithTags("Shares")
            .WithSummary("Share a credential with the MSP or one of its clients, change the terms, or stop sharing.");

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Terms.Enabled).NotNull().WithName("enabled").WithMessage("enabled is required.");
            When(c => c.Terms.Enabled == true, () =>
            {
                RuleFor(c => c.Terms.Permission).KnownValue().WithName("permission");
                RuleFor(c => c.Terms.Audience).NotNull().WithName("audience").WithMessage("audience is required.");
                RuleFor(c => c.Terms.Audience!).Must(a => a.Everyone || (a.UserIds?.Count ?? 0) + (a.GroupIds?.Count ?? 0) > 0)
                    .When(c => c.Terms.Audience is not null).WithName("audience")
                    .WithMessage("Choose everyone, or at least one user or group of the target tenant.");
                RuleFor(c => c.Terms.Audience!).Must(a => (a.UserIds?.Count ?? 0) + (a.GroupIds?.Count ?? 0) <= MaxAudience)
                    .When(c => c.Terms.Audience is not null).WithName("audience").WithMessage($"At most {MaxAudience} users and groups.");
                RuleFor(c => c.Terms.ExpiresAt).Must(e => e is null || e > clock.GetUtcNow()).WithName("expiresAt")
                    .WithMessage("expiresAt must be in the future.");
            });
        }
    }

    internal sealed class Handler(
        SharingDbContext db, ICurrentUser caller, ITenantStore tenants, IMediator mediator, TimeProvider clock, IAuditTrail audit, ShareEnding ending)
        : ICommandHandler<Command, ShareResponse>
    {
        public async ValueTask<ShareResponse> Handle(Command command, CancellationToken ct)
        {
            var me = caller.RequireRole(UserRole.Admin, UserRole.Technician);
            var entry = await mediator.Send(new FindVisibleEntry(command.CredentialId), ct) ?? throw new NotFoundException("Credential");
            if (entry.OriginTenantId != me.Tenant.Id)
            {
                throw new ForbiddenException("Only the tenant that owns a credential shares it.");
            }

            var target = await tenants.FindAsync(command.TargetTenantId, ct);
            if (target is null || !SharingEdge.Allows(me.Tenant, target))
            {
                throw new NotFoundException("Tenant");
            }

            var share = await db.Shares.Include(s => s.Audience)
                .FirstOrDefaultAsync(s => s.CredentialId == command.CredentialId && s.TargetTenantId == target.Id, ct);
            var targets = new[] { new AuditTarget("credential", command.CredentialId), new AuditTarget("tenant", target.Id) };

            if (command.Terms.Enabled == false)
            {
                return await ending.EndAsync(me.Tenant, command.CredentialId, target, "stopped", ct)
                    ? new ShareResponse("stopped", null, true, "The other side could see this secret: rotate it (change the password) now.")
                    : new ShareResponse("unchanged", null, false, null);
            }

            var terms = command.Terms;
            var users = (terms.Audience!.UserIds ?? []).Distinct().ToList();
            var groups = (terms.Audience.GroupIds ?? []).Distinct().ToList();
            using (TenantContext.Begin(target))
            {
                if ((await mediator.Send(new FindUsers(users), ct)).Count != users.Count
                    || (await mediator.Send(new FindGroups(groups), ct)).Count != groups.Count)
                {
                    throw new NotFoundException("Audience user or group");
                }
            }

            var everyone = terms.Audience.Everyone;
            var audienceRows = users.Select(id => (id, "user")).Concat(groups.Select(id => (id, "group")))
                .Select(a => new ShareAudienceMember { CredentialId = command.CredentialId, TargetTenantId = target.Id, PrincipalId = a.id, Kind = a.Item2 })
                .ToList();
            var now = clock.GetUtcNow();
            string outcome;
            if (share is null)
            {
                share = new Share
                {
                    CredentialId = command.CredentialId,
                    TargetTenantId = target.Id,
                    Permission = terms.Permission!.Value,
                    AudienceEveryone = everyone,
                    ExpiresAt = terms.ExpiresAt,
                    CreatedAt = now,
                    UpdatedAt = now,
                    CreatedByUserId = me.UserId,
                    CreatedByName = me.DisplayName,
                    Audience = audienceRows,
                };
                db.Shares.Add(share);
                outcome = "shared";
            }
            else if (share.Permission == terms.Permission && share.AudienceEveryone == everyone && share.ExpiresAt == terms.ExpiresAt
                && share.Audience.Select(a => a.PrincipalId).Order().SequenceEqual(audienceRows.Select(a => a.PrincipalId).Order()))
            {
                return new ShareResponse("unchanged", share.ToDto(target), false, null);
            }
            else
            {
                share.Permission = terms.Permission!.Value;
                share.AudienceEveryone = everyone;
                share.ExpiresAt = terms.ExpiresAt;
                share.UpdatedAt = now;
                share.Audience.Clear();
                share.Audience.AddRange(audienceRows);
                outcome = "updated";
            }

            await db.SaveChangesAsync(ct);
            var listing = await mediator.Send(new GetCredentialListing(command.CredentialId), ct) ?? throw new NotFoundException("Credential");
            await PublishCountAsync(command.CredentialId, ct);
            var type = outcome == "shared" ? "share.created" : "share.updated";
            var details = new Dictionary<string, string> { ["permission"] = share.Permission.ToString(), ["everyone"] = everyone ? "true" : "false" };
            await audit.RecordAsync(new AuditRecord(type, AuditOutcome.Succeeded, targets, details), ct);
            using (TenantContext.Begin(target))
            {
                await mediator.Publish(new CredentialSharedIn(listing, share.Permission.ToString(), new ShareAudience(everyone, users, groups)), ct);
                await audit.RecordAsync(
                    new AuditRecord(outcome == "shared" ? "share.received" : "share.updated", AuditOutcome.Succeeded,
                        [new AuditTarget("credential", command.CredentialId), new AuditTarget("tenant", me.Tenant.Id)], details),
                    ct);
            }

            return new ShareResponse(outcome, share.ToDto(target), false, null);
        }

        private async Task PublishCountAsync(Guid credentialId, CancellationToken ct) =>
            await mediator.Publish(new ShareCountChanged(credentialId, await db.Shares.CountAsync(s => s.CredentialId == credentialId, ct)), ct);
    }
}

internal static class SharingEdge
{
    /// <summary>MSP → one of its clients, or client → its MSP. Never client to client, never across MSPs.</summary>
    public static bool Allows(TenantInfo origin, TenantInfo target) =>
        (origin.Kind == TenantKind.Msp && target.Kind == TenantKind.Client && target.ParentMspId == origin.Id)
        || (origin.Kind == TenantKind.Client && target.Kind == TenantKind.Msp && origin.ParentMspId == target.Id);

    public static ShareDto ToDto(this Share share, TenantInfo target) => new(
        target.Id,
        target.Name,
        new AudienceDto(
            share.AudienceEveryone,
            share.Audience.Where(a => a.Kind == "user").Select(a => a.PrincipalId).Order().ToList(),
            share.Audience.Where(a => a.Kind == "group").Select(a => a.PrincipalId).Order().ToList()),
        share.Permission,
        share.ExpiresAt,
        share.CreatedAt,
        share.CreatedByName);
}
