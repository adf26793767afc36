using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Users;

/// <summary>A tenant Admin adds a user to the own tenant.</summary>
public static class CreateUser
{
    public sealed record Command(string? Email, string? DisplayName, UserRole? Role, string? Password) : ICommand<UserDto>, IHashesBeforeItsTransaction
    {
        public override string ToString() => Redacted.Text;
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/users", async (Command command, IMediator mediator, CancellationToken ct) =>
            {
                var user = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/v1/users/{user.Id}", user);
            })
            .WithSummary("Admin: add a user to the own tenant: with a one-time password, or, without one, invited by email to choose their own.")
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).ValidEmail();
            RuleFor(c => c.DisplayName).ValidName();
            RuleFor(c => c.Role).KnownValue();
            RuleFor(c => c.Password).ValidNewPassword().When(c => c.Password is not null);
        }
    }

    internal sealed class Handler(AccountsDbContext db, DbSession session, ICurrentUser caller, AccountProvisioning provisioning, Invitations invitations)
        : ICommandHandler<Command, UserDto>
    {
        public async ValueTask<UserDto> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Require(Ability.Administer);
            if (command.Password is null)
            {
                return await session.InTransactionAsync(
                    async () =>
                    {
                        var invitee = await provisioning.AddUserAsync(db, command.Email!, command.DisplayName!, command.Role!.Value, "", null, ct);
                        await invitations.SendAsync(db, invitee, me.Tenant.Name, me.DisplayName, null, ct);
                        return invitee.ToDto();
                    },
                    ct);
            }

            var hash = await provisioning.HashAsync(command.Password, ct);
            var user = await session.InTransactionAsync(
                () => provisioning.AddUserAsync(db, command.Email!, command.DisplayName!, command.Role!.Value, hash, null, ct, oneTimePassword: true), ct);
            return user.ToDto();
        }
    }
}
