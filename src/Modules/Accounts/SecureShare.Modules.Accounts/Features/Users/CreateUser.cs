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
            .WithSummary("Admin: add a user to the own tenant.")
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).ValidEmail();
            RuleFor(c => c.DisplayName).ValidName();
            RuleFor(c => c.Role).KnownValue();
            RuleFor(c => c.Password).ValidNewPassword();
        }
    }

    internal sealed class Handler(AccountsDbContext db, DbSession session, ICurrentUser caller, AccountProvisioning provisioning) : ICommandHandler<Command, UserDto>
    {
        public async ValueTask<UserDto> Handle(Command command, CancellationToken ct)
        {
            caller.Require(Ability.Administer);
            var hash = await provisioning.HashAsync(command.Password!, ct);
            var user = await session.InTransactionAsync(
                () => provisioning.AddUserAsync(db, command.Email!, command.DisplayName!, command.Role!.Value, hash, null, ct, oneTimePassword: true), ct);
            return user.ToDto();
        }
    }
}
