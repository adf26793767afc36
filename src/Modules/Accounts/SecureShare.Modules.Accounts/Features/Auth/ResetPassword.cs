using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Contracts;
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

    internal sealed class Handler(PasswordLinks links, SessionLifetimes sessions) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            await links.SetPasswordAsync(
                command.Token,
                command.Password!,
                LinkPurpose.PasswordReset,
                GoneDetail,
                AccountAuditEvents.PasswordReset,
                (users, hash) => users.Where(u => !u.IsDisabled).ExecuteUpdateAsync(
                    s => s
                        .SetProperty(u => u.PasswordHash, hash)
                        .SetProperty(u => u.SecurityStamp, User.NewSecurityStamp())
                        .SetProperty(u => u.MustChangePassword, false)
                        // A lockout earned at the second factor stays: a mailbox must not buy fresh guesses at the code.
                        .SetProperty(u => u.FailedLoginCount, u => u.TotpSecret == null && u.PasskeyCount == 0 ? 0 : u.FailedLoginCount)
                        .SetProperty(u => u.LockoutEndsAt, u => u.TotpSecret == null && u.PasskeyCount == 0 ? null : u.LockoutEndsAt),
                    ct),
                (tenantDb, user) => sessions.EndAsync(tenantDb, tenantDb.Sessions.Where(s => s.UserId == user.Id), "password reset", ct),
                ct);
            return Unit.Value;
        }
    }
}
