using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Auth;

/// <summary>
/// Open signup of a new MSP, off unless configured (the embedded demo turns it on). Its answer is the same
/// 202 whether the email was free (the MSP and its Admin now exist: sign in) or already taken (nothing
/// happens), and takes about as long: nobody learns from it which addresses have accounts.
/// </summary>
public static class Signup
{
    public sealed record Command(string? MspName, string? Email, string? Password, string? DisplayName) : ICommand<Response>, IHashesBeforeItsTransaction
    {
        public override string ToString() => Redacted.Text;
    }

    public sealed record Response(string Status);

    internal static readonly Response Accepted =
        new("If this email can be used, the MSP and its Admin now exist: sign in with them. Nothing is said of addresses already in use.");

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/signup", async (Command command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Accepted("/api/v1/auth/login", await mediator.Send(command, ct)))
            .AllowAnonymous()
            .RequireRateLimiting(LoginRateLimit.Policy)
            .WithSummary("Create an MSP tenant and its first Admin (if signup is enabled); the answer never says whether the email was taken.");

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.MspName).ValidName();
            RuleFor(c => c.Email).ValidEmail();
            RuleFor(c => c.Password).ValidNewPassword();
            RuleFor(c => c.DisplayName).ValidName();
        }
    }

    internal sealed class Handler(AuthOptions options, DbSession session, AccountProvisioning provisioning) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken ct)
        {
            if (!options.SignupEnabled)
            {
                throw new NotFoundException("Signup");
            }

            var hash = await provisioning.HashAsync(command.Password!, ct); // first, whether or not the email is taken: the same cost either way
            if (await provisioning.EmailInUseAsync(command.Email!, ct))
            {
                return Accepted;
            }

            await session.InTransactionAsync(
                () => provisioning.CreateTenantAsync(
                    command.MspName!, TenantKind.Msp, null, command.Email!, hash, command.DisplayName!, new AuditActor(null, command.DisplayName!), ct),
                ct);
            return Accepted;
        }
    }
}
