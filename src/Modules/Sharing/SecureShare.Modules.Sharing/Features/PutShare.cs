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

namespace SecureShare.Modules.Sharing.Features;

public sealed record AudienceDto(bool Everyone, IReadOnlyList<Guid> UserIds, IReadOnlyList<Guid> GroupIds);

public sealed record ShareDto(
    Guid TargetTenantId, string TargetTenantName, AudienceDto Audience, SharePermission Permission, DateTimeOffset? ExpiresAt, DateTimeOffset CreatedAt, string CreatedBy);

public sealed record ShareResponse(string Outcome, ShareDto? Share, bool NeedsRotation, string? Message);

public sealed record AudienceBody(bool Everyone, IReadOnlyList<Guid>? UserIds, IReadOnlyList<Guid>? GroupIds);

/// <summary>The terms of a share request, single or bulk.</summary>
public interface IShareTerms
{
    bool? Enabled { get; }

    AudienceBody? Audience { get; }

    SharePermission? Permission { get; }

    DateTimeOffset? ExpiresAt { get; }
}

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
            caller.RequireRole(UserRole.Admin, UserRole.Technician);
            var target = await SharingEdge.TargetAsync(tenants, caller.Required.Tenant, command.TargetTenantId, ct);
            var plan = await writer.PlanAsync(target, [command.CredentialId], ShareTermsValidator.Normalize(command), ct);
            var item = plan.Items.Single();
            switch (item.Reason)
            {
                case ShareWriter.NotFound: throw new NotFoundException("Credential");
                case ShareWriter.NotOwner: throw new ForbiddenException(ShareWriter.NotOwner);
            }

            await writer.ApplyAsync(plan, ct);
            if (item.Outcome == "stopped")
            {
                return new ShareResponse("stopped", null, true, "The other side could see this secret: rotate it (change the password) now.");
            }

            var share = await db.Shares.Include(s => s.Audience).AsNoTracking()
                .FirstOrDefaultAsync(s => s.CredentialId == command.CredentialId && s.TargetTenantId == target.Id, ct);
            return new ShareResponse(item.Outcome, share?.ToDto(target), false, null);
        }
    }
}

/// <summary>The rules every share request's terms follow.</summary>
internal sealed class ShareTermsValidator : AbstractValidator<IShareTerms>
{
    /// <summary>Users and groups named in one audience; groups are how a large audience is named.</summary>
    public const int MaxAudience = 100;

    public ShareTermsValidator(TimeProvider clock)
    {
        RuleFor(c => c.Enabled).NotNull().WithMessage("enabled is required.");
        When(c => c.Enabled == true, () =>
        {
            RuleFor(c => c.Permission).KnownValue();
            RuleFor(c => c.Audience).NotNull().WithMessage("audience is required.");
            RuleFor(c => c.Audience!).Must(a => a.Everyone || (a.UserIds?.Count ?? 0) + (a.GroupIds?.Count ?? 0) > 0)
                .When(c => c.Audience is not null).WithName("audience")
                .WithMessage("Choose everyone, or at least one user or group of the target tenant.");
            RuleFor(c => c.Audience!).Must(a => (a.UserIds?.Count ?? 0) + (a.GroupIds?.Count ?? 0) <= MaxAudience)
                .When(c => c.Audience is not null).WithName("audience").WithMessage($"At most {MaxAudience} users and groups (name a group for more).");
            RuleFor(c => c.ExpiresAt).Must(e => e is null || e > clock.GetUtcNow()).WithMessage("expiresAt must be in the future.");
        });
    }

    /// <summary>Valid terms as the writer takes them; expiry kept to whole milliseconds so every database stores it exactly.</summary>
    public static ShareTerms Normalize(IShareTerms terms) => terms.Enabled == true
        ? new ShareTerms(
            true,
            terms.Permission!.Value,
            new ShareAudience(terms.Audience!.Everyone, (terms.Audience.UserIds ?? []).Distinct().ToList(), (terms.Audience.GroupIds ?? []).Distinct().ToList()),
            terms.ExpiresAt is { } e ? new DateTimeOffset(e.UtcTicks - (e.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero) : null)
        : new ShareTerms(false, SharePermission.View, new ShareAudience(true, [], []), null);
}

internal static class SharingEdge
{
    /// <summary>MSP → one of its clients, or client → its MSP. Never client to client, never across MSPs.</summary>
    public static bool Allows(TenantInfo origin, TenantInfo target) =>
        (origin.Kind == TenantKind.Msp && target.Kind == TenantKind.Client && target.ParentMspId == origin.Id)
        || (origin.Kind == TenantKind.Client && target.Kind == TenantKind.Msp && origin.ParentMspId == target.Id);

    /// <summary>The partner tenant, when sharing with it is allowed; any other id, existing or not, is a 404.</summary>
    public static async Task<TenantInfo> TargetAsync(ITenantStore tenants, TenantInfo origin, Guid targetId, CancellationToken ct)
    {
        var target = await tenants.FindAsync(targetId, ct);
        return target is not null && Allows(origin, target) ? target : throw new NotFoundException("Tenant");
    }

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
