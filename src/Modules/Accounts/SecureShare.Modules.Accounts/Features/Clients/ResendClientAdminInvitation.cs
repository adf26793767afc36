using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Clients;

/// <summary>
/// MSP Admin: sends a client's first admin a new invitation (the first one expired, or its email never left); the older
/// link stops working. Only an admin who has not yet chosen a password is invited again: the MSP invites no one else there.
/// </summary>
public static class ResendClientAdminInvitation
{
    public sealed record Command(Guid ClientId) : ICommand<Response>;

    public sealed record Response(Guid UserId, string Email, DateTimeOffset ExpiresAt);

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/clients/{id}/admin-invitation", async (Guid id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Command(id), ct)))
            .WithSummary("MSP Admin: send a client's first admin, who has not chosen a password yet, a new invitation.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    internal sealed class Handler(AccountsDbContext db, ModuleDbContextFactory<AccountsDbContext> contexts, ICurrentUser caller, Invitations invitations)
        : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Require(Ability.Administer);
            var client = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == command.ClientId && t.ParentMspId == me.Tenant.Id, ct)
                ?? throw new NotFoundException("Client");
            using var scope = TenantContext.Begin(client.ToInfo());
            var clientDb = contexts.Create();
            var admin = await clientDb.Users.Where(u => u.Role == UserRole.Admin && u.PasswordHash == "" && !u.IsDisabled).OrderBy(u => u.CreatedAt).FirstOrDefaultAsync(ct)
                ?? throw new ConflictException("This client's admins have all chosen their passwords: there is no invitation to send again.");
            var actor = new AuditActor(me.UserId, me.DisplayName, me.Tenant);
            var expires = await invitations.SendAsync(clientDb, admin, client.Name, $"{me.DisplayName} ({me.Tenant.Name})", actor, ct);
            return new Response(admin.Id, admin.Email, expires);
        }
    }
}
