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
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Auth;

/// <summary>
/// The invitee sets their own password through the emailed link: once, within 72 hours (410 otherwise). They then sign in
/// as anyone does (and enrol a second factor where their tenant requires one). The slow hash runs before the transaction.
/// </summary>
public static class AcceptInvitation
{
    public sealed record Command(string Token, string? Password) : ICommand<Response>, IHashesBeforeItsTransaction
    {
        public override string ToString() => Redacted.Text;
    }

    public sealed record Body(string? Password)
    {
        public override string ToString() => Redacted.Text;
    }

    /// <summary>The account the invitation was for, to sign in with.</summary>
    public sealed record Response(string Email);

    internal const string GoneDetail = "This invitation link was used or has expired. Ask your admin to invite you again.";

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/public/invitations/{token}/accept", async (string token, Body body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Command(token, body.Password), ct)))
            .AllowAnonymous()
            .RequireRateLimiting(LoginRateLimit.Policy)
            .WithSummary("Accept an invitation: set your password (the token is the one in the emailed link).")
            .ProducesProblem(StatusCodes.Status410Gone);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Password).ValidNewPassword();
    }

    internal sealed class Handler(
        AccountsDbContext db, ModuleDbContextFactory<AccountsDbContext> contexts, DbSession session, AccountProvisioning provisioning, TimeProvider clock, IAuditTrail audit)
        : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken ct)
        {
            var link = await SingleUseLinks.FindLiveAsync(db, command.Token, LinkPurpose.Invitation, clock.GetUtcNow(), ct) ?? throw new GoneException(GoneDetail);
            var hash = await provisioning.HashAsync(command.Password!, ct);

            // Deliberate bypass, keyed by the link the token named: the invitee has no session, hence no tenant, yet.
            var user = await db.Users.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking().FirstAsync(u => u.Id == link.UserId, ct);
            var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == user.TenantId, ct);
            using var scope = TenantContext.Begin(tenant.ToInfo());
            return await session.InTransactionAsync(
                async () =>
                {
                    var tenantDb = contexts.Create();
                    var now = clock.GetUtcNow();
                    var set = await SingleUseLinks.UseAsync(tenantDb, link.Id, now, ct)
                        && await tenantDb.Users.Where(u => u.Id == user.Id && u.PasswordHash == "" && !u.IsDisabled)
                            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, hash).SetProperty(u => u.SecurityStamp, User.NewSecurityStamp()), ct) == 1;
                    if (!set)
                    {
                        throw new GoneException(GoneDetail);
                    }

                    await audit.RecordAsync(
                        new AuditRecord(AccountAuditEvents.InvitationAccepted, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.User, user.Id, user.DisplayName)],
                            Actor: new AuditActor(user.Id, user.DisplayName)),
                        ct);
                    return new Response(user.Email);
                },
                ct);
        }
    }
}
