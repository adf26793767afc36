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
/// Sets a new password through a reset link: once, within 30 minutes (410 otherwise). Every session of the account ends,
/// and a lockout is lifted unless the account has a second factor (its wrong codes keep counting); the second factor
/// stays as it was (a reset link alone never signs anyone in).
/// </summary>
public static class ResetPassword
{
    public sealed record Command(string Token, string? Password) : ICommand<Unit>, IHashesBeforeItsTransaction
    {
        public override string ToString() => Redacted.Text;
    }

    public sealed record Body(string? Password)
    {
        public override string ToString() => Redacted.Text;
    }

    internal const string GoneDetail = "This reset link was used or has expired. Ask for a new one.";

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/public/password-reset/{token}", async (string token, Body body, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new Command(token, body.Password), ct);
                return TypedResults.NoContent();
            })
            .AllowAnonymous()
            .RequireRateLimiting(LoginRateLimit.Policy)
            .WithSummary("Set a new password with the token of an emailed reset link; every session of the account ends.")
            .ProducesProblem(StatusCodes.Status410Gone);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Password).ValidNewPassword();
    }

    internal sealed class Handler(
        AccountsDbContext db,
        ModuleDbContextFactory<AccountsDbContext> contexts,
        DbSession session,
        AccountProvisioning provisioning,
        SessionLifetimes sessions,
        TimeProvider clock,
        IAuditTrail audit) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var link = await SingleUseLinks.FindLiveAsync(db, command.Token, LinkPurpose.PasswordReset, clock.GetUtcNow(), ct) ?? throw new GoneException(GoneDetail);
            var hash = await provisioning.HashAsync(command.Password!, ct);

            // Deliberate bypass, keyed by the link the token named: its holder has no session, hence no tenant.
            var user = await db.Users.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking().FirstAsync(u => u.Id == link.UserId, ct);
            var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == user.TenantId, ct);
            using var scope = TenantContext.Begin(tenant.ToInfo());
            return await session.InTransactionAsync(
                async () =>
                {
                    var tenantDb = contexts.Create();
                    var now = clock.GetUtcNow();
                    var set = await SingleUseLinks.UseAsync(tenantDb, link.Id, now, ct)
                        && await tenantDb.Users.Where(u => u.Id == user.Id && !u.IsDisabled).ExecuteUpdateAsync(
                            s => s
                                .SetProperty(u => u.PasswordHash, hash)
                                .SetProperty(u => u.SecurityStamp, User.NewSecurityStamp())
                                .SetProperty(u => u.MustChangePassword, false)
                                // A lockout earned at the second factor stays: a mailbox must not buy fresh guesses at the code.
                                .SetProperty(u => u.FailedLoginCount, u => u.TotpSecret == null ? 0 : u.FailedLoginCount)
                                .SetProperty(u => u.LockoutEndsAt, u => u.TotpSecret == null ? null : u.LockoutEndsAt),
                            ct) == 1;
                    if (!set)
                    {
                        throw new GoneException(GoneDetail);
                    }

                    await audit.RecordAsync(
                        new AuditRecord(AccountAuditEvents.PasswordReset, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.User, user.Id, user.DisplayName)],
                            Actor: new AuditActor(user.Id, user.DisplayName)),
                        ct);
                    await sessions.EndAsync(tenantDb, tenantDb.Sessions.Where(s => s.UserId == user.Id), "password reset", ct);
                    return Unit.Value;
                },
                ct);
        }
    }
}
