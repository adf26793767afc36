using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Auth;

public static class Signup
{
    public sealed record Command(string? MspName, string? Email, string? Password, string? DisplayName) : ICommand<Response>
    {
        public override string ToString() => Redacted.Text;
    }

    public sealed record Response(Guid TenantId, Guid UserId);

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/signup", async (Command command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Created("/api/v1/me", await mediator.Send(command, ct)))
            .AllowAnonymous()
            .RequireRateLimiting(LoginRateLimit.Policy)
            .WithTags("Accounts")
            .WithSummary("Create an MSP tenant and its first Admin (if signup is enabled).");

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

    internal sealed class Handler(AuthOptions options, AccountProvisioning provisioning) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken ct)
        {
            if (!options.SignupEnabled)
            {
                throw new NotFoundException("Signup");
            }

            var actor = new AuditActor(null, command.DisplayName!);
            var (tenant, admin) = await provisioning.CreateTenantAsync(
                command.MspName!, TenantKind.Msp, null, command.Email!, command.Password!, command.DisplayName!, actor, ct);
            return new Response(tenant.Id, admin.Id);
        }
    }
}
