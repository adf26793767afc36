using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Auth;

/// <summary>
/// "Forgot my password": a 30-minute single-use link goes to the email of an active account. The answer is 202 whatever
/// the email (known, unknown, disabled, invited), and the email leaves in the background so that the time taken tells
/// nothing either; asking is limited per address and per account like sign-in.
/// </summary>
public static class RequestPasswordReset
{
    public sealed record Command(string? Email) : ICommand<Unit>;

    public const string UiPath = "/reset-password/";

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/public/password-reset", async (Command command, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(command, ct);
                return TypedResults.Accepted((string?)null);
            })
            .AllowAnonymous()
            .RequireRateLimiting(LoginRateLimit.Policy)
            .WithSummary("Ask for a password reset link by email; the answer is 202 whether or not the email has an account.");

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Email).NotEmpty().WithMessage("Email is required.").MaximumLength(ValidationRules.EmailMaxLength);
    }

    internal sealed class Handler(
        AccountsDbContext db,
        ModuleDbContextFactory<AccountsDbContext> contexts,
        DbSession session,
        LoginThrottle throttle,
        ICurrentUser caller,
        IEmailSender email,
        PublicAddress address,
        TimeProvider clock,
        IAuditTrail audit,
        ILogger<Handler> logger) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var normalized = User.NormalizeEmail(command.Email!);
            if (!await throttle.TryAcquireAsync(normalized, caller.IpAddress, ct))
            {
                throw new TooManyRequestsException("Too many requests for this account or network. Wait a minute and try again.", TimeSpan.FromMinutes(1));
            }

            // Deliberate bypass: the request names no tenant, and emails are unique across the installation.
            var user = await db.Users.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking()
                .FirstOrDefaultAsync(u => u.NormalizedEmail == normalized && !u.IsDisabled && u.PasswordHash != "", ct);
            if (user is null)
            {
                logger.LogWarning("Password reset asked for an email without an active account, from {Ip}", caller.IpAddress);
                return Unit.Value;
            }

            var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == user.TenantId, ct);
            using var scope = TenantContext.Begin(tenant.ToInfo());
            var tenantDb = contexts.Create();
            var (token, _) = await SingleUseLinks.IssueAsync(tenantDb, user.Id, LinkPurpose.PasswordReset, clock.GetUtcNow(), ct);
            await tenantDb.SaveChangesAsync(ct);
            await audit.RecordAsync(
                new AuditRecord(AccountAuditEvents.PasswordResetRequested, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.User, user.Id, user.DisplayName)],
                    new Dictionary<string, string> { ["ip"] = caller.IpAddress ?? "" }, new AuditActor(user.Id, user.DisplayName)),
                ct);
            var message = AccountEmails.PasswordReset(user.Email, user.DisplayName, address.BaseUrl + UiPath + token);
            await session.AfterCommitAsync(() =>
            {
                _ = SendAsync(message);
                return Task.CompletedTask;
            });
            return Unit.Value;
        }

        /// <summary>In the background: the answer must not wait for the mail server (its time would tell the email is known).</summary>
        private async Task SendAsync(EmailMessage message)
        {
            try
            {
                await email.SendAsync(message, CancellationToken.None);
            }
            catch (EmailNotSentException)
            {
                // logged by the sender, without the link
            }
            catch (Exception e)
            {
                logger.LogError(e, "A password reset email could not be sent");
            }
        }
    }
}
