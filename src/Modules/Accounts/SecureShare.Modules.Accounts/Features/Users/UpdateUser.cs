using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Users;

/// <summary>
/// An Admin changes a user's name, role, enabled state or password. A change of role, state or
/// password renews the security stamp, so the user's existing tokens stop working at once.
/// A tenant never loses its last enabled Admin.
/// </summary>
public static class UpdateUser
{
    public sealed record Body(string? DisplayName, UserRole? Role, bool? Disabled, string? Password)
    {
        public override string ToString() => Redacted.Text;
    }

    public sealed record Command(Guid Id, string? DisplayName, UserRole? Role, bool? Disabled, string? Password) : ICommand<UserDto>, IHashesBeforeItsTransaction
    {
        public override string ToString() => Redacted.Text;
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPatch("/users/{id}", async (Guid id, Body body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Command(id, body.DisplayName, body.Role, body.Disabled, body.Password), ct)))
            .WithSummary("Admin: change a user's display name, role, disabled state or password.")
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.DisplayName).ValidName().When(c => c.DisplayName is not null);
            RuleFor(c => c.Role).IsInEnum().WithMessage($"Role must be one of: {string.Join(", ", Enum.GetNames<UserRole>())}.");
            RuleFor(c => c.Password).ValidNewPassword().When(c => c.Password is not null);
            RuleFor(c => c).Must(c => c.DisplayName is not null || c.Role is not null || c.Disabled is not null || c.Password is not null)
                .WithName("body").WithMessage("Give at least one of displayName, role, disabled, password.");
        }
    }

    internal sealed class Handler(AccountsDbContext db, DbSession session, ICurrentUser caller, AccountProvisioning provisioning, IAuditTrail audit)
        : ICommandHandler<Command, UserDto>
    {
        public async ValueTask<UserDto> Handle(Command command, CancellationToken ct)
        {
            caller.Require(Ability.Administer);
            var newHash = command.Password is { } given ? await provisioning.HashAsync(given, ct) : null;
            return await session.InTransactionAsync(() => ChangeAsync(command, newHash, ct), ct);
        }

        private async Task<UserDto> ChangeAsync(Command command, string? newHash, CancellationToken ct)
        {
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == command.Id, ct) ?? throw new NotFoundException("User");
            var changed = new Dictionary<string, string>();

            if (command.DisplayName is { } name && name != user.DisplayName)
            {
                user.DisplayName = name;
                changed["displayName"] = name;
            }

            if ((command.Role is { } r && r != UserRole.Admin) || command.Disabled == true)
            {
                await LastAdmin.EnsureAnotherAsync(db, user, ct);
            }

            if (command.Role is { } role && role != user.Role)
            {
                user.Role = role;
                changed["role"] = role.ToString();
            }

            if (command.Disabled is { } disabled && disabled != user.IsDisabled)
            {
                user.IsDisabled = disabled;
                changed["disabled"] = disabled ? "true" : "false";
            }

            if (newHash is not null)
            {
                user.PasswordHash = newHash;
                user.MustChangePassword = true; // a password an admin gives is one-time
                changed["password"] = "reset";
            }

            if (changed.Keys.Any(k => k is "role" or "disabled" or "password"))
            {
                user.RenewSecurityStamp();
            }

            if (changed.Count > 0)
            {
                await db.SaveChangesAsync(ct);
                await audit.RecordAsync(new AuditRecord(AccountAuditEvents.UserUpdated, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.User, user.Id, user.DisplayName)], changed), ct);
            }

            return user.ToDto();
        }
    }
}
