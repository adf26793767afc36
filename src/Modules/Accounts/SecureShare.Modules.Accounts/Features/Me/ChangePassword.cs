using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;

namespace SecureShare.Modules.Accounts.Features.Me;

/// <summary>Changes the caller's own password; every token issued before stops working.</summary>
public static class ChangePassword
{
    public sealed record Command(string? CurrentPassword, string? NewPassword) : ICommand<bool>
    {
        public override string ToString() => Redacted.Text;
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/me/password", async (Command command, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(command, ct);
                return TypedResults.NoContent();
            })
            .WithTags("Accounts")
            .WithSummary("Change the caller's password (signs out every other session).");

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("Current password is required.").MaximumLength(ValidationRules.PasswordMaxLength);
            RuleFor(c => c.NewPassword).ValidNewPassword();
        }
    }

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller, IPasswordHasher<User> hasher, IAuditTrail audit)
        : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Required;
            var user = await db.Users.FirstAsync(u => u.Id == me.UserId, ct);
            if (hasher.VerifyHashedPassword(user, user.PasswordHash, command.CurrentPassword!) == PasswordVerificationResult.Failed)
            {
                throw ValidationFailedException.For("currentPassword", "The current password is incorrect.");
            }

            user.PasswordHash = hasher.HashPassword(user, command.NewPassword!);
            user.RenewSecurityStamp();
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(new AuditRecord(AuditEventTypes.PasswordChanged, AuditOutcome.Succeeded, [new AuditTarget("user", user.Id)]), ct);
            return true;
        }
    }
}
