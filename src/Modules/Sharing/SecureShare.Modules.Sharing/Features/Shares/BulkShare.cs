using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Sharing.Contracts;
using SecureShare.Modules.Sharing.Data;
using SecureShare.Modules.Sharing.Domain;
using SecureShare.Modules.Sharing.Services;

namespace SecureShare.Modules.Sharing.Features.Shares;

/// <summary>
/// Bulk share, bulk update and bulk stop-share from a list view: one target tenant, up to 100,000
/// credentials, one outcome per credential. Everything permitted is applied in one transaction with
/// a constant number of SQL statements; repeating the request changes nothing more ("unchanged").
/// With dryRun nothing changes and the answer also lists who in the target would gain or lose access.
/// Above the jobs' threshold (20,000 by default) the request answers 202 and a job does the same work, still in one
/// transaction, in steps of <see cref="JobProgress.Step"/> credentials so that its progress can be followed.
/// </summary>
public static class BulkShare
{
    public const int MaxItems = 100_000;

    /// <summary>The audience rows one request may write: each credential gets a row per named user or group.</summary>
    public const int MaxAudienceRows = 100_000;

    public sealed record Command(
        IReadOnlyList<Guid>? CredentialIds,
        Guid? TargetTenantId,
        bool? Enabled,
        AudienceBody? Audience,
        SharePermission? Permission,
        DateTimeOffset? ExpiresAt,
        bool DryRun = false) : ICommand<Response>, IShareTerms, IAuditsRefusals;

    public sealed record Response(IReadOnlyList<ShareItemResult> Results, AccessChanges? AccessChanges);

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/shares/bulk", async Task<Results<Ok<Response>, Accepted<JobTicket>>> (Command command, IMediator mediator, IJobs jobs, CancellationToken ct) =>
            {
                if (!command.DryRun && command.CredentialIds?.Count > jobs.Threshold)
                {
                    var job = await jobs.StartAsync(command, Ability.ManageCredentials, command.CredentialIds.Count, ct);
                    return TypedResults.Accepted(job.Location, job);
                }

                return TypedResults.Ok(await mediator.Send(command, ct));
            })
            .WithSummary("Share, update or stop sharing many credentials with one tenant (dryRun: preview who gains or loses access); above the jobs' threshold, 202 and a job.");

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.CredentialIds).Cascade(CascadeMode.Stop).NotNull().WithMessage("credentialIds is required.")
                .Must(ids => ids!.Count is > 0 and <= MaxItems).WithMessage($"credentialIds holds 1 to {MaxItems:N0} ids.")
                .Must(ids => ids!.Distinct().Count() == ids!.Count).WithMessage("credentialIds holds each id once.");
            RuleFor(c => c.TargetTenantId).NotNull().WithMessage("targetTenantId is required.");
            Include(new ShareTermsValidator(clock));
            RuleFor(c => c).Must(c => (long)c.CredentialIds!.Count * ((c.Audience!.UserIds?.Count ?? 0) + (c.Audience.GroupIds?.Count ?? 0)) <= MaxAudienceRows)
                .When(c => c.Enabled == true && c.CredentialIds is not null && c.Audience is { Everyone: false })
                .WithName("audience")
                .WithMessage($"One request writes at most {MaxAudienceRows:N0} audience rows (credentials × named users and groups): name a group, or share in smaller batches.");
        }
    }

    internal sealed class Handler(SharingDbContext db, ICurrentUser caller, ITenantStore tenants, ShareWriter writer, JobProgress progress) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Require(Ability.ManageCredentials);
            var target = await db.LockedTargetAsync(tenants, me.Tenant, command.TargetTenantId!.Value, ct);
            var terms = ShareTermsValidator.Normalize(command);
            if (command.DryRun)
            {
                var preview = await writer.PlanAsync(target, command.CredentialIds!, terms, ct);
                return new Response(preview.Items, await writer.AccessChangesAsync(preview, ct));
            }

            var items = new List<ShareItemResult>(command.CredentialIds!.Count);
            foreach (var step in command.CredentialIds!.Chunk(progress.Tracked ? JobProgress.Step : MaxItems))
            {
                var plan = await writer.PlanAsync(target, step, terms, ct);
                await writer.ApplyAsync(plan, ct);
                items.AddRange(plan.Items);
                progress.Report(items.Count, command.CredentialIds.Count);
            }

            return new Response(items, null);
        }
    }
}
