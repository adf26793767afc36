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

    internal sealed class Handler(PasswordLinks links) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken ct)
        {
            var user = await links.SetPasswordAsync(
                command.Token,
                command.Password!,
                LinkPurpose.Invitation,
                GoneDetail,
                AccountAuditEvents.InvitationAccepted,
                (users, hash) => users.Where(u => u.PasswordHash == "" && !u.IsDisabled)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, hash).SetProperty(u => u.SecurityStamp, User.NewSecurityStamp()), ct),
                then: null,
                ct);
            return new Response(user.Email);
        }
    }
}
