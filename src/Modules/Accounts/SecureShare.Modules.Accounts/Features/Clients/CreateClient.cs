using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Clients;

/// <summary>An MSP Admin creates a client tenant of this MSP with its first site admin.</summary>
public static class CreateClient
{
    public sealed record Command(string? Name, string? AdminEmail, string? AdminPassword, string? AdminDisplayName) : ICommand<ClientDto>, IHashesBeforeItsTransaction
    {
        public override string ToString() => Redacted.Text;
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/clients", async (Command command, IMediator mediator, CancellationToken ct) =>
            {
                var client = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/v1/clients/{client.Id}", client);
            })
            .WithSummary("MSP Admin: create a client tenant with its first site admin, invited by email (or given a one-time adminPassword).")
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).ValidName();
            RuleFor(c => c.AdminEmail).ValidEmail();
            RuleFor(c => c.AdminPassword).ValidNewPassword().When(c => c.AdminPassword is not null);
            RuleFor(c => c.AdminDisplayName).ValidName();
        }
    }

    internal sealed class Handler(
        DbSession session, ModuleDbContextFactory<AccountsDbContext> contexts, ICurrentUser caller, AccountProvisioning provisioning, Invitations invitations, IAuditTrail audit)
        : ICommandHandler<Command, ClientDto>
    {
        public async ValueTask<ClientDto> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Required;
            if (me.Tenant.Kind != TenantKind.Msp)
            {
                throw new NotFoundException("Clients");
            }

            caller.Require(Ability.Administer);
            // Without a password the site admin is invited by email; a given one is one-time: either way the MSP never knows theirs.
            var hash = command.AdminPassword is null ? "" : await provisioning.HashAsync(command.AdminPassword, ct);
            return await session.InTransactionAsync(
                async () =>
                {
                    var actor = new AuditActor(me.UserId, me.DisplayName, me.Tenant);
                    var (client, admin) = await provisioning.CreateTenantAsync(
                        command.Name!, TenantKind.Client, me.Tenant.Id, command.AdminEmail!, hash, command.AdminDisplayName!, actor, ct, oneTimePassword: hash != "");
                    if (hash == "")
                    {
                        using (TenantContext.Begin(client.ToInfo()))
                        {
                            await invitations.SendAsync(contexts.Create(), admin, client.Name, $"{me.DisplayName} ({me.Tenant.Name})", actor, ct);
                        }
                    }

                    await audit.RecordAsync(
                        new AuditRecord(AccountAuditEvents.ClientCreated, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.Tenant, client.Id, client.Name)],
                            new Dictionary<string, string> { ["name"] = client.Name }),
                        ct);
                    return new ClientDto(client.Id, client.Name);
                },
                ct);
        }
    }
}
