using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Credentials.Contracts;

namespace SecureShare.Modules.Accounts.Features.Tenants;

/// <summary>
/// Admin: changes the own tenant's sign-in policy; a field left out stays as it is. MFA required takes effect on the
/// next request of every session (a user without a second factor can then only enrol one); session lengths may only
/// be shorter than the installation's, and apply to sessions from now on (the idle timeout at once).
/// </summary>
public static class SetTenantPolicy
{
    public sealed record Command(
        bool? MfaRequired, bool? MfaRequiredForClients, int? SessionIdleMinutes, int? SessionMaxHours, bool? SsoRequired = null, int? FileQuotaMb = null)
        : ICommand<TenantPolicyDto>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/tenant/policy", async (Command command, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(command, ct)))
            .WithSummary("Admin: change your tenant's sign-in and file policy; fields left out stay as they are. ssoRequired needs single sign-on with a break-glass admin (PUT /tenant/sso).")
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AuthOptions options, FileSettings files)
        {
            RuleFor(c => c.FileQuotaMb).InclusiveBetween(1, files.TenantQuotaMb).When(c => c.FileQuotaMb is not null)
                .WithMessage($"fileQuotaMb is 1 to {files.TenantQuotaMb} (the installation's quota, MiB).");
            var idle = (int)options.SessionIdleTimeout.TotalMinutes;
            var max = (int)options.SessionMaxLifetime.TotalHours;
            RuleFor(c => c.SessionIdleMinutes).InclusiveBetween(5, idle).When(c => c.SessionIdleMinutes is not null)
                .WithMessage($"sessionIdleMinutes is 5 to {idle} (the installation's idle timeout).");
            RuleFor(c => c.SessionMaxHours).InclusiveBetween(1, max).When(c => c.SessionMaxHours is not null)
                .WithMessage($"sessionMaxHours is 1 to {max} (the installation's session length).");
        }
    }

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller, AuthOptions options, FileSettings files, IAuditTrail audit) : ICommandHandler<Command, TenantPolicyDto>
    {
        public async ValueTask<TenantPolicyDto> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Require(Ability.Administer);
            if (command.MfaRequiredForClients is not null && me.Tenant.Kind != TenantKind.Msp)
            {
                throw ValidationFailedException.For("mfaRequiredForClients", "Only an MSP requires MFA of its clients.");
            }

            var tenant = await db.Tenants.FirstAsync(t => t.Id == me.Tenant.Id, ct);
            if (command.SsoRequired == true && !tenant.SsoRequired
                && !await db.Sso.AnyAsync(s => s.BreakGlassUserIds != "", ct))
            {
                throw new ConflictException("Set up single sign-on with at least one break-glass admin first (PUT /api/v1/tenant/sso): they are the way in should the provider fail.");
            }

            var changes = new Dictionary<string, string>();
            void Note(string name, object? before, object? after)
            {
                if (!Equals(before, after))
                {
                    changes[name] = Convert.ToString(after, CultureInfo.InvariantCulture) ?? "";
                }
            }

            Note("mfaRequired", tenant.MfaRequired, tenant.MfaRequired = command.MfaRequired ?? tenant.MfaRequired);
            Note("mfaRequiredForClients", tenant.MfaRequiredForClients, tenant.MfaRequiredForClients = command.MfaRequiredForClients ?? tenant.MfaRequiredForClients);
            Note("sessionIdleMinutes", tenant.SessionIdleMinutes, tenant.SessionIdleMinutes = command.SessionIdleMinutes ?? tenant.SessionIdleMinutes);
            Note("ssoRequired", tenant.SsoRequired, tenant.SsoRequired = command.SsoRequired ?? tenant.SsoRequired);
            Note("sessionMaxHours", tenant.SessionMaxHours, tenant.SessionMaxHours = command.SessionMaxHours ?? tenant.SessionMaxHours);
            Note("fileQuotaMb", tenant.FileQuotaMb, tenant.FileQuotaMb = command.FileQuotaMb ?? tenant.FileQuotaMb);
            if (changes.Count > 0)
            {
                await db.SaveChangesAsync(ct);
                await audit.RecordAsync(new AuditRecord(AccountAuditEvents.TenantPolicyChanged, AuditOutcome.Succeeded, [], changes), ct);
            }

            return await TenantPolicies.OfAsync(db, tenant.Id, options, files, ct);
        }
    }
}
