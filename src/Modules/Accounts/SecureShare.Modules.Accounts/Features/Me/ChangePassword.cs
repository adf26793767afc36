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
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Me;

/// <summary>
/// Changes the caller's own password: every other session of theirs ends, this one goes on (and, after a
/// one-time password an admin gave, may now do everything its role allows). A one-time password cannot be
/// kept as the new one: the admin knows it. The slow hashes run before the transaction.
/// </summary>
public static class ChangePassword
{
    public sealed record Command(string? CurrentPassword, string? NewPassword) : ICommand<bool>, IHashesBeforeItsTransaction
    {
        public override string ToString() => Redacted.Text;
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/me/password", async (Command command, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(command, ct);
                return TypedResults.NoContent();
            })
            .WithMetadata(AllowedInLimitedSession.BeforePasswordChange, AllowedInLimitedSession.BeforeMfaEnrolment)
            .WithSummary("Change the caller's password (ends every other session of theirs).")
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("Current password is required.").MaximumLength(ValidationRules.PasswordMaxLength);
            RuleFor(c => c.NewPassword).ValidNewPassword();
        }
    }

    internal sealed class Handler(
        AccountsDbContext db, DbSession session, ICurrentUser caller, IPasswordHasher<User> hasher, PasswordHashGate hashing, SessionLifetimes sessions,
        AuthOptions options, TimeProvider clock, IAuditTrail audit)
        : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Required;
            var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == me.UserId, ct);
            if (await hashing.RunAsync(() => hasher.VerifyHashedPassword(user, user.PasswordHash, command.CurrentPassword!), ct) == PasswordVerificationResult.Failed)
            {
                // A wrong current password counts towards lockout, as at sign-in: a stolen session cannot guess it freely.
                await session.InTransactionAsync(
                    async () =>
                    {
                        await Lockout.CountFailureAsync(db, me.UserId, options, clock.GetUtcNow(), ct);
                        await audit.RecordAsync(new AuditRecord(AccountAuditEvents.PasswordChangeFailed, AuditOutcome.Failed, [new AuditTarget(AuditTargetKinds.User, user.Id, user.DisplayName)]), ct);
                        return true;
                    },
                    ct);
                throw ValidationFailedException.For("currentPassword", "The current password is incorrect.");
            }

            if (user.MustChangePassword && command.NewPassword == command.CurrentPassword)
            {
                throw ValidationFailedException.For("newPassword", "Choose a password of your own: the one you were given is known to whoever gave it.");
            }

            var newHash = await hashing.RunAsync(() => hasher.HashPassword(user, command.NewPassword!), ct);
            return await session.InTransactionAsync(
                async () =>
                {
                    var checkedHash = user.PasswordHash;
                    var changed = await db.Users.Where(u => u.Id == me.UserId && u.PasswordHash == checkedHash).ExecuteUpdateAsync(
                        s => s.SetProperty(u => u.PasswordHash, newHash).SetProperty(u => u.MustChangePassword, false), ct);
                    if (changed == 0)
                    {
                        throw new ConflictException("The password changed meanwhile. Sign in again.");
                    }

                    await db.Sessions.Where(s => s.Id == me.SessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.PasswordChangeOnly, false), ct);
                    await sessions.EndAsync(db, db.Sessions.Where(s => s.UserId == me.UserId && s.Id != me.SessionId), "password changed", ct);
                    await db.MfaChallenges.Where(c => c.UserId == me.UserId && c.UsedAt == null).ExecuteDeleteAsync(ct); // the old password's second steps end too
                    await audit.RecordAsync(new AuditRecord(AccountAuditEvents.PasswordChanged, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.User, user.Id, user.DisplayName)]), ct);
                    return true;
                },
                ct);
        }
    }
}
