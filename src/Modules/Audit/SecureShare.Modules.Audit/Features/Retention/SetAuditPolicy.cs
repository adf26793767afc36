using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Audit.Data;
using SecureShare.Modules.Audit.Domain;

namespace SecureShare.Modules.Audit.Features.Retention;

/// <summary>Admin: set how many days the own tenant keeps its audit events.</summary>
public static class SetAuditPolicy
{
    public sealed record Command(int? RetentionDays) : ICommand<AuditPolicyDto>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/audit/policy", async (Command command, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(command, ct)))
            .WithSummary("Admin: set how many days your tenant keeps its audit events (90 to 3650).");

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.RetentionDays).NotNull().InclusiveBetween(AuditPolicy.MinRetentionDays, AuditPolicy.MaxRetentionDays)
                .WithMessage($"retentionDays is {AuditPolicy.MinRetentionDays} to {AuditPolicy.MaxRetentionDays}.");
    }

    internal sealed class Handler(AuditDbContext db, ICurrentUser caller, TimeProvider clock, IAuditTrail audit) : ICommandHandler<Command, AuditPolicyDto>
    {
        public async ValueTask<AuditPolicyDto> Handle(Command command, CancellationToken ct)
        {
            caller.Require(Ability.Administer);
            var policy = await db.Policies.SingleOrDefaultAsync(ct);
            if (policy is null)
            {
                policy = new AuditPolicy();
                db.Policies.Add(policy);
            }

            policy.RetentionDays = command.RetentionDays!.Value;
            policy.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(
                new AuditRecord(AuditLogEvents.PolicyChanged, AuditOutcome.Succeeded, [],
                    new Dictionary<string, string> { ["retentionDays"] = policy.RetentionDays.ToString(CultureInfo.InvariantCulture) }),
                ct);
            return new AuditPolicyDto(policy.RetentionDays);
        }
    }
}
