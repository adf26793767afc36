using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Users;

/// <summary>
/// Admin: invites someone into the own tenant by email with a role. They choose their own password through the emailed
/// link (72 hours, once); until then they cannot sign in. Inviting the same pending person again sends a new link and
/// voids the old one.
/// </summary>
public static class InviteUser
{
    public sealed record Command(string? Email, string? DisplayName, UserRole? Role) : ICommand<InvitationDto>;

    /// <summary>The invited user's id and when the link ends.</summary>
    public sealed record InvitationDto(Guid Id, string Email, DateTimeOffset ExpiresAt);

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/invitations", async (Command command, IMediator mediator, CancellationToken ct) =>
            {
                var invitation = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/v1/users/{invitation.Id}", invitation);
            })
            .WithSummary("Admin: invite someone into your tenant by email; they choose their own password through the link (72 hours). Answers the invited user's id.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).ValidEmail();
            RuleFor(c => c.DisplayName).ValidName();
            RuleFor(c => c.Role).KnownValue();
        }
    }

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller, AccountProvisioning provisioning, Invitations invitations)
        : ICommandHandler<Command, InvitationDto>
    {
        public async ValueTask<InvitationDto> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Require(Ability.Administer);
            var normalized = User.NormalizeEmail(command.Email!);
            var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized && u.PasswordHash == "" && !u.IsDisabled, ct)
                ?? await provisioning.AddUserAsync(db, command.Email!, command.DisplayName!, command.Role!.Value, "", null, ct);
            var expires = await invitations.SendAsync(db, user, me.Tenant.Name, me.DisplayName, null, ct);
            return new InvitationDto(user.Id, user.Email, expires);
        }
    }
}
