using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;

namespace SecureShare.Modules.Credentials.Features.Links;

/// <summary>Admin: set the longest expiry a link share of the tenant may have.</summary>
public static class SetLinkPolicy
{
    public sealed record Command(int? MaxExpiryMinutes) : ICommand<LinkPolicyDto>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/links/policy", async (Command command, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(command, ct)))
            .WithSummary("Admin: set the longest expiry a link share of your tenant may have.");

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.MaxExpiryMinutes).NotNull().InclusiveBetween(1, LinkLimits.PolicyCeilingMinutes)
                .WithMessage($"maxExpiryMinutes is 1 to {LinkLimits.PolicyCeilingMinutes} (90 days).");
    }

    internal sealed class Handler(CredentialsDbContext db, ICurrentUser caller, TimeProvider clock, IAuditTrail audit) : ICommandHandler<Command, LinkPolicyDto>
    {
        public async ValueTask<LinkPolicyDto> Handle(Command command, CancellationToken ct)
        {
            caller.Require(Ability.Administer);
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
                new AuditRecord(LinkAuditEvents.PolicyChanged, AuditOutcome.Succeeded, [],
                    new Dictionary<string, string> { ["maxExpiryMinutes"] = policy.MaxExpiryMinutes.ToString(CultureInfo.InvariantCulture) }),
                ct);
            return new LinkPolicyDto(policy.MaxExpiryMinutes);
        }
    }
}
