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
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Users;

public sealed record UserDto(Guid Id, string Email, string DisplayName, UserRole Role, bool Disabled);

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
            caller.RequireRole(UserRole.Admin);
            var hash = await provisioning.HashAsync(command.Password!, ct);
            var user = await session.InTransactionAsync(
                () => provisioning.AddUserAsync(db, command.Email!, command.DisplayName!, command.Role!.Value, hash, null, ct, oneTimePassword: true), ct);
            return user.ToDto();
        }
    }
}

public static class ListUsers
{
    public sealed record Query(int? Limit, string? Cursor) : IQuery<Page<UserDto>>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/users", async (int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(limit, cursor), ct)))
            .WithSummary("Admin: the users of the own tenant, by email.");

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller) : IQueryHandler<Query, Page<UserDto>>
    {
        public async ValueTask<Page<UserDto>> Handle(Query query, CancellationToken ct)
        {
            caller.RequireRole(UserRole.Admin);
            var limit = Paging.Limit(query.Limit);
            var after = Paging.Decode(query.Cursor);
            var rows = await db.Users
                .Where(u => after == null || string.Compare(u.NormalizedEmail, after) > 0)
                .OrderBy(u => u.NormalizedEmail)
                .Take(limit + 1)
                .ProjectToDto()
                .ToListAsync(ct);
            return Paging.ToPage(rows, limit, u => User.NormalizeEmail(u.Email));
        }
    }
}

public static class GetUser
{
    public sealed record Query(Guid Id) : IQuery<UserDto>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/users/{id}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(id), ct)))
            .WithSummary("Admin: one user of the own tenant.");

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller) : IQueryHandler<Query, UserDto>
    {
        public async ValueTask<UserDto> Handle(Query query, CancellationToken ct)
        {
            caller.RequireRole(UserRole.Admin);
            return await db.Users.Where(u => u.Id == query.Id).ProjectToDto().FirstOrDefaultAsync(ct)
                ?? throw new NotFoundException("User");
        }
    }
}

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
            caller.RequireRole(UserRole.Admin);
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

            var losesAdmin = user.Role == UserRole.Admin && !user.IsDisabled
                && ((command.Role is { } r && r != UserRole.Admin) || command.Disabled == true);
            if (losesAdmin && !await db.Users.AnyAsync(u => u.Id != user.Id && u.Role == UserRole.Admin && !u.IsDisabled, ct))
            {
                throw new ConflictException("This is the tenant's last enabled Admin; make another user Admin first.");
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
                await audit.RecordAsync(new AuditRecord(AuditEventTypes.UserUpdated, AuditOutcome.Succeeded, [new AuditTarget("user", user.Id)], changed), ct);
            }

            return user.ToDto();
        }
    }
}
