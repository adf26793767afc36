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

public static class LinkPolicies
{
    public sealed record PolicyDto(int MaxExpiryMinutes);

    public sealed record Get : IQuery<PolicyDto>;

    public sealed record Put(int? MaxExpiryMinutes) : ICommand<PolicyDto>;

    internal static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/links/policy", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Get(), ct)))
            .WithTags("Link shares")
            .WithSummary("Your tenant's link share policy.");
        api.MapPut("/links/policy", async (Put command, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(command, ct)))
            .WithTags("Link shares")
            .WithSummary("Admin: set the longest expiry a link share of your tenant may have.");
    }

    internal sealed class PutValidator : AbstractValidator<Put>
    {
        public PutValidator() =>
            RuleFor(c => c.MaxExpiryMinutes).NotNull().InclusiveBetween(1, LinkLimits.PolicyCeilingMinutes)
                .WithMessage($"maxExpiryMinutes is 1 to {LinkLimits.PolicyCeilingMinutes} (90 days).");
    }

    internal sealed class GetHandler(CredentialsDbContext db) : IQueryHandler<Get, PolicyDto>
    {
        public async ValueTask<PolicyDto> Handle(Get query, CancellationToken ct) => new(await MaxExpiryMinutesAsync(db, ct));
    }

    /// <summary>The longest expiry the context's tenant allows: its policy's, or the default.</summary>
    internal static async Task<int> MaxExpiryMinutesAsync(CredentialsDbContext db, CancellationToken ct) =>
        await db.LinkPolicies.Select(p => (int?)p.MaxExpiryMinutes).FirstOrDefaultAsync(ct) ?? LinkLimits.DefaultMaxExpiryMinutes;

    internal sealed class PutHandler(CredentialsDbContext db, ICurrentUser caller, TimeProvider clock, IAuditTrail audit) : ICommandHandler<Put, PolicyDto>
    {
        public async ValueTask<PolicyDto> Handle(Put command, CancellationToken ct)
        {
            caller.RequireRole(UserRole.Admin);
            var policy = await db.LinkPolicies.FirstOrDefaultAsync(ct);
            if (policy is null)
            {
                policy = new LinkPolicy();
                db.LinkPolicies.Add(policy);
            }

            policy.MaxExpiryMinutes = command.MaxExpiryMinutes!.Value;
            policy.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(
                new AuditRecord("link.policy.changed", AuditOutcome.Succeeded, [],
                    new Dictionary<string, string> { ["maxExpiryMinutes"] = policy.MaxExpiryMinutes.ToString(CultureInfo.InvariantCulture) }),
                ct);
            return new PolicyDto(policy.MaxExpiryMinutes);
        }
    }
}
